package dev.yantra.security;

import dev.yantra.admin.AdminAuthFilter;
import dev.yantra.api.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Runs after routing, before the handler: the handler the router chose declares its surface, and the principal
 * of that surface must be on the request. The authenticating filters run earlier by path; this check is by the
 * route itself, so no spelling of a path that reaches a handler can skip its authentication. A dev.yantra handler
 * that declares no surface is refused (fail closed) and logged as a bug.
 */
@Component
public class SurfaceGuard implements HandlerInterceptor, WebMvcConfigurer {
    /** The authority of a portal user who passed both factors (granted by portal.PortalLogin). */
    public static final String PORTAL_AUTHORITY = "PORTAL_USER";
    private static final Logger log = LoggerFactory.getLogger(SurfaceGuard.class);

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    /** The declared surface of a handler; empty for a dev.yantra handler that declares none. */
    public static Optional<Surface> surfaceOf(HandlerMethod handler) {
        Guarded g = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Guarded.class);
        if (g == null) g = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Guarded.class);
        if (g != null) return Optional.of(g.value());
        // Spring's own handlers (the error controller) are not ours to declare; they are public by nature.
        return handler.getBeanType().getName().startsWith("dev.yantra.") ? Optional.empty() : Optional.of(Surface.PUBLIC);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (!(handler instanceof HandlerMethod method)) return true;  // static resources: public by construction
        Optional<Surface> surface = surfaceOf(method);
        if (surface.isEmpty()) {
            log.error("handler {} declares no @Guarded surface; refused", method.getShortLogMessage());
            return refuse(response, 403, "route_not_guarded", "this route declares no guard and is refused");
        }
        return switch (surface.get()) {
            case PUBLIC, SELF_AUTHENTICATED -> true;
            case ADMIN -> hasAdmin(request) || refuse(response, 401, "invalid_admin_token", "a valid admin bearer token is required");
            case PORTAL -> hasPortalUser() || refuse(response, 401, "portal_login_required", "log in to the portal first");
            case OPERATOR -> request.getAttribute(AuthenticatedOperator.ATTRIBUTE) instanceof AuthenticatedOperator
                    || refuse(response, 401, "missing_signature_headers", "this route requires an operator's signed request");
        };
    }

    private static boolean hasAdmin(HttpServletRequest request) {
        return request.getAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE) instanceof String name && !name.isBlank();
    }

    private static boolean hasPortalUser() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated()
                && auth.getAuthorities().stream().anyMatch(a -> PORTAL_AUTHORITY.equals(a.getAuthority()));
    }

    private static boolean refuse(HttpServletResponse response, int status, String error, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(Json.error(error, message));
        return false;
    }
}
