package dev.yantra.walletjobs;

import dev.yantra.admin.AdminAudit;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.jobs.Backoff;
import dev.yantra.jobs.JobTable;
import dev.yantra.jobs.JobsConfiguration;
import dev.yantra.jobs.PendingJobRunner;
import dev.yantra.server.NodeId;
import dev.yantra.wallet.WalletClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring wiring of the wallet job queue and its runner (started with the node, drained on shutdown). */
@Configuration(proxyBeanMethods = false)
public class WalletJobsConfiguration {

    @Bean
    public JobQueue jobQueue(Database db, AdminAudit audit) {
        return new JobQueue(db.jdbc(), JobsConfiguration.transactions(db), audit);
    }

    @Bean
    public WalletAdminQueue walletAdminQueue(JobQueue queue) {
        return new WalletAdminQueue(queue);
    }

    public static PendingJobRunner.Settings settings(YantraEnv env) {
        Duration lease = Duration.ofMillis(Math.max(30_000L, 3L * env.walletCallTimeoutMs()));
        return new PendingJobRunner.Settings(env.pendingJobConcurrency(), env.pendingJobMaxAttempts(), Backoff.DEFAULT,
                lease, Duration.ofMillis(250), Duration.ofSeconds(2));
    }

    /** The runner over pending_wallet_jobs. */
    public static PendingJobRunner<PendingWalletJob> walletRunner(Database db, WalletClient wallet, CounterpartyBreakers breakers,
                                                                  String node, PendingJobRunner.Settings settings,
                                                                  io.micrometer.core.instrument.MeterRegistry meters) {
        return walletRunner(db, wallet, breakers::blocked, node, settings, meters);
    }

    /** @param blocked operators whose jobs wait: breaker open, or settlements halted */
    public static PendingJobRunner<PendingWalletJob> walletRunner(Database db, WalletClient wallet,
                                                                  java.util.function.Supplier<java.util.List<String>> blocked,
                                                                  String node, PendingJobRunner.Settings settings,
                                                                  io.micrometer.core.instrument.MeterRegistry meters) {
        JobTable<PendingWalletJob> table = new JobTable<>(JobQueue.TABLE, "operator_id", db.jdbc(), JobsConfiguration.transactions(db),
                PendingWalletJob::map);
        return new PendingJobRunner<>("wallet-jobs", node, table, new WalletJobHandler(wallet,
                new dev.yantra.ops.metrics.SloMeters(meters)), settings, blocked, meters);
    }

    /**
     * Operators whose settlements are halted (the reconciliation playbook's lever): their jobs wait in the queue.
     * A halt of one game holds the operator's whole queue — holding more than asked is the safe side.
     */
    static java.util.List<String> settlementHalted(dev.yantra.control.ControlPlane control, Database db) {
        var halts = control.snapshot().halts().stream()
                .filter(h -> h.scope() == dev.yantra.control.KillSwitch.Scope.SETTLEMENTS).toList();
        if (halts.isEmpty()) return java.util.List.of();
        if (halts.stream().anyMatch(h -> h.operatorId() == null)) {
            return db.jdbc().sql("SELECT id::text FROM operators").query(String.class).list();
        }
        return halts.stream().map(h -> h.operatorId().toString()).distinct().toList();
    }

    @Bean
    public WalletJobsLifecycle walletJobsLifecycle(Database db, YantraEnv env, WalletClient wallet, CounterpartyBreakers walletBreakers,
                                                   NodeId node, JobQueue queue, PrometheusMeterRegistry registry,
                                                   dev.yantra.control.ControlPlane control) {
        java.util.function.Supplier<java.util.List<String>> blocked = () -> {
            java.util.List<String> out = new java.util.ArrayList<>(walletBreakers.blocked());
            out.addAll(settlementHalted(control, db));
            return out;
        };
        PendingJobRunner.Settings settings = settings(env);
        PendingJobRunner<PendingWalletJob> runner = walletRunner(db, wallet, blocked, node.value(), settings, registry);
        queue.onEnqueue(runner::wake);
        LiveJobSettings.bind(control, runner, settings.concurrency(), settings.maxAttempts());
        // pending_wallet_jobs{endpoint,operator} and _needs_attention are exported by ops.metrics.WalletJobGauges
        return new WalletJobsLifecycle(runner, Duration.ofSeconds(Math.max(1, env.shutdownGraceSeconds() - 5)));
    }

    /** Starts the runner with the context; on shutdown stops claiming first and drains within the grace. */
    public static final class WalletJobsLifecycle implements SmartLifecycle {
        private final PendingJobRunner<PendingWalletJob> runner;
        private final Duration grace;
        private volatile boolean started;

        WalletJobsLifecycle(PendingJobRunner<PendingWalletJob> runner, Duration grace) {
            this.runner = runner;
            this.grace = grace;
        }

        public PendingJobRunner<PendingWalletJob> runner() {
            return runner;
        }

        @Override
        public void start() {
            runner.start();
            started = true;
        }

        @Override
        public void stop() {
            runner.stop(grace);
            started = false;
        }

        @Override
        public boolean isRunning() {
            return started;
        }

        /** Stops before the web server: nothing new is claimed once the node drains. */
        @Override
        public int getPhase() {
            return dev.yantra.server.PhasedLifecycle.JOB_RUNNER;
        }
    }
}
