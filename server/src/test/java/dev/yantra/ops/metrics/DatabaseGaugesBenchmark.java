package dev.yantra.ops.metrics;

import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Cost of a refresh and of a scrape with a loaded database (a benchmark that prints, not a timed test):
 * {@code mvn -pl server test -Dtest=DatabaseGaugesBenchmark -Dyantra.bench=true [-Dyantra.bench.rounds=1000000]}.
 */
@EnabledIfSystemProperty(named = "yantra.bench", matches = "true")
class DatabaseGaugesBenchmark {

    @Test
    void refresh_and_scrape_cost_with_open_jobs_rounds_and_settled_bets() {
        int rounds = Integer.getInteger("yantra.bench.rounds", 200_000);
        int openJobs = Integer.getInteger("yantra.bench.jobs", 10_000);
        try (Database db = TestPostgres.freshDatabase()) {
            long t0 = System.nanoTime();
            seed(db, rounds, openJobs);
            System.out.printf("seeded %d rounds, %d bets (2 per round; 1 in 24 h per 10), %d open + %d completed jobs in %d ms%n",
                    rounds, 2 * rounds, openJobs, 10 * openJobs, (System.nanoTime() - t0) / 1_000_000);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            DatabaseGauges gauges = new DatabaseGauges(db.jdbc(), registry);
            for (int i = 0; i < 3; i++) { // warm up
                gauges.refreshJobs();
                gauges.refreshRtp();
                registry.scrape();
            }
            int n = 20;
            long jobs = 0, rtp = 0, scrape = 0;
            for (int i = 0; i < n; i++) {
                long a = System.nanoTime();
                gauges.refreshJobs();
                long b = System.nanoTime();
                gauges.refreshRtp();
                long c = System.nanoTime();
                registry.scrape();
                long d = System.nanoTime();
                jobs += b - a;
                rtp += c - b;
                scrape += d - c;
            }
            if (Boolean.getBoolean("yantra.bench.explain")) {
                db.jdbc().sql("EXPLAIN (ANALYZE, BUFFERS) " + RtpGauges.SETTLED).query(String.class).list().forEach(System.out::println);
            }
            System.out.printf("mean over %d: wallet job refresh %.1f ms, RTP refresh %.1f ms, scrape %.2f ms%n",
                    n, jobs / 1e6 / n, rtp / 1e6 / n, scrape / 1e6 / n);
        }
    }

    private static void seed(Database db, int rounds, int openJobs) {
        db.jdbc().sql("""
                INSERT INTO operators (id, name, compliance_contact)
                SELECT ('00000000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid, 'op' || i, 'c@x' FROM generate_series(1, 20) i""").update();
        db.jdbc().sql("""
                INSERT INTO operator_game_configs (id, operator_id, game_code, currency, config)
                SELECT gen_random_uuid(), id, 'ketapola-dice', 'LKR', '{"lowWeight":48,"highWeight":48,"commissionMicro":3000}' FROM operators""").update();
        db.jdbc().sql("""
                INSERT INTO game_tables (id, operator_id, game_code, currency) SELECT id, id, 'ketapola-dice', 'LKR' FROM operators""").update();
        db.jdbc().sql("""
                INSERT INTO fairness_chains (id, table_id, client_seed, s0, length, seed_ciphertext)
                SELECT id, id, 'c', 's0', 10000000, 'x' FROM game_tables""").update();
        db.jdbc().sql("""
                INSERT INTO game_sessions (id, operator_id, request_uuid, player_ref, game_code, currency, token_hash, expires_at)
                SELECT id, id, gen_random_uuid(), 'p', 'ketapola-dice', 'LKR', id::text, now() FROM operators""").update();
        // one round per 4 s per operator going back in time: 1 in 10 rounds settled within the last 24 h or so
        db.jdbc().sql("""
                INSERT INTO rounds (id, table_id, operator_id, game_code, currency, chain_id, nonce, server_seed_hash, client_seed,
                                    config_version, config, rng_version, build_hash, lease_epoch, state, settled_at, created_at)
                SELECT gen_random_uuid(), op, op, 'ketapola-dice', 'LKR', op, i, 'h', 'c', 1,
                       '{"lowWeight":48,"highWeight":48,"commissionMicro":3000}', 'ketapola-rng-v1', 'b', 1, 'SETTLED',
                       now() - (i * interval '864000 s' / ?), now() - (i * interval '864000 s' / ?)
                  FROM generate_series(1, ?) i,
                       LATERAL (SELECT ('00000000-0000-0000-0000-' || lpad((i % 20 + 1)::text, 12, '0'))::uuid AS op) o""")
                .param(rounds).param(rounds).param(rounds).update();
        db.jdbc().sql("""
                INSERT INTO bets (id, round_id, session_id, operator_id, player_ref, currency, request_uuid, transaction_uuid,
                                  amount_micro, selection, side, state, payout_micro, settled_at)
                SELECT gen_random_uuid(), r.id, r.operator_id, r.operator_id, 'p', 'LKR', gen_random_uuid(), gen_random_uuid(),
                       1000000, '{}', s.side, CASE WHEN (r.nonce % 2 = 0) = (s.side = 'LOW') THEN 'WON' ELSE 'LOST' END,
                       CASE WHEN (r.nonce % 2 = 0) = (s.side = 'LOW') THEN 1940000 ELSE 0 END, r.settled_at
                  FROM rounds r, (VALUES ('LOW'), ('HIGH')) s(side)""").update();
        db.jdbc().sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, request_uuid, transaction_uuid, created_at, completed_at)
                SELECT gen_random_uuid(), ('00000000-0000-0000-0000-' || lpad((i % 20 + 1)::text, 12, '0'))::uuid,
                       (ARRAY['BET','WIN','ROLLBACK'])[i % 3 + 1], gen_random_uuid(), gen_random_uuid(),
                       now() - i * interval '1 s', CASE WHEN i > ? THEN now() END
                  FROM generate_series(1, ?) i""").param(openJobs).param(11 * openJobs).update();
        db.jdbc().sql("ANALYZE").update();
    }
}
