package dev.yantra.portal.pages.lottery;

import dev.yantra.config.NotFoundException;
import dev.yantra.lottery.bet.DrawResult;
import dev.yantra.lottery.results.ResultConflictException;
import dev.yantra.lottery.results.Results;
import dev.yantra.lottery.results.Settlement;
import dev.yantra.lottery.results.StoredResult;
import dev.yantra.portal.Permission;
import dev.yantra.portal.PortalUser;
import dev.yantra.portal.pages.Confirm;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.LinkedHashMap;
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
 * Draws and their results: enter a CLOSED draw's result, confirm it as a different platform user when the lottery
 * wants four eyes, correct it with a reason, each after a confirmation page; and how far each draw's settlement
 * got (plays evaluated, prizes waiting for approval, plays still pending at the banca). Every action is
 * {@link Results}, the service {@code yantra lottery result set|confirm|correct} calls, which audits it.
 */
@Controller
@Guarded(Surface.PORTAL)
public class DrawsPage {
    private final JdbcClient jdbc;
    private final Results results;

    public DrawsPage(JdbcClient jdbc, Results results) {
        this.jdbc = jdbc;
        this.results = results;
    }

    @GetMapping("/portal/lottery/draws")
    public String draws(@AuthenticationPrincipal PortalUser me, @RequestParam(required = false) String lottery,
                        @RequestParam(required = false) String state, Model model) {
        LotteryPages.platformOnly(me);
        String onlyLottery = lottery == null || lottery.isBlank() ? null : lottery.trim();
        String onlyState = state == null || state.isBlank() ? null : state.trim().toUpperCase(java.util.Locale.ROOT);
        model.addAttribute("lottery", onlyLottery);
        model.addAttribute("state", onlyState);
        // draws waiting for a result or a confirmation first, whatever their age; then the last three days and the next one
        model.addAttribute("draws", jdbc.sql("""
                        SELECT d.id, d.lottery_id, l.name AS lottery_name, l.has_pick3, l.results_four_eyes, d.draw_time, d.closes_at, d.state,
                               r.first, r.second, r.third, r.pick3, r.revision, r.entered_by, r.needs_confirmation, r.confirmed_by,
                               (r.draw_id IS NOT NULL) AS has_result,
                               (r.needs_confirmation AND r.confirmed_by IS NULL) AS awaiting_confirmation,
                               (SELECT count(*) FROM plays p WHERE p.draw_id = d.id) AS plays,
                               (SELECT count(*) FROM plays p WHERE p.draw_id = d.id AND p.result IS NOT NULL) AS evaluated,
                               (SELECT count(*) FROM plays p WHERE p.draw_id = d.id AND p.prize_status = 'awaiting_approval') AS prizes_awaiting,
                               (SELECT count(*) FROM plays p WHERE p.draw_id = d.id AND p.status IN ('QUEUED', 'AWAITING_WEBHOOK')) AS pending_at_banca
                        FROM draws d JOIN lotteries l ON l.id = d.lottery_id LEFT JOIN draw_results r ON r.draw_id = d.id
                        WHERE (CAST(:lottery AS text) IS NULL OR d.lottery_id = :lottery) AND (CAST(:state AS text) IS NULL OR d.state = :state)
                          AND (d.state IN ('CLOSED', 'RESULTED') OR d.draw_time BETWEEN now() - interval '3 days' AND now() + interval '1 day')
                        ORDER BY (d.state = 'CLOSED' AND r.draw_id IS NULL) DESC, coalesce(r.needs_confirmation AND r.confirmed_by IS NULL, false) DESC,
                                 d.draw_time DESC
                        LIMIT :limit""")
                .param("lottery", onlyLottery).param("state", onlyState).param("limit", LotteryPages.MAX_ROWS).query().listOfRows());
        return "portal/lottery-draws";
    }

    @PostMapping("/portal/lottery/draws/{id}/result")
    public String enter(@AuthenticationPrincipal PortalUser me, @PathVariable UUID id, @RequestParam(required = false) String numbers,
                        @RequestParam(required = false) String pick3, @RequestParam(required = false) String confirm, Model model) {
        LotteryPages.platformOnly(me);
        me.require(Permission.LOTTERY_OPERATIONS);
        Map<String, Object> draw = draw(id);
        DrawResult result = Results.parse(numbers, pick3);
        if (!Confirm.given(confirm)) {
            boolean fourEyes = Boolean.TRUE.equals(draw.get("results_four_eyes"));
            return Confirm.ask(model, "Enter the result of " + draw.get("lottery_name") + " at " + draw.get("draw_time"),
                    "/portal/lottery/draws/" + id + "/result",
                    fourEyes ? "The result is stored and waits for a different platform user's confirmation; nothing is settled until then."
                            : "The result is stored and the draw's " + draw.get("plays") + " play(s) are settled at once: prizes are credited to the players' wallets.",
                    fields("numbers", numbers, "pick3", pick3), describe(draw, result));
        }
        Results.Entered e = results.set(id, result, me.changedBy(), "portal");
        model.addAttribute("notice", entered(e));
        return draws(me, null, null, model);
    }

    @PostMapping("/portal/lottery/draws/{id}/confirm")
    public String confirm(@AuthenticationPrincipal PortalUser me, @PathVariable UUID id, @RequestParam(required = false) String confirm,
                          Model model) {
        LotteryPages.platformOnly(me);
        me.require(Permission.LOTTERY_OPERATIONS);
        Map<String, Object> draw = draw(id);
        StoredResult r = results.find(id).orElseThrow(() -> new NotFoundException("draw " + id + " has no result"));
        if (!Confirm.given(confirm)) {
            // the service refuses it too; saying so before the confirmation page spares a pointless step
            if (r.enteredBy().equals(me.changedBy())) {
                throw new ResultConflictException("four_eyes", "you entered this result: a different platform user must confirm it");
            }
            return Confirm.ask(model, "Confirm the result of " + draw.get("lottery_name") + " at " + draw.get("draw_time"),
                    "/portal/lottery/draws/" + id + "/confirm",
                    "You confirm, as the second pair of eyes, the numbers " + r.enteredBy() + " entered; the draw's plays are then settled "
                            + "and prizes credited.", Map.of(), describe(draw, r.result()) + "\nentered by " + r.enteredBy());
        }
        Results.Entered e = results.confirm(id, me.changedBy());
        model.addAttribute("notice", entered(e));
        return draws(me, null, null, model);
    }

    @PostMapping("/portal/lottery/draws/{id}/correct")
    public String correct(@AuthenticationPrincipal PortalUser me, @PathVariable UUID id, @RequestParam(required = false) String numbers,
                          @RequestParam(required = false) String pick3, @RequestParam(required = false) String reason,
                          @RequestParam(required = false) String confirm, Model model) {
        LotteryPages.platformOnly(me);
        me.require(Permission.LOTTERY_OPERATIONS);
        Map<String, Object> draw = draw(id);
        StoredResult now = results.find(id).orElseThrow(() -> new NotFoundException("draw " + id + " has no result"));
        DrawResult result = Results.parse(numbers, pick3);
        if (reason == null || reason.isBlank()) throw new dev.yantra.config.UsageException("a correction needs a reason");
        if (!Confirm.given(confirm)) {
            return Confirm.ask(model, "Correct the result of " + draw.get("lottery_name") + " at " + draw.get("draw_time"),
                    "/portal/lottery/draws/" + id + "/correct",
                    "Every play of the draw is evaluated again: a prize that changes is reversed and credited anew (ledger rows are "
                            + "added, never rewritten). The old numbers stay in the audit log with your reason.",
                    fields("numbers", numbers, "pick3", pick3, "reason", reason),
                    "before: " + StoredResult.describe(now.result()) + " (revision " + now.revision() + ")\nafter:  "
                            + StoredResult.describe(result) + " (revision " + (now.revision() + 1) + ")\nreason: " + reason.trim());
        }
        Results.Entered e = results.correct(id, result, reason, me.changedBy());
        model.addAttribute("notice", entered(e));
        return draws(me, null, null, model);
    }

    /** The draw with its lottery, or 404. */
    private Map<String, Object> draw(UUID id) {
        return jdbc.sql("""
                        SELECT d.id, d.lottery_id, l.name AS lottery_name, l.results_four_eyes, d.draw_time, d.state,
                               (SELECT count(*) FROM plays p WHERE p.draw_id = d.id) AS plays
                        FROM draws d JOIN lotteries l ON l.id = d.lottery_id WHERE d.id = ?""")
                .param(id).query().listOfRows().stream().findFirst().orElseThrow(() -> new NotFoundException("no draw " + id));
    }

    private static String describe(Map<String, Object> draw, DrawResult result) {
        return "draw " + draw.get("id") + " (" + draw.get("lottery_id") + ", " + draw.get("state") + ")\nnumbers " + StoredResult.describe(result);
    }

    static Map<String, String> fields(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
        return m;
    }

    /** What the CLI prints after a result was entered, confirmed or corrected. */
    static String entered(Results.Entered e) {
        Settlement.Outcome o = e.settlement();
        return "draw " + e.result().drawId() + ": result " + StoredResult.describe(e.result().result()) + " (revision " + e.result().revision() + ")"
                + (e.result().releasable() ? "" : ", waiting for a different platform user's confirmation")
                + "; settled " + o.evaluated() + " play(s), " + o.credited() + " prize(s) credited, " + o.awaitingApproval()
                + " awaiting approval" + (o.corrected() > 0 ? ", " + o.corrected() + " re-evaluated" : "")
                + (o.drawSettled() ? "; draw SETTLED" : "");
    }
}
