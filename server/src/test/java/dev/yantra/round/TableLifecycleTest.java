package dev.yantra.round;

import dev.yantra.demowallet.Faults;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yantra.server.ServerLauncher;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableLifecycleTest {

    @Test
    void two_nodes_run_a_table_exactly_once_and_stopping_the_leader_moves_it_within_ten_seconds() throws Exception {
        try (TableFixture f = new TableFixture(5000, 400)) {
            ServerLauncher.Running second = f.startNode();
            TableFixture.await("three rounds finished under one leader", 30_000, () -> f.jdbc().sql(
                    "SELECT count(*) FROM rounds WHERE state IN ('SETTLED','VOIDED')").query(Long.class).single() >= 3);
            String owner = f.jdbc().sql("SELECT lease_owner FROM game_tables").query(String.class).single();
            ServerLauncher.Running leader = f.nodes.stream()
                    .filter(n -> n.node().nodeId().value().equals(owner)).findFirst().orElseThrow();
            ServerLauncher.Running other = leader == second ? f.nodes.getFirst() : second;
            long roundsBefore = f.jdbc().sql("SELECT count(*) FROM rounds").query(Long.class).single();
            assertTrue(roundsBefore >= 3, "rounds ran: " + roundsBefore);

            long stoppedAt = System.currentTimeMillis();
            leader.context().close();
            String otherId = other.node().nodeId().value();
            TableFixture.await("the other node leads a new round", 10_000, () -> other.database().jdbc().sql("""
                    SELECT count(*) FROM rounds r JOIN game_tables g ON g.id = r.table_id
                     WHERE g.lease_owner = :o AND r.lease_epoch = g.lease_epoch""")
                    .param("o", otherId).query(Integer.class).single() > 0);
            assertTrue(System.currentTimeMillis() - stoppedAt < 10_000);
            TableFixture.await("the new leader to finish a round of its own", 20_000, () -> other.database().jdbc().sql("""
                    SELECT count(*) FROM rounds r JOIN game_tables g ON g.id = r.table_id
                     WHERE g.lease_owner = :o AND r.lease_epoch = g.lease_epoch AND r.state IN ('SETTLED','VOIDED')""")
                    .param("o", otherId).query(Integer.class).single() > 0);

            List<Map<String, Object>> rounds = other.database().jdbc().sql("""
                    SELECT nonce, opened_at, coalesce(settled_at, voided_at) AS finished, state FROM rounds ORDER BY opened_at""")
                    .query().listOfRows();
            for (int i = 1; i < rounds.size(); i++) {
                Map<String, Object> prev = rounds.get(i - 1);
                Map<String, Object> cur = rounds.get(i);
                assertEquals(((Number) prev.get("nonce")).longValue() + 1, ((Number) cur.get("nonce")).longValue(),
                        "nonces are consecutive: " + rounds);
                assertTrue(prev.get("finished") != null, "a round opened only after the previous one finished: " + rounds);
                assertFalse(((java.sql.Timestamp) cur.get("opened_at")).before((java.sql.Timestamp) prev.get("finished")),
                        "rounds never overlap: " + rounds);
            }
        }
    }

    @Test
    void a_config_change_mid_round_applies_at_the_next_round() throws Exception {
        try (TableFixture f = new TableFixture(5000, 2500)) {
            String token = f.session("cfg", "real", null);
            String first = f.awaitBettingOpen(token, 1500);
            f.jdbc().sql("""
                    UPDATE operator_game_configs SET config = config || '{"minBetMicro":500000}'::jsonb,
                           version = version + 1, updated_at = now()""").update();
            Thread.sleep(700);  // more than a config poll
            assertEquals(201, f.bet(token, "LOW", 20_000).statusCode(), "the open round keeps its config");
            TableFixture.await("the next round", 15_000, () -> {
                try {
                    return !first.equals(f.awaitBettingOpen(token, 500));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            HttpResponse<String> r = f.bet(token, "HIGH", 20_000);
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(r.body().contains("bet_below_min"), r.body());
            assertEquals(List.of(1, 2), f.jdbc().sql("SELECT DISTINCT config_version FROM rounds ORDER BY 1")
                    .query(Integer.class).list());
        }
    }

    @Test
    void disabling_a_table_by_sql_voids_its_round_within_a_second_and_refunds_accepted_bets_by_rollback_jobs() throws Exception {
        try (TableFixture f = new TableFixture(5000, 5000)) {
            String token = f.session("q", "real", null);
            f.awaitBettingOpen(token, 3000);
            assertEquals(201, f.bet(token, "LOW", 70_000).statusCode());
            f.faults(Faults.NONE.withDown(true));  // holds the refund in the queue while we look at it
            long disabledAt = System.currentTimeMillis();
            f.jdbc().sql("UPDATE operator_game_configs SET enabled = false").update();
            TableFixture.await("the round voided", 3_000, () -> f.jdbc().sql("SELECT count(*) FROM rounds WHERE state = 'VOIDED'")
                    .query(Integer.class).single() == 1);
            assertTrue(System.currentTimeMillis() - disabledAt < 1_500, "noticed within about a second");
            assertEquals("REFUND_OWED", f.jdbc().sql("SELECT state FROM bets").query(String.class).single());
            assertEquals(1, f.jdbc().sql("SELECT count(*) FROM pending_wallet_jobs WHERE endpoint = 'ROLLBACK'")
                    .query(Integer.class).single());
            assertTrue(f.get(token, "/v1/play/state").get("paused").asBoolean());
            assertEquals(409, f.bet(token, "HIGH", 70_000).statusCode());
            f.faults(Faults.NONE);
            TableFixture.await("the runner's refund done", 30_000, () -> f.openJobs() == 0);
            assertEquals(TableFixture.INITIAL_MICRO, f.balance("q"));
            assertEquals("REFUNDED", f.jdbc().sql("SELECT state FROM bets").query(String.class).single());
        }
    }
}
