package dev.yantra.round;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.PgBouncer;
import dev.yantra.testing.TestPostgres;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Two nodes and the demo wallet reach Postgres only through a real PgBouncer in transaction mode: the table lease,
 * the epoch fencing, the job queue and Flyway's migration lock are rows and transaction-scoped locks, so the
 * table runs exactly once and every bet settles and balances as it does on a direct connection.
 */
class BehindPgBouncerTest {

    @Test
    void two_nodes_behind_pgbouncer_in_transaction_mode_run_the_table_once_and_every_bet_balances() throws Exception {
        try (PgBouncer bouncer = PgBouncer.inTransactionModeInFrontOf(TestPostgres.freshDatabaseUrl());
             TableFixture f = new TableFixture(5000, 1500, bouncer::route)) {
            String url = f.env.databaseUrl().orElseThrow();
            assertThat(url).as("the nodes' DATABASE_URL").contains("prepareThreshold=0").doesNotContain(":" + TestPostgres.port() + "/");
            String database = url.replaceAll(".*/([^/?]+)\\?.*", "$1");
            f.startNode();

            List<String> players = new ArrayList<>();
            Map<String, String> tokens = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                players.add("bouncer-" + i);
                tokens.put("bouncer-" + i, f.session("bouncer-" + i, "real", null));
            }
            int placed = 0;
            int rounds = 0;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                while (placed < 60 || rounds < 3) {
                    f.awaitBettingOpen(tokens.get(players.getFirst()), 900);
                    rounds++;
                    List<Future<Integer>> sent = new ArrayList<>();
                    for (String p : players) {
                        String side = ThreadLocalRandom.current().nextBoolean() ? "LOW" : "HIGH";
                        long amount = 10_000L * ThreadLocalRandom.current().nextInt(1, 300);
                        sent.add(pool.submit(() -> f.bet(tokens.get(p), side, amount).statusCode()));
                    }
                    for (Future<Integer> s : sent) {
                        int code = s.get();
                        assertThat(code).as("bet answer").isIn(201, 409);
                        if (code == 201) placed++;
                    }
                    Thread.sleep(700);
                }
            }
            assertThat(bouncer.clients(database)).as("the nodes' and the wallet's connections are the bouncer's clients").isPositive();
            TableFixture.await("every bet final", 20_000, () -> f.openBets() == 0);

            // the table ran once: consecutive nonces, and each round opened only after the one before it ended
            List<Map<String, Object>> rows = f.jdbc().sql("""
                    SELECT nonce, state, opened_at, coalesce(settled_at, voided_at) AS ended_at FROM rounds
                     ORDER BY nonce""").query().listOfRows();
            assertThat(rows.size()).isGreaterThanOrEqualTo(3);
            for (int i = 1; i < rows.size(); i++) {
                Map<String, Object> before = rows.get(i - 1);
                Map<String, Object> r = rows.get(i);
                assertThat(((Number) r.get("nonce")).longValue()).isEqualTo(((Number) before.get("nonce")).longValue() + 1);
                if (before.get("ended_at") != null) {
                    assertThat(((Timestamp) r.get("opened_at")).before((Timestamp) before.get("ended_at")))
                            .as("round %s opened before round %s ended", r.get("nonce"), before.get("nonce")).isFalse();
                }
            }
            assertThat(rows).extracting(r -> r.get("state")).doesNotContain("VOIDED");

            MoneyPathEndToEndTest.assertBalancesMatchSettledBets(f, players);
            assertThat(f.jdbc().sql("SELECT count(*) FROM bets WHERE state IN ('LOST','WON')").query(Integer.class).single()).isEqualTo(placed);
            MoneyPathEndToEndTest.assertJournalMatchesLedger(f);
            // and it all went through the bouncer: far more transactions than bets (its counters move every second)
            long bets = placed;
            long carried = dev.yantra.testing.Await.value("PgBouncer's counters past 5 transactions a bet", java.time.Duration.ofSeconds(10), () -> {
                try {
                    return bouncer.transactions(database);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, n -> n > 5L * bets);
            assertThat(carried).as("transactions PgBouncer carried").isGreaterThan(5L * placed);
        }
    }
}
