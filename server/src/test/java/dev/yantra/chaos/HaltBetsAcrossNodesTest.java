package dev.yantra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.cli.Cli;
import dev.yantra.demo.DemoProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * `yantra halt bets --operator X` (the real picocli command, writing to the shared
 * database) makes both node processes refuse X's new bets within 1 s while another operator plays on; `yantra
 * resume bets` lets X bet again; both levers are in admin_audit_log with who pulled them.
 */
class HaltBetsAcrossNodesTest {

    @Test
    void a_bet_halt_for_one_operator_reaches_both_nodes_within_a_second_and_resume_lifts_it() throws Exception {
        try (Cluster c = new Cluster("halt", 1500, Map.of())) {
            JdbcClient j = c.jdbc();
            UUID other = c.addOperator("other-casino");
            List<NodeProcess> nodes = List.of(c.addNode("a"), c.addNode("b"));
            for (NodeProcess n : nodes) n.awaitReady(Duration.ofSeconds(120));
            String halted = c.session("halted-player");
            String playing = c.session(other, "playing-player");
            assertThat(c.betInWindow(nodes.getFirst(), halted, "LOW", 20_000)).as("demo-casino bets before the halt").isEqualTo(201);

            assertThat(c.cli("halt", "bets", "--operator", DemoProvisioner.OPERATOR_NAME, "--reason", "rtp drift drill").code()).isZero();
            long haltedAt = System.nanoTime();
            for (NodeProcess n : nodes) {
                long ms = untilEveryBet(c, n, halted, Cluster.BetAnswer::paused, haltedAt);
                System.err.println("[chaos] " + n.name + " refused demo-casino's bets " + ms + " ms after the halt");
                assertThat(ms).as(n.name + " obeys the halt within 1 s").isLessThan(1_000);
            }
            // the other operator plays on, on both nodes, while demo-casino stays halted
            assertThat(c.betInWindow(nodes.get(0), playing, "LOW", 20_000)).as("other-casino on a").isEqualTo(201);
            assertThat(c.betInWindow(nodes.get(1), playing, "HIGH", 20_000)).as("other-casino on b").isEqualTo(201);
            for (NodeProcess n : nodes) assertThat(c.betAnswer(n, halted, "HIGH", 20_000).paused()).as("still halted on " + n.name).isTrue();

            assertThat(c.cli("resume", "bets", "--operator", DemoProvisioner.OPERATOR_NAME, "--reason", "drill over").code()).isZero();
            long resumedAt = System.nanoTime();
            for (NodeProcess n : nodes) {
                long ms = untilEveryBet(c, n, halted, a -> !a.paused(), resumedAt);
                System.err.println("[chaos] " + n.name + " took demo-casino's bets again " + ms + " ms after the resume");
                assertThat(ms).as(n.name + " obeys the resume within 1 s").isLessThan(1_000);
            }
            String resumedToken = c.session("resumed-player");
            assertThat(c.betInWindow(nodes.get(1), resumedToken, "LOW", 20_000)).as("demo-casino bets after the resume").isEqualTo(201);

            List<Map<String, Object>> audit = j.sql("""
                    SELECT action, changed_by, reason FROM admin_audit_log
                     WHERE action IN ('halt.bets', 'resume.bets') AND subject LIKE ? ORDER BY id""")
                    .param("%" + DemoProvisioner.OPERATOR_ID + "%").query().listOfRows();
            assertThat(audit).extracting(r -> r.get("action")).containsExactly("halt.bets", "resume.bets");
            assertThat(audit).extracting(r -> r.get("changed_by")).containsOnly(Cli.changedBy());
            assertThat(audit).extracting(r -> r.get("reason")).containsExactly("rtp drift drill", "drill over");
        }
    }

    /** Places demo-casino bets on one node until an answer satisfies {@code done}; ms since {@code from}. */
    static long untilEveryBet(Cluster c, NodeProcess n, String token, Predicate<Cluster.BetAnswer> done, long from)
            throws InterruptedException {
        long deadline = from + Duration.ofSeconds(5).toNanos();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            if (done.test(c.betAnswer(n, token, i % 2 == 0 ? "LOW" : "HIGH", 10_000 + i))) return (System.nanoTime() - from) / 1_000_000;
            Thread.sleep(20);
        }
        throw new AssertionError(n.name + " did not change within 5 s");
    }
}
