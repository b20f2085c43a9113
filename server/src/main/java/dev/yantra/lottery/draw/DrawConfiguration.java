package dev.yantra.lottery.draw;

import dev.yantra.admin.AdminAudit;
import dev.yantra.db.Database;
import dev.yantra.lottery.catalog.LotteryCatalog;
import dev.yantra.ops.Readiness;
import dev.yantra.server.NodeId;
import dev.yantra.server.PhasedLifecycle;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires draws and the draw scheduler from plain classes; Spring stops here. Every node runs a scheduler; the
 * lease lets one of them move draws. Its state shows in /health ({@code checks.drawScheduler}), in /readyz's
 * detail, and a stalled scheduler makes /health/ready and /readyz answer 503.
 */
@Configuration(proxyBeanMethods = false)
public class DrawConfiguration {
    @Bean
    public DrawDirectory drawDirectory(Database db, Clock clock) {
        return new DrawDirectory(db.jdbc(), clock);
    }

    @Bean
    public DrawStore drawStore(Database db) {
        return new DrawStore(db.jdbc());
    }

    @Bean
    public DrawCancellation drawCancellation(Database db, DrawDirectory directory, DrawStore store, Clock clock,
                                             DrawCancellation.PlaysRelease plays) {
        return new DrawCancellation(db.tx(), directory, store, new AdminAudit(db.jdbc()), clock, plays);
    }

    @Bean
    public DrawScheduler drawScheduler(Database db, DrawStore store, LotteryCatalog catalog, Clock clock, NodeId nodeId,
                                       Readiness readiness) {
        DrawScheduler scheduler = new DrawScheduler(new DrawSchedulerLease(db.jdbc(), nodeId.value()), store,
                new DrawGenerator(catalog), clock, DrawScheduler.Settings.DEFAULTS);
        readiness.register("drawScheduler", scheduler::stalledReason);
        readiness.registerHealthCheck("drawScheduler", () -> switch (scheduler.status().role()) {
            case STOPPED -> "stopped";
            case LEADER, STANDBY -> scheduler.stalledReason().isPresent() ? "down" : "ok";
        });
        readiness.registerDetail("drawScheduler", () -> detail(scheduler.status()));
        return scheduler;
    }

    private static Map<String, Object> detail(DrawScheduler.Status s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", s.role().name().toLowerCase(java.util.Locale.ROOT));
        if (s.epoch() != null) out.put("epoch", s.epoch());
        if (s.lastTickAgoMs() != null) out.put("lastTickAgoMs", s.lastTickAgoMs());
        if (s.lastError() != null) out.put("lastError", s.lastError());
        return out;
    }

    @Bean
    public PhasedLifecycle drawSchedulerLifecycle(DrawScheduler scheduler) {
        return new PhasedLifecycle(PhasedLifecycle.DRAW_SCHEDULER, scheduler::start, scheduler::close);
    }
}
