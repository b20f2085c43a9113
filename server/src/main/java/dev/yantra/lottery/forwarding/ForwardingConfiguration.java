package dev.yantra.lottery.forwarding;

import dev.yantra.breaker.BreakerSettings;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.jobs.Backoff;
import dev.yantra.jobs.JobTable;
import dev.yantra.jobs.JobsConfiguration;
import dev.yantra.jobs.PendingJobRunner;
import dev.yantra.lottery.bancas.BancaCredentials;
import dev.yantra.lottery.bancas.Bancas;
import dev.yantra.lottery.catalog.LotteryCatalog;
import dev.yantra.lottery.draw.DrawCancellation;
import dev.yantra.lottery.draw.DrawDirectory;
import dev.yantra.lottery.ledger.PlayerLedger;
import dev.yantra.lottery.player.PlayerLimits;
import dev.yantra.lottery.plays.CancelledDrawPlays;
import dev.yantra.lottery.plays.PlayService;
import dev.yantra.lottery.plays.PlayStore;
import dev.yantra.lottery.webhook.BancaWebhook;
import dev.yantra.server.NodeId;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring wiring of plays, forwarding and the webhook; the classes themselves know nothing of Spring. */
@Configuration(proxyBeanMethods = false)
public class ForwardingConfiguration {

    @Bean
    public PlayStore lotteryPlayStore(Database db, PlayerLedger ledger, PrometheusMeterRegistry registry,
                                      ObjectProvider<PlayStore.CardMoney> cardMoney) {
        return new PlayStore(db.jdbc(), ledger, registry, cardMoney.getIfAvailable(() -> PlayStore.CardMoney.NONE));
    }

    /** What a cancelled draw does to its plays; wired here beside the play store so the draw room needs no plays import. */
    @Bean
    public DrawCancellation.PlaysRelease cancelledDrawPlays(Database db, PlayStore plays) {
        return new CancelledDrawPlays(db.jdbc(), plays);
    }

    @Bean
    public BancaForwarding bancaForwarding(Database db, YantraEnv env, Bancas bancas, BancaCredentials credentials, PlayStore plays,
                                           NodeId node, PrometheusMeterRegistry registry, Clock clock,
                                           ObjectProvider<BancaForwarding.Timing> timing,
                                           ObjectProvider<BreakerSettings> breakerSettings) {
        // BREAKER_* env vars, as for the wallets; a BreakerSettings bean (tests) wins
        BreakerSettings settings = breakerSettings.getIfAvailable(() -> BreakerSettings.fromEnv());
        return BancaForwarding.create(db, env, bancas, credentials, plays, node.value(), registry, clock,
                timing.getIfAvailable(BancaForwarding.Timing::defaults), settings, env.surfaces().lottery());
    }

    /**
     * `yantra breaker force-open|force-closed|auto --banca X` (banca_breaker_overrides) reaches this node's banca
     * breakers through the control plane within a second: the job runner then neither claims nor sends that
     * banca's jobs, and the fail-safe's status poll is refused too (SignedHttpClient asks the same breaker).
     */
    @Bean
    public dev.yantra.wallet.BreakerOverrideSync bancaBreakerOverrideSync(BancaForwarding forwarding,
                                                                        dev.yantra.control.ControlPlane control) {
        return new dev.yantra.wallet.BreakerOverrideSync(forwarding.breakers(), dev.yantra.breaker.CounterpartyKind.BANCA, control);
    }

    /** pending_banca_jobs for `yantra jobs --queue banca` and /v1/admin/jobs?queue=banca. */
    @Bean
    public BancaJobQueue bancaJobQueue(Database db, PlayStore plays, BancaForwarding forwarding) {
        return new BancaJobQueue(db.jdbc(), JobsConfiguration.transactions(db), plays, new dev.yantra.admin.AdminAudit(db.jdbc()))
                .onRetry(forwarding::wake);
    }

    @Bean
    public PlayService lotteryPlayService(Database db, PlayStore plays, PlayerLedger ledger, PlayerLimits limits, Clock clock,
                                   BancaForwarding forwarding, ObjectProvider<dev.yantra.lottery.plays.CardCheckout> cards) {
        return new PlayService(db.jdbc(), JobsConfiguration.transactions(db), plays, new LotteryCatalog(db.jdbc()),
                new DrawDirectory(db.jdbc(), clock), ledger, limits, clock, forwarding::wake, cards.getIfAvailable());
    }

    @Bean
    public BancaWebhook bancaWebhook(Database db, BancaCredentials credentials, PlayStore plays, Clock clock,
                                     PrometheusMeterRegistry registry) {
        return new BancaWebhook(credentials, plays, db.jdbc(), JobsConfiguration.transactions(db), clock, registry);
    }

    /** The forwarding machinery of one node: banca breakers, client, job runner and fail-safe sweep. */
    public static final class BancaForwarding implements SmartLifecycle {
        /** Delays worth changing in tests: the wait after a 202, the fail-safe's pass interval, the retry backoff. */
        public record Timing(long statusCheckDelayMs, Duration sweepEvery, Duration idlePoll, Backoff backoff) {
            public static Timing defaults() {
                return new Timing(PlayAnswers.STATUS_CHECK_DELAY_MS, Duration.ofSeconds(5), Duration.ofMillis(250), Backoff.DEFAULT);
            }
        }

        private final CounterpartyBreakers breakers;
        private final BancaClient client;
        private final PendingJobRunner<BancaJob> runner;
        private final FailSafeSweep sweep;
        private final Timing timing;
        private final Duration grace;
        private final boolean lotteryServed;
        private final StuckPlayCheck stuckPlayCheck;
        private FailSafeSweep.Runner sweeping;
        private volatile boolean started;

        private BancaForwarding(CounterpartyBreakers breakers, BancaClient client, PendingJobRunner<BancaJob> runner,
                                FailSafeSweep sweep, Timing timing, Duration grace, boolean lotteryServed, StuckPlayCheck stuckPlayCheck) {
            this.lotteryServed = lotteryServed;
            this.stuckPlayCheck = stuckPlayCheck;
            this.breakers = breakers;
            this.client = client;
            this.runner = runner;
            this.sweep = sweep;
            this.timing = timing;
            this.grace = grace;
        }

        static BancaForwarding create(Database db, YantraEnv env, Bancas bancas, BancaCredentials credentials, PlayStore plays,
                                      String node, PrometheusMeterRegistry registry, Clock clock, Timing timing,
                                      BreakerSettings breakerSettings, boolean lotteryServed) {
            // one breaker per banca, keyed by its id, with its own banca_circuit_breaker_state{banca} series
            CounterpartyBreakers breakers = BancaClient.breakers(breakerSettings, registry);
            // every transition of every node, for the incident timeline (banca_breaker_transitions)
            breakers.onTransition((id, from, to) -> db.jdbc().sql("""
                            INSERT INTO banca_breaker_transitions (banca_id, node, from_state, to_state) VALUES (?, ?, ?, ?)""")
                    .params(java.util.UUID.fromString(id), node, from.name(), to.name()).update());
            BancaClient client = BancaClient.create(db, env, bancas, credentials, breakers, registry, clock);
            PlayAnswers answers = new PlayAnswers(plays, timing.statusCheckDelayMs());
            JobTable<BancaJob> table = new JobTable<>("pending_banca_jobs", "banca_id", "BANCA", db.jdbc(),
                    JobsConfiguration.transactions(db), BancaJob::map);
            Duration lease = Duration.ofMillis(Math.max(30_000L, 3L * env.bancaCallTimeoutMs()));
            PendingJobRunner.Settings settings = new PendingJobRunner.Settings(env.pendingJobConcurrency(), env.pendingJobMaxAttempts(),
                    timing.backoff(), lease, timing.idlePoll(), Duration.ofSeconds(2));
            PendingJobRunner<BancaJob> runner = new PendingJobRunner<>("banca-jobs", node, table,
                    new ForwardingHandler(plays, client, answers, db.jdbc()), settings, breakers::blocked, registry);
            FailSafeSweep sweep = new FailSafeSweep(db.jdbc(), JobsConfiguration.transactions(db), plays, client, answers);
            for (Bancas.Banca b : bancas.list()) preRegister(registry, breakers, b.id());
            // the portal's force-check asks through this node's client, so this node's banca breakers apply
            StuckPlayCheck stuck = new StuckPlayCheck(db.jdbc(), JobsConfiguration.transactions(db), plays, client, answers);
            return new BancaForwarding(breakers, client, runner, sweep, timing,
                    Duration.ofSeconds(Math.max(1, env.shutdownGraceSeconds() - 5)), lotteryServed, stuck);
        }

        static void preRegister(PrometheusMeterRegistry registry, CounterpartyBreakers breakers, java.util.UUID bancaId) {
            BancaClient.preRegister(registry, bancaId);
            breakers.state(bancaId.toString());   // creates the breaker and its banca_circuit_breaker_state{banca} gauge
        }

        public CounterpartyBreakers breakers() {
            return breakers;
        }

        /** The force-check of one stuck play through this node's banca client and breakers. */
        public StuckPlayCheck stuckPlayCheck() {
            return stuckPlayCheck;
        }

        public PendingJobRunner<BancaJob> runner() {
            return runner;
        }

        /** One fail-safe pass now (tests; the node also runs it every few seconds). */
        public int sweepNow() {
            return sweep.sweep();
        }

        public void wake() {
            runner.wake();
        }

        /** A node that does not serve the lottery (YANTRA_SURFACES=rgs) forwards nothing and runs no fail-safe. */
        @Override
        public synchronized void start() {
            started = true;
            if (!lotteryServed) return;
            runner.start();
            sweeping = new FailSafeSweep.Runner(sweep, timing.sweepEvery());
        }

        @Override
        public synchronized void stop() {
            if (sweeping != null) sweeping.close();
            runner.stop(grace);
            started = false;
        }

        @Override
        public boolean isRunning() {
            return started;
        }

        @Override
        public int getPhase() {
            return dev.yantra.server.PhasedLifecycle.JOB_RUNNER;
        }
    }
}
