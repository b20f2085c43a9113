package dev.yantra.portal.pages;

import dev.yantra.portal.Invitations;
import dev.yantra.portal.PortalLogin;
import dev.yantra.portal.PortalUser;
import dev.yantra.portal.SecondFactor;
import dev.yantra.portal.Totp;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The doors before a session: the login form, an invitation link (choose a password), and TOTP enrolment, which a
 * user whose password was right but who has no second factor yet is limited to (Spring Security grants it only
 * {@code PORTAL_ENROL}; PortalSecurity keeps every other portal route shut to it).
 */
@Controller
public class AuthPages {
    private final SecondFactor factor;
    private final Invitations invitations;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    public AuthPages(SecondFactor factor, Invitations invitations) {
        this.factor = factor;
        this.invitations = invitations;
    }

    @GetMapping("/portal/login")
    @Guarded(Surface.PUBLIC)
    public String login(HttpServletRequest request, Model model) {
        model.addAttribute("failed", request.getParameter("failed") != null);
        model.addAttribute("bye", request.getParameter("bye") != null);
        return "portal/login";
    }

    @GetMapping("/portal/invite/{token}")
    @Guarded(Surface.PUBLIC)
    public String invitation(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("invitee", invitations.invitee(token).orElse(null));
        return "portal/invite";
    }

    @PostMapping("/portal/invite/{token}")
    @Guarded(Surface.PUBLIC)
    public String acceptInvitation(@PathVariable String token, @RequestParam String password, @RequestParam String repeat, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("invitee", invitations.invitee(token).orElse(null));
        if (!password.equals(repeat)) {
            model.addAttribute("problem", "the two passwords differ");
            return "portal/invite";
        }
        try {
            PortalUser user = invitations.accept(token, password);
            model.addAttribute("created", user.username());
        } catch (dev.yantra.config.UsageException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "portal/invite";
    }

    @GetMapping("/portal/enrol")
    @Guarded(Surface.SELF_AUTHENTICATED)   // PortalSecurity: password checked, PORTAL_ENROL only
    public String enrol(Authentication auth, Model model) {
        PortalUser user = (PortalUser) auth.getPrincipal();
        String secret = factor.pendingSecret(user.id());
        model.addAttribute("username", user.username());
        model.addAttribute("secret", secret);
        model.addAttribute("uri", Totp.uri(SecondFactor.ISSUER, user.username(), secret));
        return "portal/enrol";
    }

    @PostMapping("/portal/enrol")
    @Guarded(Surface.SELF_AUTHENTICATED)
    public String confirmEnrolment(Authentication auth, @RequestParam String code, HttpServletRequest request,
                                   HttpServletResponse response, Model model) {
        PortalUser user = (PortalUser) auth.getPrincipal();
        List<String> recovery = factor.confirm(user.id(), user.username(), code.trim());
        if (recovery.isEmpty()) {
            model.addAttribute("problem", "that code is not the current one of this secret; check the phone's clock and try the next code");
            return enrol(auth, model);
        }
        // Both factors are now proven: the session gets the full authority, under a new id.
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(PortalLogin.enrolled(user));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        model.addAttribute("codes", recovery);
        return "portal/recovery-codes";
    }
}
