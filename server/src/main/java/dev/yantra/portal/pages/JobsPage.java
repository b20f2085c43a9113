package dev.yantra.portal.pages;

import dev.yantra.jobs.AdminQueue;
import dev.yantra.jobs.AdminQueues;
import dev.yantra.portal.Permission;
import dev.yantra.portal.PortalUser;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The durable queues as {@code yantra jobs} shows them: open (or only stuck) jobs with why each waits, "retry now",
 * and "complete by hand" with a reason — through the same {@link AdminQueue}s, so the bet or play moves exactly as
 * from the CLI. Operator users see their own wallet jobs; the banca queue is the platform's.
 */
@Controller
@Guarded(Surface.PORTAL)
public class JobsPage {
    static final int MAX_ROWS = 200;
    private final JdbcClient jdbc;
    private final AdminQueues queues;

    public JobsPage(JdbcClient jdbc, AdminQueues queues) {
        this.jdbc = jdbc;
        this.queues = queues;
    }

    @GetMapping("/portal/jobs")
    public String list(@AuthenticationPrincipal PortalUser me, @RequestParam(defaultValue = "wallet") String queue,
                       @RequestParam(defaultValue = "false") boolean stuck, @RequestParam(required = false) UUID operator, Model model) {
        AdminQueue q = queues.named(queue);
        if (!q.name().equals("wallet") && !me.role().platform()) throw new PortalUser.NotVisible();
        if (operator != null) me.requireOperator(operator);
        UUID counterparty = q.name().equals("wallet") ? me.operatorFilter(operator).orElse(null) : null;
        model.addAttribute("queue", q.name());
        model.addAttribute("queues", me.role().platform() ? queues.names() : List.of("wallet"));
        model.addAttribute("stuck", stuck);
        model.addAttribute("jobs", q.list(new AdminQueue.ListFilter(stuck, false, counterparty, null, MAX_ROWS)));
        return "portal/jobs";
    }

    @GetMapping("/portal/jobs/{id}")
    public String job(@AuthenticationPrincipal PortalUser me, @PathVariable UUID id, Model model) {
        model.addAttribute("job", visible(me, id));
        model.addAttribute("id", id);
        return "portal/job";
    }

    @PostMapping("/portal/jobs/{id}/retry")
    public String retry(@AuthenticationPrincipal PortalUser me, @PathVariable UUID id, Model model) {
        visible(me, id);
        me.require(Permission.HANDLE_JOBS);
        AdminQueue.Outcome o = queues.holding(id).retryNow(id, me.changedBy());
        model.addAttribute("notice", o.message());
        return job(me, id, model);
    }

    @PostMapping("/portal/jobs/{id}/complete")
    public String complete(@AuthenticationPrincipal PortalUser me, @PathVariable UUID id, @RequestParam String reason,
                           @RequestParam(defaultValue = "false") boolean nothingMoved, @RequestParam(required = false) String confirm, Model model) {
        Map<String, Object> job = visible(me, id);
        me.require(Permission.HANDLE_JOBS);
        if (reason.isBlank()) throw new IllegalArgumentException("a reason is required to complete a job by hand");
        if (!Confirm.given(confirm)) {
            return Confirm.ask(model, "Complete job " + id + " by hand", "/portal/jobs/" + id + "/complete",
                    "The job stops being retried and its " + job.get("kind") + " is recorded as done by you"
                            + (nothingMoved ? " with no money moved" : "") + ". Only do this when the counterparty's own records confirm it.",
                    Map.of("reason", reason, "nothingMoved", String.valueOf(nothingMoved)), "reason: " + reason);
        }
        AdminQueue.Outcome o = queues.holding(id).completeManually(id, reason, nothingMoved, me.changedBy());
        model.addAttribute("notice", o.message());
        return job(me, id, model);
    }

    /** The job's row if it is the user's to see (its operator's wallet job, or any job for platform users); 404 otherwise. */
    private Map<String, Object> visible(PortalUser me, UUID id) {
        List<Map<String, Object>> wallet = jdbc.sql("""
                        SELECT id, 'wallet' AS queue, endpoint AS kind, operator_id, bet_id AS bet, player_ref, amount_micro, currency, attempts,
                               last_error, needs_attention, next_attempt_at, created_at, completed_at, completion, completed_by, completion_reason
                        FROM pending_wallet_jobs WHERE id = ?""").param(id).query().listOfRows();
        if (!wallet.isEmpty()) {
            me.requireOperator((UUID) wallet.getFirst().get("operator_id"));
            return new LinkedHashMap<>(wallet.getFirst());
        }
        if (!me.role().platform()) throw new PortalUser.NotVisible();
        return jdbc.sql("""
                        SELECT id, 'banca' AS queue, kind, banca_id, play_id, attempts, last_error, created_at, completed_at
                        FROM pending_banca_jobs WHERE id = ?""").param(id).query().listOfRows()
                .stream().findFirst().map(m -> (Map<String, Object>) new LinkedHashMap<>(m)).orElseThrow(PortalUser.NotVisible::new);
    }
}
