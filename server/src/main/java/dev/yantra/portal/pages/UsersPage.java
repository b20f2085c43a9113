package dev.yantra.portal.pages;

import dev.yantra.config.YantraEnv;
import dev.yantra.portal.Invitations;
import dev.yantra.portal.Permission;
import dev.yantra.portal.PortalRole;
import dev.yantra.portal.PortalUser;
import dev.yantra.portal.PortalUsers;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Portal users: the list of the user's scope, invitations by one-time link (shown to the inviter, no mail is sent),
 * disabling a user and resetting its second factor. An operator admin manages its own operator's users only and
 * cannot grant a platform role; the same {@link PortalUsers} and {@link Invitations} the CLI uses.
 */
@Controller
@Guarded(Surface.PORTAL)
public class UsersPage {
    private final PortalUsers users;
    private final Invitations invitations;
    private final YantraEnv env;

    public UsersPage(PortalUsers users, Invitations invitations, YantraEnv env) {
        this.users = users;
        this.invitations = invitations;
        this.env = env;
    }

    @GetMapping("/portal/users")
    public String list(@AuthenticationPrincipal PortalUser me, Model model) {
        model.addAttribute("users", users.list(me.operatorFilter(null)));
        model.addAttribute("roles", Arrays.stream(PortalRole.values()).filter(r -> me.role().platform() || !r.platform()).map(PortalRole::label).toList());
        return "portal/users";
    }

    @PostMapping("/portal/users/invite")
    public String invite(@AuthenticationPrincipal PortalUser me, @RequestParam String username, @RequestParam String role,
                         @RequestParam(required = false) UUID operator, Model model) {
        me.require(Permission.MANAGE_USERS);
        PortalRole r = PortalRole.parse(role);
        UUID op = r.platform() ? null : (me.role().platform() ? operator : me.operatorId());
        if (!r.platform() && op == null) throw new IllegalArgumentException(r.label() + " needs an operator");
        if (op != null) me.requireOperator(op);
        if (!me.role().mayGrant(r, me.operatorId(), op)) throw new PortalUser.Denied(me.role().label() + " may not grant " + r.label());
        String token = invitations.invite(username, r, op, me.changedBy());
        model.addAttribute("inviteLink", env.publicBaseUrl().orElse("http://localhost:" + env.port()) + "/portal/invite/" + token);
        model.addAttribute("invited", username);
        return list(me, model);
    }

    @PostMapping("/portal/users/{username}/disable")
    public String disable(@AuthenticationPrincipal PortalUser me, @PathVariable String username,
                          @RequestParam(required = false) String confirm, Model model) {
        managed(me, username);
        if (!Confirm.given(confirm)) {
            return Confirm.ask(model, "Disable " + username, "/portal/users/" + username + "/disable",
                    "User " + username + " will not be able to log in, and its open sessions end on every node.", java.util.Map.of(), null);
        }
        users.disable(username, me.changedBy());
        model.addAttribute("notice", "user " + username + " disabled; its sessions ended");
        return list(me, model);
    }

    @PostMapping("/portal/users/{username}/reset-mfa")
    public String resetMfa(@AuthenticationPrincipal PortalUser me, @PathVariable String username,
                           @RequestParam(required = false) String confirm, Model model) {
        managed(me, username);
        if (!Confirm.given(confirm)) {
            return Confirm.ask(model, "Reset the second factor of " + username, "/portal/users/" + username + "/reset-mfa",
                    "Its authenticator and recovery codes stop working and its sessions end; it sets up a new one at its next login.",
                    java.util.Map.of(), null);
        }
        users.resetMfa(username, me.changedBy());
        model.addAttribute("notice", "second factor of " + username + " removed; it enrols again at its next login");
        return list(me, model);
    }

    /** The user named, if {@code me} may manage it: 404 outside the scope, 403 without the permission or for a platform user. */
    private PortalUsers.Account managed(PortalUser me, String username) {
        Optional<PortalUsers.Account> a = users.find(username);
        if (a.isEmpty() || !(a.get().user().role().platform() ? me.role().platform() : me.sees(a.get().user().operatorId()))) {
            throw new PortalUser.NotVisible();
        }
        me.require(Permission.MANAGE_USERS);
        if (!me.role().mayGrant(a.get().user().role(), me.operatorId(), a.get().user().operatorId())) {
            throw new PortalUser.Denied(me.role().label() + " may not manage a " + a.get().user().role().label());
        }
        return a.get();
    }
}
