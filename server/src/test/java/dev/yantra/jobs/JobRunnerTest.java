package dev.yantra.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.admin.AdminAudit;
import dev.yantra.breaker.BreakerSettings;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.demowallet.Faults;
import dev.yantra.testing.Await;
import dev.yantra.wallet.WalletFixture;
import dev.yantra.walletjobs.JobQueue;
import dev.yantra.walletjobs.PendingWalletJob;
import dev.yantra.walletjobs.WalletJobsConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobRunnerTest {
    static final Backoff FAST = new Backoff(Duration.ofMillis(20), 2.0, 0.2, Duration.ofMillis(300));
    WalletFixture f;
    JobQueue queue;
    final List<PendingJobRunner<PendingWalletJob>> runners = new ArrayList<>();

    /**
     * The default thresholds, open for 1 s instead of 30: a test whose wallet fails on purpose (a forced error, a
     * slow answer on a loaded machine) may trip the breaker, and a 30 s pause then outlasts every wait below.
     */
    static final BreakerSettings BREAKER = BreakerSettings.DEFAULTS.withOpenDuration(Duration.ofSeconds(1));

    /**
     * The wallet call timeout: 2 s, so a call that is merely slow on a loaded machine is not a timeout (a spurious
     * retry journals a second call and changes the last error); the flaky-wallet run sets 300 ms, its timeouts are the point.
     */
    static final Duration WALLET_TIMEOUT = Duration.ofSeconds(2);

    /** The client the runners call the wallet with. */
    dev.yantra.wallet.WalletClient client;

    @BeforeEach
    void setUp() {
        f = new WalletFixture(WALLET_TIMEOUT, BREAKER);
        client = f.client;
        queue = new JobQueue(f.jdbc, JobsConfiguration.transactions(f.db), new AdminAudit(f.jdbc));
    }

    @AfterEach
    void tearDown() {
        runners.forEach(r -> r.stop(Duration.ofSeconds(2)));
        f.close();
    }

    /** How many times a runner has looked at the queue (it asks for the blocked operators on each look). */
    final java.util.concurrent.atomic.AtomicInteger looks = new java.util.concurrent.atomic.AtomicInteger();

    PendingJobRunner<PendingWalletJob> runner(String node, int concurrency, int maxAttempts, Duration lease) {
        PendingJobRunner<PendingWalletJob> r = WalletJobsConfiguration.walletRunner(f.db, client, () -> {
                    looks.incrementAndGet();
                    return f.breakers.blocked();
                }, node,
                new PendingJobRunner.Settings(concurrency, maxAttempts, FAST, lease, Duration.ofMillis(20), Duration.ofMillis(200)),
                f.meters);
        runners.add(r);
        return r;
    }

    JobTable<PendingWalletJob> table() {
        return new JobTable<>(JobQueue.TABLE, "operator_id", f.jdbc, JobsConfiguration.transactions(f.db), PendingWalletJob::map);
    }

    UUID enqueueWin(WalletFixture.Bet b) {
        // the bet was debited in the wallet first, as the money path does
        return queue.enqueueWin(f.jdbc, new JobQueue.WinJob(f.operatorId, b.id(), b.roundId(), b.playerRef(), "LKR", "ketapola-dice",
                b.amountMicro() * 2, UUID.randomUUID(), b.transactionUuid(), null, 0));
    }

    UUID enqueueRollback(WalletFixture.Bet b) {
        return queue.enqueueRollback(f.jdbc, new JobQueue.RollbackJob(f.operatorId, b.id(), b.roundId(), b.playerRef(), "LKR",
                "ketapola-dice", b.amountMicro(), UUID.randomUUID(), b.transactionUuid(), null, 0));
    }

    long open() {
        return f.jdbc.sql("SELECT count(*) FROM pending_wallet_jobs WHERE completed_at IS NULL").query(Long.class).single();
    }

    static void await(BooleanSupplier condition, Duration max) throws InterruptedException {
        // the tests' one wait: testing.Await
        Await.until("the condition", max, condition);
    }

    @Test
    void two_runners_over_one_table_complete_2000_jobs_exactly_once_through_a_flaky_wallet() throws Exception {
        client = f.clientWith(new dev.yantra.wallet.OutboundCredentials.Credential(WalletFixture.KID, WalletFixture.SECRET),
                Duration.ofMillis(300));   // below the 500 ms the slow answers take
        int n = 2000;
        // 2,000 winning bets of 200 players, inserted in one statement; WIN jobs for each
        WalletFixture.Bet seed = f.bet("seed", 1_000, "WIN_OWED");
        f.jdbc.sql("""
                INSERT INTO bets (id, round_id, session_id, operator_id, player_ref, currency, request_uuid, transaction_uuid,
                                  amount_micro, selection, state, payout_micro, win_transaction_uuid)
                SELECT gen_random_uuid(), b.round_id, b.session_id, b.operator_id, 'player-' || (g % 200), 'LKR', gen_random_uuid(),
                       gen_random_uuid(), 1000 + g, '{"side":"LOW"}'::jsonb, 'WIN_OWED', 2 * (1000 + g), gen_random_uuid()
                FROM bets b, generate_series(1, :n - 1) g WHERE b.id = :seed""").param("n", n).param("seed", seed.id()).update();
        f.jdbc.sql("UPDATE bets SET win_transaction_uuid = gen_random_uuid() WHERE id = ?").param(seed.id()).update();
        f.jdbc.sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, bet_id, round_id, player_ref, currency, amount_micro,
                                                 request_uuid, transaction_uuid, reference_transaction_uuid, payload)
                SELECT gen_random_uuid(), operator_id, 'WIN', id, round_id, player_ref, currency, payout_micro, gen_random_uuid(),
                       win_transaction_uuid, transaction_uuid, '{"gameCode":"ketapola-dice"}'::jsonb FROM bets""").update();
        assertThat(open()).isEqualTo(n);
        // 5 % answered 503 (nothing moves), 3 % processed but answered too late (money moved, caller never hears);
        // a run of failures may open the breaker now and then: 2 s open instead of 30 keeps the test's time steady
        f.breakers.apply(BreakerSettings.DEFAULTS.withOpenDuration(Duration.ofSeconds(2)));
        f.faults(Faults.NONE.withErrorRate(0.05).withTimeoutRate(0.03).withTimeoutSleepMs(500));
        long started = System.nanoTime();
        runner("node-a", 8, 50, Duration.ofSeconds(10)).start();
        runner("node-b", 8, 50, Duration.ofSeconds(10)).start();
        await(() -> open() == 0, Duration.ofSeconds(150));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("2000 WIN jobs through two runners in %.1f s (%.0f jobs/s)%n", seconds, n / seconds);

        // every transaction credited exactly once in the operator's ledger, to the micro
        Map<String, Object> ledger = f.jdbc.sql("""
                SELECT count(*) AS wins, count(DISTINCT transaction_uuid) AS distinct_wins, sum(amount_micro) AS total
                FROM demo_wallet_transactions WHERE kind = 'WIN'""").query().singleRow();
        long owed = f.jdbc.sql("SELECT sum(payout_micro) FROM bets").query(Long.class).single();
        assertThat(ledger.get("wins")).isEqualTo((long) n);
        assertThat(ledger.get("distinct_wins")).isEqualTo((long) n);
        assertThat(((Number) ledger.get("total")).longValue()).isEqualTo(owed);
        // every bet WON, every job completed once by the wallet
        assertThat(f.jdbc.sql("SELECT count(*) FROM bets WHERE state = 'WON'").query(Long.class).single()).isEqualTo(n);
        assertThat(f.jdbc.sql("SELECT count(*) FROM pending_wallet_jobs WHERE completion = 'WALLET'").query(Long.class).single()).isEqualTo(n);
        // each try journaled with the job's own ids; the last try of each job succeeded
        assertThat(f.jdbc.sql("""
                SELECT count(*) FROM wallet_calls c JOIN pending_wallet_jobs j ON j.id = c.job_id
                WHERE c.request_uuid <> j.request_uuid OR c.transaction_uuid <> j.transaction_uuid""").query(Long.class).single()).isZero();
        assertThat(f.jdbc.sql("""
                SELECT count(*) FROM pending_wallet_jobs j
                WHERE NOT EXISTS (SELECT 1 FROM wallet_calls c WHERE c.job_id = j.id AND c.succeeded AND c.attempt = j.attempts)""")
                .query(Long.class).single()).isZero();
        assertThat(f.jdbc.sql("SELECT count(*) FROM wallet_calls WHERE NOT succeeded").query(Long.class).single())
                .as("the faults were real").isPositive();
        // both nodes did work
        assertThat(f.jdbc.sql("SELECT count(DISTINCT completed_by) FROM pending_wallet_jobs").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void an_expired_lease_is_reclaimed_and_the_dead_nodes_late_write_changes_nothing() throws Exception {
        WalletFixture.Bet b = f.bet("lease", 10_000, "WIN_OWED");
        enqueueWin(b);
        JobTable<PendingWalletJob> t = table();
        List<PendingWalletJob> held = t.claim("dead-node", Duration.ofMillis(300), 10, List.of());
        assertThat(held).hasSize(1);
        assertThat(t.claim("other", Duration.ofSeconds(10), 10, List.of())).as("a live lease is not claimable").isEmpty();
        runner("node-a", 2, 50, Duration.ofSeconds(10)).start();
        await(() -> open() == 0, Duration.ofSeconds(10));
        assertThat(f.betState(b.id())).isEqualTo("WON");
        PendingWalletJob stale = held.getFirst();
        assertThat(t.retry(stale, null, "late", 0, false)).isFalse();
        assertThat(t.complete(stale, "dead-node", new JobOutcome.Done("RS_OK", false), j -> {
            throw new AssertionError("must not run");
        })).isFalse();
        assertThat(t.release(stale, 0)).isFalse();
        PendingWalletJob done = queue.find(stale.id()).orElseThrow();
        assertThat(done.completedBy()).isEqualTo("node-a");
        assertThat(done.completion()).isEqualTo("WALLET");
    }

    @Test
    void completed_rollbacks_settle_the_bet_in_the_same_transaction() throws Exception {
        // debited then in doubt: money comes back
        WalletFixture.Bet debited = f.bet("rb-1", 50_000, "UNCERTAIN");
        f.client.call(dev.yantra.wallet.WalletRequest.bet(f.operatorId, "rb-1", "LKR", "ketapola-dice", null, debited.id(),
                UUID.randomUUID(), debited.transactionUuid(), 50_000));
        // never reached the wallet
        WalletFixture.Bet unseen = f.bet("rb-2", 40_000, "UNCERTAIN");
        // round voided, but the operator forgot the bet
        WalletFixture.Bet voided = f.bet("rb-3", 30_000, "REFUND_OWED");
        enqueueRollback(debited);
        enqueueRollback(unseen);
        enqueueRollback(voided);
        runner("node-a", 4, 50, Duration.ofSeconds(10)).start();
        await(() -> open() == 0, Duration.ofSeconds(10));
        assertThat(f.betState(debited.id())).isEqualTo("REFUNDED");
        assertThat(f.balance("rb-1")).isEqualTo(1_000_000_000L);
        assertThat(f.betState(unseen.id())).isEqualTo("REJECTED");
        assertThat(f.betState(voided.id())).isEqualTo("REFUNDED");
        assertThat(f.jdbc.sql("SELECT resolution FROM bets WHERE id = ?").param(voided.id()).query(String.class).single())
                .isEqualTo("NOT_FOUND_AT_OPERATOR");
        assertThat(f.jdbc.sql("SELECT succeeded FROM wallet_calls WHERE bet_id = ? AND endpoint = 'ROLLBACK' ORDER BY attempt DESC LIMIT 1")
                .param(unseen.id()).query(Boolean.class).single()).as("the wallet's last answer: no such bet").isFalse();
    }

    @Test
    void jobs_of_an_operator_whose_breaker_is_open_wait_without_a_call() throws Exception {
        WalletFixture.Bet b = f.bet("wait", 10_000, "WIN_OWED");
        UUID job = enqueueWin(b);
        f.breakers.force(f.operatorId.toString(), CounterpartyBreakers.Mode.FORCE_OPEN);
        runner("node-a", 2, 50, Duration.ofSeconds(10)).start();
        // not a fixed sleep: the runner has looked at the queue ten times (20 ms apart when idle) with the breaker open
        await(() -> looks.get() >= 10, Duration.ofSeconds(10));
        assertThat(f.walletCalls()).isZero();
        assertThat(queue.find(job).orElseThrow().attempts()).isZero();
        f.breakers.force(f.operatorId.toString(), CounterpartyBreakers.Mode.AUTO);
        await(() -> open() == 0, Duration.ofSeconds(10));
        assertThat(f.betState(b.id())).isEqualTo("WON");
    }

    @Test
    void a_job_past_max_attempts_keeps_retrying_and_is_flagged_with_every_try_counted() throws Exception {
        WalletFixture.Bet b = f.bet("stuck", 10_000, "WIN_OWED");
        UUID job = enqueueWin(b);
        f.faults(Faults.NONE.withForced("WIN", "RS_ERROR_UNKNOWN"));
        runner("node-a", 2, 3, Duration.ofSeconds(10)).start();
        await(() -> queue.find(job).orElseThrow().attempts() >= 4, Duration.ofSeconds(10));
        PendingWalletJob j = queue.find(job).orElseThrow();
        assertThat(j.needsAttention()).isTrue();
        assertThat(j.lastError()).contains("RS_ERROR_UNKNOWN");
        assertThat(j.completedAt()).isNull();
        assertThat(f.jdbc.sql("SELECT max(attempt) FROM wallet_calls WHERE job_id = ?").param(job).query(Integer.class).single())
                .isGreaterThanOrEqualTo(4);
        assertThat(queue.list(new JobQueue.Filter(true, false, null, null, 10))).extracting(PendingWalletJob::id).contains(job);
        f.faults(Faults.NONE);
        await(() -> open() == 0, Duration.ofSeconds(10));
        assertThat(f.betState(b.id())).isEqualTo("WON");
    }

    @Test
    void a_drain_hands_back_the_leases_it_holds() throws Exception {
        WalletFixture.Bet b = f.bet("drain", 10_000, "WIN_OWED");
        UUID job = enqueueWin(b);
        f.faults(Faults.NONE.withSlowMs(2_000));
        PendingJobRunner<PendingWalletJob> r = runner("node-a", 2, 50, Duration.ofSeconds(30));
        r.start();
        await(() -> queue.find(job).orElseThrow().lockedBy() != null, Duration.ofSeconds(5));
        r.stop(Duration.ofMillis(200));
        PendingWalletJob j = queue.find(job).orElseThrow();
        assertThat(j.lockedBy()).isNull();
        assertThat(j.completedAt()).isNull();
        f.faults(Faults.NONE);
        runner("node-b", 2, 50, Duration.ofSeconds(30)).start();
        await(() -> open() == 0, Duration.ofSeconds(10));
        assertThat(f.jdbc.sql("SELECT count(*) FROM demo_wallet_transactions WHERE kind = 'WIN'").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void leases_and_backoff_use_the_database_clock_whatever_the_session_time_zone() throws Exception {
        WalletFixture.Bet b = f.bet("tz", 10_000, "WIN_OWED");
        UUID job = enqueueWin(b);
        var ds = new org.springframework.jdbc.datasource.SingleConnectionDataSource(f.db.dataSource().getConnection(), true);
        try {
            var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(ds);
            jdbc.sql("SET TIME ZONE 'Pacific/Kiritimati'").update();
            JobTable<PendingWalletJob> t = new JobTable<>(JobQueue.TABLE, "operator_id", jdbc,
                    new org.springframework.transaction.support.TransactionTemplate(
                            new org.springframework.jdbc.datasource.DataSourceTransactionManager(ds)), PendingWalletJob::map);
            List<PendingWalletJob> claimed = t.claim("tz-node", Duration.ofSeconds(60), 5, List.of());
            assertThat(claimed).hasSize(1);
            assertThat(t.retry(claimed.getFirst(), null, "later", 3_600_000, false)).isTrue();
            Double hours = jdbc.sql("SELECT extract(epoch FROM next_attempt_at - now()) / 3600 FROM pending_wallet_jobs WHERE id = ?")
                    .param(job).query(Double.class).single();
            assertThat(hours).isBetween(0.99, 1.01);
            assertThat(t.claim("tz-node", Duration.ofSeconds(60), 5, List.of())).as("not due for an hour").isEmpty();
        } finally {
            ds.destroy();
        }
    }
}
