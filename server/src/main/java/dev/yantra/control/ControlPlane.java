package dev.yantra.control;

import dev.yantra.ops.Readiness;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This node's view of the incident levers (kill switches, breaker overrides, runtime settings): re-read from the
 * database every 500 ms, so a lever pulled on any node or by the CLI is obeyed everywhere within a second.
 * The bet path asks {@link #snapshot()}; features that must react to a change subscribe with {@link #onChange}.
 */
@Component
public class ControlPlane implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);
    static final long POLL_MS = 500;

    private final ControlStore store;
    private final MultiGauge haltGauge;
    private final List<Consumer<ControlSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile ControlSnapshot snapshot = ControlSnapshot.EMPTY;
    private ScheduledExecutorService scheduler;

    public ControlPlane(JdbcClient jdbc, TransactionTemplate tx, PrometheusMeterRegistry registry, Readiness readiness) {
        this.store = new ControlStore(jdbc, tx);
        this.haltGauge = MultiGauge.builder("kill_switch_active")
                .description("1 per active halt of bets or settlements (scope, operator, game_code; '*' = all)")
                .register(registry);
        Gauge.builder("kill_switches_active_total", this, c -> c.snapshot.halts().size()).register(registry);
        readiness.registerDetail("halts", () -> snapshot.halts().stream().map(KillSwitch::describe).toList());
        refresh();
    }

    public ControlSnapshot snapshot() {
        return snapshot;
    }

    public ControlStore store() {
        return store;
    }

    public void onChange(Consumer<ControlSnapshot> listener) {
        listeners.add(listener);
        listener.accept(snapshot);
    }

    /** Re-reads now; also what tests call instead of waiting for the poll. */
    public void refresh() {
        ControlSnapshot next;
        try {
            next = store.read();
        } catch (RuntimeException e) {
            log.warn("cannot read control levers, keeping the last known: {}", e.getMessage());
            return;
        }
        if (next.equals(snapshot)) return;
        snapshot = next;
        haltGauge.register(next.halts().stream().map(h -> MultiGauge.Row.of(Tags.of(
                "scope", h.scope().name(),
                "operator", h.operatorId() == null ? "*" : h.operatorId().toString(),
                "game_code", h.gameCode() == null ? "*" : h.gameCode()), 1)).toList(), true);
        for (Consumer<ControlSnapshot> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                log.error("control listener failed: {}", e.getMessage(), e);
            }
        }
    }

    public Optional<KillSwitch> betHalt(java.util.UUID operatorId, String gameCode) {
        return snapshot.halts().stream()
                .filter(h -> h.scope() == KillSwitch.Scope.BETS && h.covers(operatorId, gameCode)).findFirst();
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("control-plane").factory());
        scheduler.scheduleWithFixedDelay(this::refresh, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) scheduler.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }
}
