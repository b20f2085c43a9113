package dev.yantra.portal.pages;

import dev.yantra.portal.PortalUser;
import dev.yantra.portal.SecondFactor;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The signed-in user's own sessions (ending every other one) and how many recovery codes it has left. */
@Controller
@Guarded(Surface.PORTAL)
public class AccountPage {
    private final JdbcClient jdbc;
    private final SecondFactor factor;

    public AccountPage(JdbcClient jdbc, SecondFactor factor) {
        this.jdbc = jdbc;
        this.factor = factor;
    }

    @GetMapping("/portal/account")
    public String account(@AuthenticationPrincipal PortalUser me, Model model) {
        model.addAttribute("sessions", jdbc.sql("""
                        SELECT session_id, to_timestamp(creation_time / 1000.0) AS created, to_timestamp(last_access_time / 1000.0) AS last_seen
                        FROM portal_sessions WHERE principal_name = ? ORDER BY creation_time LIMIT 100""")
                .param(me.username()).query().listOfRows());
        model.addAttribute("recoveryLeft", factor.unusedRecoveryCodes(me.id()));
        return "portal/account";
    }

    /** Ends every session of this user except the one making the request (a lost laptop, a shared screen). */
    @PostMapping("/portal/account/end-other-sessions")
    public String endOthers(@AuthenticationPrincipal PortalUser me, HttpServletRequest request, Model model) {
        String current = request.getSession(false) == null ? "" : request.getSession(false).getId();
        int ended = jdbc.sql("DELETE FROM portal_sessions WHERE principal_name = ? AND session_id <> ?").params(me.username(), current).update();
        model.addAttribute("notice", ended + " other session(s) ended");
        return account(me, model);
    }

}
