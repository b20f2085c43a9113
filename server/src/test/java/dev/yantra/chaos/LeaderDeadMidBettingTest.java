package dev.yantra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Three `yantra serve` processes; the table's leader is killed (SIGKILL) while its round takes
 * bets. Until its lease expires nobody moves the round on, so it stays BETTING_OPEN in the database past its
 * scheduled close; every surviving node must still refuse bets after betting_closes_at as betting_closed. The
 * takeover then voids the round and refunds the one bet taken inside the window.
 */
class LeaderDeadMidBettingTest {

    @Test
    void with_the_leader_dead_every_surviving_node_refuses_bets_after_the_window_as_betting_closed() throws Exception {
        try (Cluster c = new Cluster("leader-dead", 2_000, Map.of())) {
            JdbcClient j = c.jdbc();
            List<ChaosNode> nodes = List.of(c.addNode(), c.addNode(), c.addNode());
            for (ChaosNode n : nodes) n.awaitReady(Cluster.NODE_START);
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 7; i++) tokens.add(c.session("late-" + i));

            UUID round = UUID.fromString(c.awaitBettingOpen(nodes.getFirst(), tokens.getFirst(), 1_500, Duration.ofSeconds(60)));
            ChaosNode leader = nodes.stream().filter(n -> c.leaseOwner().contains(n.ownerFragment())).findFirst().orElseThrow();
            List<ChaosNode> survivors = nodes.stream().filter(n -> n != leader).toList();
            assertThat(c.betAnswer(survivors.getFirst(), tokens.getFirst(), "LOW", 50_000).status())
                    .as("a bet inside the window").isEqualTo(201);
            leader.kill9();
            Await.until("the round's close time passed by the database's clock", Duration.ofSeconds(10), () -> j.sql(
                    "SELECT now() > betting_closes_at FROM rounds WHERE id = ?").param(round).query(Boolean.class).single());

            int sentWhileOpen = 0;
            int token = 1;
            for (ChaosNode n : survivors) {
                for (String side : List.of("LOW", "HIGH")) {
                    String t = tokens.get(token++);
                    Cluster.BetAnswer r = c.betAnswer(n, t, side, 50_000);
                    assertThat(r.status()).as("a bet after the window on " + n.name() + ": " + r.body()).isEqualTo(409);
                    assertThat(r.body()).contains("betting_closed");
                    if (roundState(j, round).equals("BETTING_OPEN")) sentWhileOpen++;
                }
            }
            assertThat(sentWhileOpen).as("refusals while the dead leader's round was still BETTING_OPEN").isPositive();

            Await.until("a survivor takes the table and voids the round", Duration.ofSeconds(20),
                    () -> roundState(j, round).equals("VOIDED"));
            Await.until("every job done and every bet final", Duration.ofSeconds(60),
                    c::drained);
            assertThat(j.sql("SELECT state FROM bets WHERE round_id = ?").param(round).query(String.class).list())
                    .as("the round's only bet, taken inside the window, refunded by the void").containsExactly("REFUNDED");
            c.assertEveryRuleHolds();
        }
    }

    private static String roundState(JdbcClient j, UUID round) {
        return j.sql("SELECT state FROM rounds WHERE id = ?").param(round).query(String.class).single();
    }
}
