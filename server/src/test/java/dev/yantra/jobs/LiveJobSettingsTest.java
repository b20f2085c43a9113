package dev.yantra.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.breaker.BreakerSettings;
import dev.yantra.control.ControlPlane;
import dev.yantra.control.RuntimeSetting;
import dev.yantra.demowallet.Faults;
import dev.yantra.ops.Readiness;
import dev.yantra.wallet.WalletFixture;
import dev.yantra.walletjobs.LiveJobSettings;
import dev.yantra.walletjobs.PendingWalletJob;
import dev.yantra.walletjobs.WalletJobsConfiguration;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * jobs.concurrency and jobs.maxAttempts set through the control store reach a running runner without a restart.
 * The demo wallet answers slowly, so tries stay in flight long enough to count them.
 */
class LiveJobSettingsTest {
    WalletFixture f;
    ControlPlane control;
    PendingJobRunner<PendingWalletJob> runner;

    @BeforeEach
    void setUp() {
        f = new WalletFixture(Duration.ofSeconds(5), BreakerSettings.DEFAULTS);
        control = new ControlPlane(f.jdbc, JobsConfiguration.transactions(f.db), f.meters, new Readiness());
        runner = WalletJobsConfiguration.walletRunner(f.db, f.client, f.breakers, "live-node",
                new PendingJobRunner.Settings(2, 50, JobRunnerTest.FAST, Duration.ofSeconds(30), Duration.ofMillis(20),
                        Duration.ofMillis(200)), f.meters);
        LiveJobSettings.bind(control, runner, 2, 50);
    }

    @AfterEach
    void tearDown() {
        runner.stop(Duration.ofSeconds(5));
        f.close();
    }

    void enqueueWins(int n) {
        f.jdbc.sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, player_ref, currency, amount_micro, request_uuid,
                       transaction_uuid, reference_transaction_uuid, payload)
                SELECT gen_random_uuid(), :op, 'WIN', 'live-' || (g % 20), 'LKR', 1000 + g, gen_random_uuid(), gen_random_uuid(),
                       gen_random_uuid(), '{"gameCode":"ketapola-dice"}'::jsonb FROM generate_series(1, :n) g""")
                .param("op", f.operatorId).param("n", n).update();
    }

    long open() {
        return f.jdbc.sql("SELECT count(*) FROM pending_wallet_jobs WHERE completed_at IS NULL").query(Long.class).single();
    }

    @Test
    void raising_then_lowering_jobs_concurrency_changes_how_many_tries_run_at_once() throws Exception {
        f.faults(Faults.NONE.withSlowMs(150));
        enqueueWins(400);
        runner.start();
        JobRunnerTest.await(() -> runner.inFlight() == 2, Duration.ofSeconds(10));
        runner.takePeakInFlight();
        JobRunnerTest.await(() -> open() <= 390, Duration.ofSeconds(20));
        assertThat(runner.takePeakInFlight()).as("at most the configured 2 in flight").isEqualTo(2);

        control.store().setSetting(RuntimeSetting.JOBS_CONCURRENCY, "12", "test");
        control.refresh();   // what the 500 ms poll does
        assertThat(runner.concurrency()).isEqualTo(12);
        JobRunnerTest.await(() -> runner.inFlight() == 12, Duration.ofSeconds(10));

        control.store().setSetting(RuntimeSetting.JOBS_CONCURRENCY, "3", "test");
        control.refresh();
        assertThat(runner.concurrency()).isEqualTo(3);
        // running tries are not interrupted: the limit bites as they finish
        JobRunnerTest.await(() -> runner.inFlight() <= 3, Duration.ofSeconds(10));
        runner.takePeakInFlight();
        long before = open();
        JobRunnerTest.await(() -> open() <= before - 15, Duration.ofSeconds(20));
        assertThat(runner.takePeakInFlight()).as("at most the lowered 3 in flight").isLessThanOrEqualTo(3);

        control.store().clearSetting(RuntimeSetting.JOBS_CONCURRENCY, "test");
        control.refresh();
        assertThat(runner.concurrency()).as("unset: the node's own value again").isEqualTo(2);
    }

    @Test
    void lowering_jobs_max_attempts_flags_a_failing_job_at_its_next_try() throws Exception {
        f.faults(Faults.NONE.withErrorRate(1.0));   // every try answered 503: a retry, never done
        enqueueWins(1);
        UUID job = f.jdbc.sql("SELECT id FROM pending_wallet_jobs").query(UUID.class).single();
        control.store().setSetting(RuntimeSetting.JOBS_MAX_ATTEMPTS, "1", "test");
        control.refresh();
        assertThat(runner.maxAttempts()).isEqualTo(1);
        runner.start();
        JobRunnerTest.await(() -> f.jdbc.sql("SELECT attempts FROM pending_wallet_jobs WHERE id = ?").param(job)
                .query(Integer.class).single() >= 1, Duration.ofSeconds(10));
        assertThat(f.jdbc.sql("SELECT needs_attention FROM pending_wallet_jobs WHERE id = ?").param(job).query(Boolean.class).single())
                .as("flagged after 1 attempt, not 50").isTrue();
    }
}
