package dev.yantra.portal.pages;

import dev.yantra.api.ApiException;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.portal.Permission;
import dev.yantra.portal.PortalUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every portal page shares: the signed-in user and its permissions for the menu ({@code me}, {@code can}),
 * and errors answered as a page rather than the API's JSON — 403 for a role that may not, 404 for an id outside
 * the user's scope (the same as an id that does not exist), 400 with the service's own message for bad input.
 */
@ControllerAdvice(basePackages = "dev.yantra.portal")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PortalAdvice {

    @ModelAttribute
    public void common(@AuthenticationPrincipal Object principal, Model model) {
        if (!(principal instanceof PortalUser me)) return;
        Map<Permission, Boolean> can = new EnumMap<>(Permission.class);
        for (Permission p : Permission.values()) can.put(p, me.can(p));
        model.addAttribute("me", me);
        model.addAttribute("can", can);
    }

    @ExceptionHandler(PortalUser.Denied.class)
    public String denied(PortalUser.Denied e, HttpServletResponse res, Model model) {
        return error(res, model, 403, "Not allowed", e.getMessage());
    }

    @ExceptionHandler({PortalUser.NotVisible.class, NotFoundException.class})
    public String notFound(RuntimeException e, HttpServletResponse res, Model model) {
        return error(res, model, 404, "Not found", "Nothing of that id within your scope.");
    }

    @ExceptionHandler({UsageException.class, IllegalArgumentException.class, MissingServletRequestParameterException.class,
            MethodArgumentTypeMismatchException.class})
    public String badInput(Exception e, HttpServletResponse res, Model model) {
        return error(res, model, 400, "Not done", e.getMessage());
    }

    @ExceptionHandler(ApiException.class)
    public String api(ApiException e, HttpServletResponse res, Model model) {
        return error(res, model, e.status(), "Not done", e.getMessage());
    }

    static String error(HttpServletResponse res, Model model, int status, String title, String message) {
        res.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "portal/error";
    }
}
