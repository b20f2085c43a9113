package dev.yantra.walletjobs;

import dev.yantra.jobs.AdminQueue;
import dev.yantra.jobs.AdminQueues;

import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;

import dev.yantra.api.ApiException;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.admin.AdminAuthFilter;
import dev.yantra.control.ControlPlane;
import dev.yantra.wallet.protocol.WalletEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The manual overrides of the playbooks over HTTP (admin bearer token), over every queue of {@link AdminQueues}
 * (wallet, banca): {@code GET /v1/admin/jobs?queue=wallet|banca},
 * {@code POST /v1/admin/jobs/{id}/retry}, {@code POST /v1/admin/jobs/{id}/complete {"reason","nothingMoved"}},
 * {@code GET /v1/admin/circuit-breakers} (this node's breakers), {@code POST /v1/admin/circuit-breakers/{operatorId}
 * {"mode": "force-open|force-closed|auto", "reason"}} (stored like {@code yantra breaker}, applied on every node).
 * Authenticated by {@link AdminAuthFilter}; same effects and audit rows as {@code yantra jobs ...}.
 */
@RestController
@Guarded(Surface.ADMIN)
public class JobsAdminController {
    private final JobQueue queue;
    private final CounterpartyBreakers breakers;
    private final ControlPlane control;
    private final AdminQueues queues;

    public JobsAdminController(JobQueue queue, CounterpartyBreakers walletBreakers, ControlPlane control, AdminQueues queues) {
        this.queue = queue;
        this.breakers = walletBreakers;
        this.control = control;
        this.queues = queues;
    }

    /**
     * {@code ?queue=wallet} (default) lists pending_wallet_jobs as before; {@code ?queue=banca} pending_banca_jobs
     * ({@code banca} filters by banca id, {@code endpoint} by REGISTER|STATUS). Every row has {@code waitingFor}.
     */
    @GetMapping("/v1/admin/jobs")
    public Map<String, Object> list(@RequestAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE) String by,
                                    @RequestParam(value = "queue", required = false) String queueName,
                                    @RequestParam(value = "stuck", defaultValue = "false") boolean stuck,
                                    @RequestParam(value = "operator", required = false) UUID operator,
                                    @RequestParam(value = "banca", required = false) UUID banca,
                                    @RequestParam(value = "endpoint", required = false) String endpoint,
                                    @RequestParam(value = "all", defaultValue = "false") boolean all,
                                    @RequestParam(value = "limit", defaultValue = "100") int limit) {
        AdminQueue q;
        try {
            q = queues.named(queueName);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_queue", e.getMessage());
        }
        if (!q.name().equals("wallet")) {
            if (operator != null) throw new ApiException(400, "invalid_request", "'operator' filters the wallet queue; use 'banca'");
            List<Map<String, Object>> rows;
            try {
                rows = q.list(new AdminQueue.ListFilter(stuck, all, banca, endpoint, limit));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "invalid_request", e.getMessage());
            }
            return Map.of("queue", q.name(), "jobs", rows, "count", rows.size());
        }
        if (banca != null) throw new ApiException(400, "invalid_request", "'banca' filters the banca queue (queue=banca)");
        List<PendingWalletJob> found = queue.list(new JobQueue.Filter(stuck, all, operator, endpoint(endpoint), limit));
        Map<UUID, String> waits = queue.waits(found);
        List<Map<String, Object>> jobs = found.stream().map(j -> {
            Map<String, Object> m = j.toJson();
            m.put("waitingFor", waits.get(j.id()));
            return m;
        }).toList();
        return Map.of("jobs", jobs, "count", jobs.size());
    }

    /** Retry now: the job's queue is found by its id ({@code ?queue=} may name it; it must then hold the job). */
    @PostMapping("/v1/admin/jobs/{id}/retry")
    public Map<String, Object> retry(@RequestAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE) String by, @PathVariable UUID id,
                                     @RequestParam(value = "queue", required = false) String queueName) {
        return json(locate(id, queueName).retryNow(id, by));
    }

    @PostMapping("/v1/admin/jobs/{id}/complete")
    public Map<String, Object> complete(@RequestAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE) String by, @PathVariable UUID id,
                                        @RequestParam(value = "queue", required = false) String queueName,
                                        @RequestBody Map<String, Object> body) {
        Object reason = body.get("reason");
        if (!(reason instanceof String r) || r.isBlank()) throw new ApiException(400, "reason_required", "a reason is required");
        AdminQueue q = locate(id, queueName);
        try {
            return json(q.completeManually(id, r, Boolean.TRUE.equals(body.get("nothingMoved")), by));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", e.getMessage());
        }
    }

    private AdminQueue locate(UUID id, String queueName) {
        if (queueName == null || queueName.isBlank()) return queues.holding(id);
        AdminQueue q;
        try {
            q = queues.named(queueName);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_queue", e.getMessage());
        }
        if (!q.holds(id)) throw new dev.yantra.config.NotFoundException("no pending " + q.name() + " job " + id);
        return q;
    }

    private static Map<String, Object> json(AdminQueue.Outcome o) {
        Map<String, Object> out = new LinkedHashMap<>(o.json());
        out.putIfAbsent("message", o.message());
        return out;
    }

    @GetMapping("/v1/admin/circuit-breakers")
    public Map<String, Object> breakers(@RequestAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE) String by) {
        return Map.of("breakers", breakers.snapshot().stream().map(s -> s.toJson("operatorId")).toList());
    }

    @PostMapping("/v1/admin/circuit-breakers/{operatorId}")
    public Map<String, Object> force(@RequestAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE) String by,
                                     @PathVariable UUID operatorId, @RequestBody Map<String, Object> body) {
        CounterpartyBreakers.Mode mode;
        try {
            mode = CounterpartyBreakers.Mode.valueOf(String.valueOf(body.get("mode")).toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_mode", "mode must be auto, force_open or force_closed");
        }
        // stored centrally like `yantra breaker`: every node applies it within a second
        String stored = switch (mode) {
            case FORCE_OPEN -> "FORCED_OPEN";
            case FORCE_CLOSED -> "FORCED_CLOSED";
            case AUTO -> null;
        };
        Object reason = body.get("reason");
        control.store().overrideBreaker(operatorId, stored, reason == null ? null : String.valueOf(reason), by);
        control.refresh();
        return Map.of("operatorId", operatorId.toString(), "state", breakers.state(operatorId.toString()).name(),
                "scope", "every node within 1 s");
    }

    static Map<String, Object> manual(JobQueue.Manual m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", m.result().name());
        out.put("message", message(m));
        out.put("job", m.job().toJson());
        if (m.betId() != null) {
            out.put("betId", m.betId());
            out.put("betFrom", m.betFrom());
            out.put("betTo", m.betTo());
        }
        return out;
    }

    static String message(JobQueue.Manual m) {
        if (m.result() == JobQueue.ManualResult.ALREADY_COMPLETED) {
            return "job " + m.job().id() + " was already completed (" + m.job().completion() + " at " + m.job().completedAt()
                    + "); nothing changed";
        }
        return "job " + m.job().id() + " updated" + (m.betId() == null ? "" : "; bet " + m.betId() + " " + m.betFrom() + " -> " + m.betTo());
    }

    public static WalletEndpoint endpoint(String e) {
        if (e == null || e.isBlank()) return null;
        try {
            return WalletEndpoint.valueOf(e.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("endpoint must be WIN or ROLLBACK, was '" + e + "'");
        }
    }
}
