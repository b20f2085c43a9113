package dev.yantra.retention;

import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.server.PhasedLifecycle;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's share of retention: it purges short-lived rows every RETENTION_PURGE_INTERVAL_MINUTES. Every node
 * may (the purge is idempotent and skips rows another node holds). Money and audit rows are archived only by
 * {@code yantra retention run} (the CronJob), whose archive directory is durable storage — a node's disk in a pod
 * is not, and an archive there would be a silent deletion.
 */
@Configuration(proxyBeanMethods = false)
public class RetentionConfiguration {
    private static final Logger log = LoggerFactory.getLogger(RetentionConfiguration.class);

    @Bean
    public PhasedLifecycle retentionPurge(Database db, YantraEnv env, ObjectProvider<RetentionSettings> settingsBean) {
        RetentionSettings settings = settingsBean.getIfAvailable(() -> RetentionSettings.fromEnv(dev.yantra.config.EnvVars.process(), env.dataDir()));
        ScheduledExecutorService[] holder = new ScheduledExecutorService[1];
        return new PhasedLifecycle(PhasedLifecycle.JOB_RUNNER, () -> {
            if (settings.purgeEvery().isZero()) return;
            holder[0] = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "retention-purge");
                t.setDaemon(true);
                return t;
            });
            Retention retention = new Retention(db.jdbc(), db.tx(), settings);
            long every = settings.purgeEvery().toMillis();
            // a random first delay: nodes started together do not all purge at the same moment
            holder[0].scheduleWithFixedDelay(() -> {
                try {
                    long n = retention.purgeShortLived(false).stream().mapToLong(Retention.Outcome::rows).sum();
                    if (n > 0) log.info("retention purged {} short-lived row(s)", n);
                } catch (RuntimeException e) {
                    log.warn("retention purge failed: {}", e.toString());
                }
            }, ThreadLocalRandom.current().nextLong(Math.max(1, every)), every, TimeUnit.MILLISECONDS);
        }, () -> {
            if (holder[0] != null) holder[0].shutdownNow();
        });
    }
}
