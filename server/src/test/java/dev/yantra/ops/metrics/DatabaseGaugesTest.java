package dev.yantra.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The database-derived gauges on real Postgres: jobs and bets are inserted, the refreshed values checked. */
class DatabaseGaugesTest {
    static final String GAME = "ketapola-dice";
    static Database db;
    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();
    static UUID round;
    static UUID session;
    PrometheusMeterRegistry registry;
    DatabaseGauges gauges;

    @BeforeAll
    static void seed() {
        db = TestPostgres.freshDatabase();
        for (UUID op : new UUID[] {A, B}) {
            db.jdbc().sql("INSERT INTO operators (id, name, compliance_contact, allowed_currencies) VALUES (?, ?, 'c@x', '{LKR,USD}')")
                    .param(op).param("op-" + op).update();
        }
        config(A, "LKR", true, "{\"lowWeight\": 48, \"highWeight\": 48, \"commissionMicro\": 3000}");
        config(A, "USD", true, "{\"lowWeight\": 60, \"highWeight\": 36, \"commissionMicro\": 5000}");
        config(B, "LKR", false, "{\"lowWeight\": 48, \"highWeight\": 48, \"commissionMicro\": 3000}");
        UUID table = UUID.randomUUID();
        UUID chain = UUID.randomUUID();
        round = UUID.randomUUID();
        session = UUID.randomUUID();
        db.jdbc().sql("INSERT INTO game_tables (id, operator_id, game_code, currency) VALUES (?, ?, ?, 'LKR')")
                .param(table).param(A).param(GAME).update();
        db.jdbc().sql("INSERT INTO fairness_chains (id, table_id, client_seed, s0, length, seed_ciphertext) VALUES (?, ?, 'c', 's0', 10, 'x')")
                .param(chain).param(table).update();
        // the round's config differs from the current one: theoretical RTP follows the round, weighted by stake
        db.jdbc().sql("""
                INSERT INTO rounds (id, table_id, operator_id, game_code, currency, chain_id, nonce, server_seed_hash, client_seed,
                                    config_version, config, rng_version, build_hash, lease_epoch, state)
                VALUES (?, ?, ?, ?, 'LKR', ?, 1, 'h', 'c', 1, '{"lowWeight": 60, "highWeight": 36, "commissionMicro": 3000}'::jsonb,
                        'ketapola-rng-v1', 'b', 1, 'SETTLED')""")
                .param(round).param(table).param(A).param(GAME).param(chain).update();
        db.jdbc().sql("""
                INSERT INTO game_sessions (id, operator_id, request_uuid, player_ref, game_code, currency, token_hash, expires_at)
                VALUES (?, ?, gen_random_uuid(), 'p', ?, 'LKR', 't', now() + interval '1 day')""")
                .param(session).param(A).param(GAME).update();
    }

    static void config(UUID op, String currency, boolean enabled, String json) {
        db.jdbc().sql("INSERT INTO operator_game_configs (id, operator_id, game_code, currency, enabled, config) VALUES (gen_random_uuid(), ?, ?, ?, ?, ?::jsonb)")
                .param(op).param(GAME).param(currency).param(enabled).param(json).update();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void clear() {
        db.jdbc().sql("DELETE FROM pending_wallet_jobs").update();
        db.jdbc().sql("DELETE FROM bets").update();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        gauges = new DatabaseGauges(db.jdbc(), registry);
    }

    static Labels job(String endpoint, UUID op) {
        return Labels.of("endpoint", endpoint, "operator", op.toString());
    }

    static Labels rtp(UUID op, String currency) {
        return RtpGauges.labelsOf(GAME, op, currency);
    }

    void openJob(UUID op, String endpoint, String age, boolean completed, boolean needsAttention) {
        db.jdbc().sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, request_uuid, transaction_uuid, created_at, completed_at, needs_attention)
                VALUES (gen_random_uuid(), ?, ?, gen_random_uuid(), gen_random_uuid(), now() - ?::interval,
                        CASE WHEN ? THEN now() END, ?)""")
                .param(op).param(endpoint).param(age).param(completed).param(needsAttention).update();
    }

    @Test
    void reconciliation_status_reads_the_latest_stored_result_and_minus_one_for_an_operator_never_reconciled() {
        db.jdbc().sql("DELETE FROM reconciliation_results").update();
        db.jdbc().sql("""
                INSERT INTO reconciliation_results (operator_id, currency, business_date, status, source_file) VALUES
                  (?, 'LKR', date '2026-11-21', 'MATCH', 'a'), (?, 'LKR', date '2026-11-22', 'MAJOR_DRIFT', 'b')""")
                .param(A.toString()).param(A.toString()).update();
        gauges.refreshJobs();
        GaugeFamilies v = gauges.reconciliationValues();
        assertThat(v.value(ReconciliationGauges.STATUS, Labels.of("operator", A.toString(), "currency", "LKR"))).isEqualTo(2.0);
        assertThat(v.value(ReconciliationGauges.STATUS, Labels.of("operator", A.toString(), "currency", "ALL"))).isNull();
        assertThat(v.value(ReconciliationGauges.STATUS, Labels.of("operator", B.toString(), "currency", "ALL"))).isEqualTo(-1.0);
        // a restarted node (a new gauges object) still reports the drift: it lives in the table, not in memory
        DatabaseGauges restarted = new DatabaseGauges(db.jdbc(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        restarted.refreshJobs();
        assertThat(restarted.reconciliationValues().value(ReconciliationGauges.STATUS,
                Labels.of("operator", A.toString(), "currency", "LKR"))).isEqualTo(2.0);
        assertThat(registry.scrape()).contains("reconciliation_status{currency=\"LKR\",operator=\"" + A + "\"} 2.0");
    }

    @Test
    void every_job_series_exists_at_zero_for_every_operator_and_endpoint_before_any_job() {
        gauges.refreshJobs();
        for (UUID op : new UUID[] {A, B}) {
            for (String endpoint : WalletJobGauges.ENDPOINTS) {
                assertThat(gauges.jobValues().value(WalletJobGauges.DEPTH, job(endpoint, op))).isEqualTo(0.0);
                assertThat(gauges.jobValues().value(WalletJobGauges.OLDEST_AGE, job(endpoint, op))).isEqualTo(0.0);
            }
            assertThat(gauges.jobValues().value(WalletJobGauges.NEEDS_ATTENTION, Labels.of("operator", op.toString()))).isEqualTo(0.0);
        }
        assertThat(registry.scrape()).contains("pending_wallet_jobs{endpoint=\"ROLLBACK\",operator=\"" + A + "\"} 0.0");
    }

    @Test
    void open_jobs_are_counted_with_the_age_of_the_oldest_and_completed_ones_are_not() {
        openJob(A, "ROLLBACK", "10 minutes", false, false);
        openJob(A, "ROLLBACK", "1 minute", false, false);
        openJob(A, "ROLLBACK", "2 hours", true, false);
        openJob(B, "WIN", "30 seconds", false, true);
        gauges.refreshJobs();
        GaugeFamilies v = gauges.jobValues();
        assertThat(v.value(WalletJobGauges.DEPTH, job("ROLLBACK", A))).isEqualTo(2.0);
        assertThat(v.value(WalletJobGauges.OLDEST_AGE, job("ROLLBACK", A))).isBetween(600.0, 660.0);
        assertThat(v.value(WalletJobGauges.DEPTH, job("WIN", B))).isEqualTo(1.0);
        assertThat(v.value(WalletJobGauges.DEPTH, job("BET", A))).isEqualTo(0.0);
        assertThat(v.value(WalletJobGauges.NEEDS_ATTENTION, Labels.of("operator", B.toString()))).isEqualTo(1.0);
        assertThat(registry.scrape()).containsPattern("pending_wallet_jobs_oldest_age_seconds\\{endpoint=\"ROLLBACK\",operator=\"" + A + "\"} 6\\d\\d\\.");

        db.jdbc().sql("UPDATE pending_wallet_jobs SET completed_at = now() WHERE completed_at IS NULL").update();
        gauges.refreshJobs();
        assertThat(gauges.jobValues().value(WalletJobGauges.DEPTH, job("ROLLBACK", A))).isEqualTo(0.0);
        assertThat(gauges.jobValues().value(WalletJobGauges.OLDEST_AGE, job("ROLLBACK", A))).isEqualTo(0.0);
        assertThat(gauges.jobValues().value(WalletJobGauges.NEEDS_ATTENTION, Labels.of("operator", B.toString()))).isEqualTo(0.0);
    }

    @Test
    void without_bets_rtp_theoretical_and_counts_exist_for_enabled_configs_and_actual_and_sigma_are_absent() {
        gauges.refreshRtp();
        GaugeFamilies v = gauges.rtpValues();
        // equal weights: the mean of both sides = 1 - commission
        assertThat(v.value(RtpGauges.THEORETICAL, rtp(A, "LKR"))).isCloseTo(0.97, within(1e-12));
        assertThat(v.value(RtpGauges.THEORETICAL, rtp(A, "USD"))).isCloseTo(0.95, within(1e-12));
        assertThat(v.value(RtpGauges.BETS_24H, rtp(A, "LKR"))).isEqualTo(0.0);
        assertThat(v.value(RtpGauges.BETS_1H, rtp(A, "USD"))).isEqualTo(0.0);
        assertThat(v.value(RtpGauges.THEORETICAL, rtp(B, "LKR"))).as("disabled config").isNull();
        assertThat(v.value(RtpGauges.ACTUAL_24H, rtp(A, "LKR"))).isNull();
        assertThat(v.value(RtpGauges.SIGMA_24H, rtp(A, "LKR"))).isNull();
        assertThat(registry.scrape()).doesNotContain("rtp_actual_rolling_24h{").contains("rtp_theoretical{");
    }

    /** Bet i: LOW with 3.0 staked or HIGH with 1.0; every third wins 2 × stake × 0.97. */
    static long stake(int i) {
        return i % 2 == 0 ? 3_000_000 : 1_000_000;
    }

    static long payout(int i) {
        return i % 3 == 0 ? (long) Math.floor(2 * stake(i) * 0.97) : 0;
    }

    void settle(int from, int to, String settledAgo) {
        db.jdbc().sql("""
                INSERT INTO bets (id, round_id, session_id, operator_id, player_ref, currency, request_uuid, transaction_uuid,
                                  amount_micro, selection, side, state, payout_micro, settled_at)
                SELECT gen_random_uuid(), ?, ?, ?, 'p' || i, 'LKR', gen_random_uuid(), gen_random_uuid(),
                       CASE WHEN i % 2 = 0 THEN 3000000 ELSE 1000000 END, '{}'::jsonb,
                       CASE WHEN i % 2 = 0 THEN 'LOW' ELSE 'HIGH' END,
                       CASE WHEN i % 3 = 0 THEN 'WON' ELSE 'LOST' END,
                       CASE WHEN i % 3 = 0 THEN floor(2 * (CASE WHEN i % 2 = 0 THEN 3000000 ELSE 1000000 END) * 0.97) ELSE 0 END,
                       now() - ?::interval
                  FROM generate_series(?, ?) AS i""")
                .param(round).param(session).param(A).param(settledAgo).param(from).param(to - 1).update();
    }

    static RtpGauges.Sums sums(int from, int to) {
        double s = 0, p = 0, pp = 0, ps = 0, ss = 0;
        for (int i = from; i < to; i++) {
            s += stake(i);
            p += payout(i);
            pp += (double) payout(i) * payout(i);
            ps += (double) payout(i) * stake(i);
            ss += (double) stake(i) * stake(i);
        }
        return new RtpGauges.Sums(to - from, s, p, pp, ps, ss);
    }

    /** The textbook form, computed directly from the bets, to check the one-pass expansion against. */
    static double sigmaDirect(int from, int to) {
        RtpGauges.Sums sums = sums(from, to);
        double r = sums.actual(), squares = 0;
        for (int i = from; i < to; i++) squares += Math.pow(payout(i) - r * stake(i), 2);
        return Math.sqrt(squares) / sums.stake();
    }

    @Test
    void rtp_follows_the_settled_bets_of_each_window_and_appears_only_from_1000_bets() {
        settle(0, 999, "10 minutes");
        gauges.refreshRtp();
        assertThat(gauges.rtpValues().value(RtpGauges.BETS_1H, rtp(A, "LKR"))).isEqualTo(999.0);
        assertThat(gauges.rtpValues().value(RtpGauges.ACTUAL_1H, rtp(A, "LKR"))).isNull();
        assertThat(gauges.rtpValues().value(RtpGauges.SIGMA_1H, rtp(A, "LKR"))).isNull();

        settle(999, 1200, "20 minutes");
        settle(1200, 1700, "3 hours");
        settle(1700, 1800, "25 hours");
        gauges.refreshRtp();
        GaugeFamilies v = gauges.rtpValues();
        assertThat(v.value(RtpGauges.BETS_1H, rtp(A, "LKR"))).isEqualTo(1200.0);
        assertThat(v.value(RtpGauges.BETS_24H, rtp(A, "LKR"))).isEqualTo(1700.0);
        RtpGauges.Sums hour = sums(0, 1200);
        RtpGauges.Sums day = sums(0, 1700);
        assertThat(v.value(RtpGauges.ACTUAL_1H, rtp(A, "LKR"))).isCloseTo(hour.payout() / hour.stake(), within(1e-12));
        assertThat(v.value(RtpGauges.ACTUAL_24H, rtp(A, "LKR"))).isCloseTo(day.payout() / day.stake(), within(1e-12));
        assertThat(v.value(RtpGauges.SIGMA_1H, rtp(A, "LKR"))).isCloseTo(sigmaDirect(0, 1200), within(1e-9));
        assertThat(v.value(RtpGauges.SIGMA_24H, rtp(A, "LKR"))).isCloseTo(sigmaDirect(0, 1700), within(1e-9));
        // the round's 60/36 config weighted by stakes: LOW carries 3 of every 4 micro staked (850 LOW, 850 HIGH bets)
        double low = 2 * 0.97 * 60 / 96, high = 2 * 0.97 * 36 / 96;
        double expected = (850 * 3_000_000.0 * low + 850 * 1_000_000.0 * high) / (850 * 3_000_000.0 + 850 * 1_000_000.0);
        assertThat(v.value(RtpGauges.THEORETICAL, rtp(A, "LKR"))).isCloseTo(expected, within(1e-12));
        assertThat(v.value(RtpGauges.ACTUAL_1H, rtp(A, "USD"))).as("no bets in USD").isNull();
        assertThat(v.value(RtpGauges.BETS_24H, rtp(A, "USD"))).isEqualTo(0.0);
    }
}
