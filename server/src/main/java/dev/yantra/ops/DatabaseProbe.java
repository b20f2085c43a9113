package dev.yantra.ops;

import dev.yantra.db.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Asks the database every second, on its own connection with a 1 s timeout, whether it answers; readiness
 * reads the last answer. A busy or broken pool therefore cannot make /readyz itself hang.
 */
@Component
public class DatabaseProbe implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DatabaseProbe.class);
    private final Database database;
    private final Readiness readiness;
    private ScheduledExecutorService scheduler;

    public DatabaseProbe(Database database, Readiness readiness, PrometheusMeterRegistry registry) {
        this.database = database;
        this.readiness = readiness;
        io.micrometer.core.instrument.Gauge.builder("database_up", readiness, r -> r.databaseUp() ? 1 : 0)
                .description("1 when this node's database answers within 1 s").register(registry);
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("db-probe").factory());
        scheduler.scheduleWithFixedDelay(this::probe, 0, 1, TimeUnit.SECONDS);
    }

    private void probe() {
        boolean up = database.answersWithin(1);
        if (up != readiness.databaseUp()) {
            if (up) log.info("database answers again"); else log.error("database unreachable");
        }
        readiness.databaseUp(up);
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
