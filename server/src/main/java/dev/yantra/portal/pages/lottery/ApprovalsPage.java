package dev.yantra.portal.pages.lottery;

import dev.yantra.config.NotFoundException;
import dev.yantra.lottery.money.LotteryAmount;
import dev.yantra.lottery.results.Results;
import dev.yantra.lottery.withdrawals.Withdrawal;
import dev.yantra.lottery.withdrawals.Withdrawals;
import dev.yantra.portal.Permission;
import dev.yantra.portal.PortalUser;
import dev.yantra.portal.pages.Confirm;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
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
 * What waits for a platform user's decision: prizes above their lottery's approval threshold (approve: credited once
 * to the player's wallet, as {@code yantra lottery prize approve}) and players' withdrawals (approve, reject
 * with a reason the player sees, or record as paid with the transfer's reference, as {@code yantra lottery
 * withdrawal ...}). Each asks for confirmation first; the services audit it.
 */
@Controller
@Guarded(Surface.PORTAL)
public class ApprovalsPage {
    private final JdbcClient jdbc;
    private final Results results;
    private final Withdrawals withdrawals;

    public ApprovalsPage(JdbcClient jdbc, Results results, Withdrawals withdrawals) {
        this.jdbc = jdbc;
        this.results = results;
        this.withdrawals = withdrawals;
    }

    @GetMapping("/portal/lottery/approvals")
    public String approvals(@AuthenticationPrincipal PortalUser me, Model model) {
        LotteryPages.platformOnly(me);
        model.addAttribute("prizes", jdbc.sql("""
                        SELECT p.id, p.draw_id, p.lottery_id, pl.phone, p.bet_type, array_to_string(p.numbers, '-') AS numbers,
                               p.prize_amount_micro, p.prize_tax_micro, p.currency, p.updated_at
                        FROM plays p JOIN players pl ON pl.id = p.user_id
                        WHERE p.prize_status = 'awaiting_approval' ORDER BY p.updated_at, p.id LIMIT ?""")
                .param(LotteryPages.MAX_ROWS).query().listOfRows());
        model.addAttribute("withdrawals", jdbc.sql("""
                        SELECT w.id, pl.phone, w.amount_micro, w.currency, w.destination, w.status, w.decided_by, w.created_at
                        FROM withdrawals w JOIN players pl ON pl.id = w.user_id
                        WHERE w.status IN ('requested', 'approved') ORDER BY w.created_at, w.id LIMIT ?""")
                .param(LotteryPages.MAX_ROWS).query().listOfRows());
        return "portal/lottery-approvals";
    }

    @PostMapping("/portal/lottery/prizes/{id}/approve")
    public String approvePrize(@AuthenticationPrincipal PortalUser me, @PathVariable UUID id, @RequestParam(required = false) String confirm,
                               Model model) {
        LotteryPages.platformOnly(me);
        me.require(Permission.LOTTERY_OPERATIONS);
        Map<String, Object> p = jdbc.sql("SELECT prize_amount_micro, currency, prize_status FROM plays WHERE id = ?").param(id)
                .query().listOfRows().stream().findFirst().orElseThrow(() -> new NotFoundException("no play " + id));
        if (!Confirm.given(confirm)) {
            Object prize = p.get("prize_amount_micro");
            return Confirm.ask(model, "Approve the prize of play " + id, "/portal/lottery/prizes/" + id + "/approve",
                    "The prize is credited to the player's wallet, once.", Map.of(),
                    "prize " + (prize == null ? "none" : LotteryAmount.format(((Number) prize).longValue())) + " " + p.get("currency")
                            + " (status " + p.get("prize_status") + ")");
        }
        long credited = results.approvePrize(id, me.changedBy());
        model.addAttribute("notice", "play " + id + ": prize " + LotteryAmount.format(credited) + " credited");
        return approvals(me, model);
    }

    @PostMapping("/portal/lottery/withdrawals/{id}/{action}")
    public String decide(@AuthenticationPrincipal PortalUser me, @PathVariable UUID id, @PathVariable String action,
                         @RequestParam(required = false) String reason, @RequestParam(required = false) String reference,
                         @RequestParam(required = false) String confirm, Model model) {
        LotteryPages.platformOnly(me);
        me.require(Permission.LOTTERY_OPERATIONS);
        Withdrawal w = withdrawals.find(id).orElseThrow(() -> new NotFoundException("no withdrawal " + id));
        String consequence = switch (action) {
            case "approve" -> "The withdrawal may be paid; no money moves until it is recorded as paid.";
            case "reject" -> "The withdrawal is refused and its amount goes back to the player's wallet; the player sees the reason.";
            case "paid" -> "The withdrawal is recorded as paid outside Yantra with this transfer reference.";
            default -> throw new IllegalArgumentException("action must be approve, reject or paid, was '" + action + "'");
        };
        if (!Confirm.given(confirm)) {
            return Confirm.ask(model, action + " withdrawal " + id, "/portal/lottery/withdrawals/" + id + "/" + action, consequence,
                    DrawsPage.fields("reason", reason, "reference", reference),
                    LotteryAmount.format(w.amountMicro()) + " " + w.currency() + " to " + w.destination() + " (" + w.state().wire() + ")");
        }
        Withdrawal after = switch (action) {
            case "approve" -> withdrawals.approve(id, me.changedBy());
            case "reject" -> withdrawals.reject(id, reason, me.changedBy());
            default -> withdrawals.markPaid(id, reference, me.changedBy());
        };
        model.addAttribute("notice", "withdrawal " + id + ": " + after.state().wire());
        return approvals(me, model);
    }
}
