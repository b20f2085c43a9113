package dev.yantra.portal.pages;

import dev.yantra.operator.CredentialStore;
import dev.yantra.portal.Permission;
import dev.yantra.portal.PortalUser;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An operator's signing credentials: issue (the first of a kind is active at once, a later one is staged), activate
 * a staged one, rotate (a successor, the old one kept for the overlap) and revoke — through {@link CredentialStore},
 * as {@code yantra credential ...} does. A new secret is on the answering page once and never again.
 */
@Controller
@Guarded(Surface.PORTAL)
public class CredentialsPage {
    private final JdbcClient jdbc;
    private final CredentialStore credentials;

    public CredentialsPage(JdbcClient jdbc, CredentialStore credentials) {
        this.jdbc = jdbc;
        this.credentials = credentials;
    }

    @GetMapping("/portal/credentials")
    public String list(@AuthenticationPrincipal PortalUser me, @RequestParam(required = false) UUID operator, Model model) {
        List<Map<String, Object>> ops = Scoped.operators(jdbc, me, operator);
        List<CredentialStore.Credential> all = new ArrayList<>();
        for (Map<String, Object> op : ops) all.addAll(credentials.list((UUID) op.get("id")));
        model.addAttribute("operators", ops);
        model.addAttribute("credentials", all);
        return "portal/credentials";
    }

    @PostMapping("/portal/credentials/issue")
    public String issue(@AuthenticationPrincipal PortalUser me, @RequestParam UUID operator, @RequestParam String kind, Model model) {
        me.require(Permission.MANAGE_CREDENTIALS);
        me.requireOperator(operator);
        CredentialStore.Kind k = CredentialStore.Kind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        return shown(me, credentials.issue(operator, k, null, me.changedBy()), model);
    }

    @PostMapping("/portal/credentials/{kid}/activate")
    public String activate(@AuthenticationPrincipal PortalUser me, @PathVariable String kid, @RequestParam(required = false) String confirm, Model model) {
        CredentialStore.Credential c = owned(me, kid);
        if (!Confirm.given(confirm)) {
            return Confirm.ask(model, "Activate " + kid, "/portal/credentials/" + kid + "/activate",
                    (c.kind() == CredentialStore.Kind.OUTBOUND ? "We start signing wallet calls with " : "Requests are verified with ") + kid
                            + " now; the keys it replaces keep working for " + CredentialStore.DEFAULT_OVERLAP.toHours() + " hours.", Map.of(), null);
        }
        CredentialStore.Activated a = credentials.activate(kid, null, CredentialStore.DEFAULT_OVERLAP, me.changedBy());
        model.addAttribute("notice", kid + " is " + a.credential().state() + (a.retiring().isEmpty() ? "" : "; retiring: "
                + a.retiring().stream().map(CredentialStore.Credential::kid).toList()));
        return list(me, null, model);
    }

    @PostMapping("/portal/credentials/{kid}/rotate")
    public String rotate(@AuthenticationPrincipal PortalUser me, @PathVariable String kid, @RequestParam(required = false) String confirm, Model model) {
        owned(me, kid);
        if (!Confirm.given(confirm)) {
            return Confirm.ask(model, "Rotate " + kid, "/portal/credentials/" + kid + "/rotate",
                    "A successor of " + kid + " is made; " + kid + " keeps working for " + CredentialStore.DEFAULT_OVERLAP.toHours()
                            + " hours (an outbound successor signs only once you activate it).", Map.of(), null);
        }
        return shown(me, credentials.rotate(kid, CredentialStore.DEFAULT_OVERLAP, me.changedBy()), model);
    }

    @PostMapping("/portal/credentials/{kid}/revoke")
    public String revoke(@AuthenticationPrincipal PortalUser me, @PathVariable String kid, @RequestParam(required = false) String reason,
                         @RequestParam(required = false) String confirm, Model model) {
        owned(me, kid);
        if (!Confirm.given(confirm)) {
            return Confirm.ask(model, "Revoke " + kid, "/portal/credentials/" + kid + "/revoke",
                    "From now on every request signed with " + kid + " is refused, on every node. This cannot be undone.",
                    Map.of("reason", reason == null ? "" : reason), null);
        }
        boolean changed = credentials.revoke(kid, me.changedBy(), ConfigsPage.blankToNull(reason));
        model.addAttribute("notice", changed ? kid + " revoked" : kid + " was already revoked");
        return list(me, null, model);
    }

    private String shown(PortalUser me, CredentialStore.Issued issued, Model model) {
        model.addAttribute("issued", issued.credential());
        model.addAttribute("secret", issued.secret());
        return list(me, null, model);
    }

    /** The credential, if it is of an operator the user sees and it may manage credentials; 404 otherwise. */
    private CredentialStore.Credential owned(PortalUser me, String kid) {
        CredentialStore.Credential c;
        try {
            c = credentials.get(kid);
        } catch (dev.yantra.config.NotFoundException e) {
            throw new PortalUser.NotVisible();
        }
        me.requireOperator(c.operatorId());
        me.require(Permission.MANAGE_CREDENTIALS);
        return c;
    }

}
