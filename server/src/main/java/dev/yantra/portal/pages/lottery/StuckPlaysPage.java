package dev.yantra.portal.pages.lottery;

import dev.yantra.db.Database;
import dev.yantra.lottery.forwarding.ForwardingConfiguration;
import dev.yantra.lottery.forwarding.StuckPlayCheck;
import dev.yantra.lottery.reconcile.PlayForceCheck;
import dev.yantra.portal.Permission;
import dev.yantra.portal.PortalUser;
import dev.yantra.portal.pages.Confirm;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.time.Clock;
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
 * Plays pending at their banca (queued, or accepted and waiting for its webhook) for more than ten minutes, each
 * with a force-check: the confirmation page shows the dry run (what the banca says now, nothing changed), its
 * button asks the banca and settles the play with the answer through {@link PlayForceCheck}, the code of
 * {@code yantra lottery reconcile --force-check}.
 */
@Controller
@Guarded(Surface.PORTAL)
public class StuckPlaysPage {
    private final JdbcClient jdbc;
    private final PlayForceCheck forceCheck;

    public StuckPlaysPage(Database db, ForwardingConfiguration.BancaForwarding forwarding, Clock clock) {
        this.jdbc = db.jdbc();
        this.forceCheck = new PlayForceCheck(db, forwarding.stuckPlayCheck(), clock);
    }

    @GetMapping("/portal/lottery/stuck")
    public String stuck(@AuthenticationPrincipal PortalUser me, Model model) {
        LotteryPages.platformOnly(me);
        model.addAttribute("stuck", jdbc.sql("""
                        SELECT p.id, p.request_id, b.name AS banca, p.draw_id, d.state AS draw_state, p.status, p.amount_micro, p.currency,
                               p.needs_attention, p.created_at, p.updated_at,
                               (SELECT count(*) FROM banca_calls c WHERE c.play_id = p.id) AS banca_calls
                        FROM plays p JOIN bancas b ON b.id = p.banca_id JOIN draws d ON d.id = p.draw_id
                        WHERE p.status IN ('QUEUED', 'AWAITING_WEBHOOK') AND p.updated_at < now() - interval '10 minutes'
                        ORDER BY p.created_at LIMIT ?""").param(LotteryPages.MAX_ROWS).query().listOfRows());
        return "portal/lottery-stuck";
    }

    @PostMapping("/portal/lottery/stuck/{id}/force-check")
    public String check(@AuthenticationPrincipal PortalUser me, @PathVariable UUID id, @RequestParam(required = false) String confirm,
                        Model model) {
        LotteryPages.platformOnly(me);
        me.require(Permission.LOTTERY_OPERATIONS);
        if (!Confirm.given(confirm)) {
            StuckPlayCheck.Result dry = forceCheck.preview(id);
            return Confirm.ask(model, "Force-check play " + id, "/portal/lottery/stuck/" + id + "/force-check",
                    "The banca is asked about the play now and the play is settled with its answer: confirmed, rejected (money "
                            + "back to the player), or, once its draw has closed without a confirmation, failed and refunded.",
                    Map.of(), "dry run: " + describe(dry));
        }
        PlayForceCheck.Done done = forceCheck.run(id, me.changedBy());
        model.addAttribute("notice", "play " + id + ": " + describe(done.check()) + "; reconciliation run " + done.report().runId()
                + " " + done.report().status());
        return stuck(me, model);
    }

    static String describe(StuckPlayCheck.Result r) {
        return r.outcome().name().toLowerCase(java.util.Locale.ROOT) + ", " + r.before().name() + " -> " + r.after().name()
                + " (asked " + r.asked() + "): " + r.note();
    }
}
