package dev.yantra.portal;

import dev.yantra.security.SurfaceGuard;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * Spring Security for /portal and nothing else: the operator API, the admin API, players and bancas keep their own
 * filters (security.SurfaceGuard still checks every route after routing, portal routes included).
 *
 * <p>Form login at /portal/login (password and second factor in one form, {@link PortalLogin}); every other portal
 * route needs the full {@code PORTAL_USER} authority, except enrolment, which needs {@link PortalLogin#ENROL}. CSRF
 * tokens on every form (a cookie sent to /portal only, HttpOnly, compared with the form's field). An unauthenticated
 * request is answered 401 with a page that links to the login (never a redirect that a probe could follow, and no
 * session is created for it); a forbidden one 403. The session id changes at login; logout ends the session row.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class PortalSecurity {
    public static final String LOGIN = "/portal/login";

    @Bean
    public SecurityFilterChain portalChain(HttpSecurity http, PortalLogin login) throws Exception {
        CookieCsrfTokenRepository csrf = new CookieCsrfTokenRepository();
        csrf.setCookieName("YANTRA_PORTAL_CSRF");
        csrf.setCookiePath("/portal");
        csrf.setCookieCustomizer(c -> c.secure(true).httpOnly(true).sameSite("Strict"));
        http.securityMatcher("/portal", "/portal/**")
                .authenticationProvider(login)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(LOGIN, "/portal/assets/**", "/portal/invite/**").permitAll()
                        .requestMatchers("/portal/enrol", "/portal/enrol/**").hasAuthority(PortalLogin.ENROL)
                        .anyRequest().hasAuthority(SurfaceGuard.PORTAL_AUTHORITY))
                .formLogin(f -> f.loginPage(LOGIN).loginProcessingUrl(LOGIN)
                        .authenticationDetailsSource(PortalLogin.SecondFactorCode::of)
                        .successHandler((req, res, auth) -> res.sendRedirect(
                                auth.getAuthorities().stream().anyMatch(g -> g.getAuthority().equals(PortalLogin.ENROL)) ? "/portal/enrol" : "/portal"))
                        .failureHandler((req, res, e) -> res.sendRedirect(LOGIN + "?failed")))
                .logout(l -> l.logoutUrl("/portal/logout").logoutSuccessUrl(LOGIN + "?bye").invalidateHttpSession(true)
                        .deleteCookies(PortalConfiguration.SESSION_COOKIE))
                .csrf(c -> c.csrfTokenRepository(csrf))
                .requestCache(r -> r.disable())
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                // PageHeaders already sends nosniff, the CSP and the framing rule on every response
                .headers(h -> h.frameOptions(f -> f.disable()).contentTypeOptions(c -> c.disable()))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> page(res, 401, "Please log in",
                                "You are not logged in to the Yantra portal, or your session ended."))
                        .accessDeniedHandler((req, res, ex) -> page(res, 403, "Not allowed",
                                "Your role does not allow this, or the form was stale: reload the page and try again.")));
        return http.build();
    }

    /** A small self-contained HTML answer (no template engine in the filter chain); data reaches it as fixed text. */
    static void page(HttpServletResponse res, int status, String title, String text) throws java.io.IOException {
        res.setStatus(status);
        res.setContentType("text/html;charset=UTF-8");
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + " · Yantra portal</title>"
                + "<link rel=\"stylesheet\" href=\"/portal/assets/portal.css\"></head><body class=\"bare\"><main class=\"card\"><h1>"
                + title + "</h1><p>" + text + "</p><p><a href=\"" + LOGIN + "\">Log in</a></p></main></body></html>";
        res.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
    }
}
