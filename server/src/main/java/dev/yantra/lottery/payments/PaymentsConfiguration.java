package dev.yantra.lottery.payments;

import dev.yantra.breaker.BreakerSettings;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.config.EnvVars;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.jobs.Backoff;
import dev.yantra.jobs.JobTable;
import dev.yantra.jobs.JobsConfiguration;
import dev.yantra.jobs.PendingJobRunner;
import dev.yantra.lottery.forwarding.ForwardingConfiguration;
import dev.yantra.lottery.ledger.PlayerLedger;
import dev.yantra.lottery.plays.PlayStore;
import dev.yantra.server.NodeId;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring wiring of card payments; the classes themselves know nothing of Spring. */
@Configuration(proxyBeanMethods = false)
public class PaymentsConfiguration {

    /** Delays worth changing in tests: the SYNC safety net's first re-read, the sweep interval, the queue's pace. */
    public record Timing(long syncDelayMs, Duration sweepEvery, Duration idlePoll, Backoff backoff) {
        public static Timing defaults() {
            return new Timing(15_000, Duration.ofSeconds(5), Duration.ofMillis(250), Backoff.DEFAULT);
        }
    }

    @Bean
    public PaymentJobs paymentJobs(Database db) {
        return new PaymentJobs(db.jdbc());
    }

    @Bean
    public PaymentStore paymentStore(Database db) {
        return new PaymentStore(db.jdbc());
    }

    /** Without STRIPE_SECRET_KEY no Stripe client is built: card plays and top-ups are then refused as unavailable. */
    @Bean
    public Payments cardPaymentsRuntime(Database db, ObjectProvider<StripeSettings> stripeSettings, PaymentStore store, PaymentJobs jobs, PlayStore plays,
                             PlayerLedger ledger, ForwardingConfiguration.BancaForwarding forwarding, PrometheusMeterRegistry registry,
                             YantraEnv env, NodeId node, Clock clock, ObjectProvider<Timing> timing,
                             ObjectProvider<BreakerSettings> breakerSettings) {
        Timing t = timing.getIfAvailable(Timing::defaults);
        // STRIPE_* env vars; a StripeSettings bean (the demo's and the tests' stand-in) wins
        StripeSettings settings = stripeSettings.getIfAvailable(() -> StripeSettings.fromEnv(EnvVars.process()));
        CounterpartyBreakers breakers = new CounterpartyBreakers("stripe_", "counterparty", "counterparty",
                breakerSettings.getIfAvailable(() -> BreakerSettings.fromEnv()), registry);
        StripeGateway stripe = settings.configured()
                ? new StripeGateway(StripeGateway.client(settings), breakers, db.jdbc(), registry) : null;
        if (stripe == null) StripeGateway.preRegister(registry);
        PaymentSync sync = new PaymentSync(db.jdbc(), JobsConfiguration.transactions(db), store, plays, ledger, forwarding::wake);
        CardPayments cards = new CardPayments(settings, db.jdbc(), store, stripe, sync, t.syncDelayMs());
        TopUps topUps = new TopUps(cards, db.jdbc(), JobsConfiguration.transactions(db), store, stripe, sync, t.syncDelayMs());
        StripeWebhook webhook = new StripeWebhook(settings.webhookSecrets(), db.jdbc(), store, stripe, sync, registry);
        PendingJobRunner<PaymentJob> runner = null;
        if (stripe != null) {
            JobTable<PaymentJob> table = new JobTable<>("pending_payment_jobs", "counterparty", "STRIPE", db.jdbc(),
                    JobsConfiguration.transactions(db), PaymentJob::map);
            PendingJobRunner.Settings rs = new PendingJobRunner.Settings(Math.min(8, env.pendingJobConcurrency()),
                    env.pendingJobMaxAttempts(), t.backoff(), Duration.ofSeconds(90), t.idlePoll(), Duration.ofSeconds(2));
            runner = new PendingJobRunner<>("payment-jobs", node.value(), table,
                    new PaymentJobHandler(store, plays, stripe, sync, clock), rs, breakers::blocked, registry);
            jobs.wakeWith(runner::wake);
        }
        return new Payments(cards, topUps, webhook, runner, new AwaitingPaymentSweep(db.jdbc(), JobsConfiguration.transactions(db), plays),
                t, Duration.ofSeconds(Math.max(1, env.shutdownGraceSeconds() - 5)), env.surfaces().lottery() && stripe != null);
    }

    @Bean
    public CardPayments cardPayments(Payments p) {
        return p.cards();
    }

    @Bean
    public TopUps topUps(Payments p) {
        return p.topUps();
    }

    @Bean
    public StripeWebhook stripeWebhook(Payments p) {
        return p.webhook();
    }

    /** The payment machinery of one node: its job runner and the awaiting-payment fail-safe. */
    public static final class Payments implements SmartLifecycle {
        private final CardPayments cards;
        private final TopUps topUps;
        private final StripeWebhook webhook;
        private final PendingJobRunner<PaymentJob> runner;
        private final AwaitingPaymentSweep sweep;
        private final Timing timing;
        private final Duration grace;
        private final boolean active;
        private volatile Thread sweeping;
        private volatile boolean started;

        Payments(CardPayments cards, TopUps topUps, StripeWebhook webhook, PendingJobRunner<PaymentJob> runner, AwaitingPaymentSweep sweep,
                 Timing timing, Duration grace, boolean active) {
            this.cards = cards;
            this.topUps = topUps;
            this.webhook = webhook;
            this.runner = runner;
            this.sweep = sweep;
            this.timing = timing;
            this.grace = grace;
            this.active = active;
        }

        CardPayments cards() {
            return cards;
        }

        TopUps topUps() {
            return topUps;
        }

        StripeWebhook webhook() {
            return webhook;
        }

        /** One awaiting-payment fail-safe pass now (tests; the node runs it every few seconds). */
        public int sweepNow() {
            return sweep.sweep();
        }

        public PendingJobRunner<PaymentJob> runner() {
            return runner;
        }

        @Override
        public synchronized void start() {
            started = true;
            if (!active) return;
            runner.start();
            sweeping = Thread.ofVirtual().name("payments-failsafe").start(() -> {
                while (started) {
                    try {
                        sweep.sweep();
                    } catch (RuntimeException e) {
                        org.slf4j.LoggerFactory.getLogger(Payments.class).warn("awaiting-payment sweep failed: {}", e.toString());
                    }
                    try {
                        Thread.sleep(timing.sweepEvery().toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        @Override
        public synchronized void stop() {
            started = false;
            if (sweeping != null) sweeping.interrupt();
            if (runner != null && active) runner.stop(grace);
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
