package dev.yantra.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every series except rtp_actual_* and rtp_sigma_* exists from start-up for each configured operator,
 * endpoint and game — before any bet, call, request or reconciliation — so dashboards and rate() have them.
 * The breaker gauges too, also for an operator created while the node runs (as this one is).
 */
class StartupSeriesTest {

    @Test
    void a_configured_operator_has_every_series_before_its_first_event() {
        try (TestServer s = TestServer.start()) {
            var jdbc = s.running.database().jdbc();
            UUID op = UUID.randomUUID();
            jdbc.sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'startup-op', 'c@x')").param(op).update();
            jdbc.sql("""
                    INSERT INTO operator_credentials (id, operator_id, kid, kind, secret_ciphertext)
                    VALUES (gen_random_uuid(), ?, 'kid-startup-1', 'INBOUND', 'not-used')""").param(op).update();
            jdbc.sql("""
                    INSERT INTO operator_game_configs (id, operator_id, game_code, currency, enabled, config)
                    VALUES (gen_random_uuid(), ?, 'ketapola-dice', 'LKR', true,
                            '{"lowWeight":48,"highWeight":48,"commissionMicro":3000}'::jsonb)""").param(op).update();
            DatabaseGauges gauges = s.running.context().getBean(DatabaseGauges.class);
            gauges.refreshJobs();
            gauges.refreshRtp();

            String metrics = s.get("/metrics").body();
            String o = "operator=\"" + op + "\"";
            assertThat(metrics).contains(
                    "pending_wallet_jobs{endpoint=\"ROLLBACK\"," + o + "} 0.0",
                    "pending_wallet_jobs_oldest_age_seconds{endpoint=\"WIN\"," + o + "} 0.0",
                    "wallet_call_latency_ms_count{endpoint=\"bet\"," + o + "} 0",
                    "wallet_call_latency_ms_count{endpoint=\"rollback\"," + o + "} 0",
                    "wallet_call_total{endpoint=\"win\"," + o + ",status=\"RS_OK\"} 0.0",
                    "signature_rejections_total{" + o + ",signature_rejection_reason=\"clock_skew_outside_window\"} 0.0",
                    "inbound_requests_total{kid=\"kid-startup-1\"," + o + "} 0.0",
                    "inbound_new_source_ip_total{" + o + "} 0.0",
                    "clock_skew_seconds{" + o + "} 0.0",
                    "reconciliation_status{currency=\"ALL\"," + o + "} -1.0",
                    "bets_total{" + o + ",outcome=\"accepted\"} 0.0",
                    "bet_accept_latency_ms_count{" + o + "} 0",
                    "bet_to_settlement_ms_count{" + o + "} 0",
                    "session_create_latency_ms_count{" + o + "} 0",
                    "rtp_theoretical{currency=\"LKR\",game_code=\"ketapola-dice\"," + o + "} 0.97",
                    "rtp_bets_24h{currency=\"LKR\",game_code=\"ketapola-dice\"," + o + "} 0.0",
                    "circuit_breaker_state{" + o + "} 0.0",
                    "circuit_breaker_forced{" + o + "} 0.0",
                    "rng_test_vectors_ok 1.0",
                    "build_info{");
            assertThat(metrics).doesNotContain("rtp_actual_rolling_1h{currency=\"LKR\",game_code=\"ketapola-dice\"," + o);
            // the pool gauges are held strongly: after a GC they still read a number, never NaN
            System.gc();
            assertThat(s.get("/metrics").body()).containsPattern("db_pool_connections_max(\\{[^}]*\\})? [0-9]").doesNotContain("db_pool_connections_max NaN");
        }
    }
}
