package dev.yantra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.cli.Cli;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operator's levers, pulled with the real picocli commands against the shared database, reach both node
 * processes without a restart:
 * <ul>
 *   <li>`yantra halt bets --operator X` makes both nodes refuse X's new bets within 1 s while another operator
 *       plays on; `yantra resume bets` lets X bet again; both levers are in admin_audit_log with who pulled them;</li>
 *   <li>`yantra settings set` is what both nodes run with within 2 s, read back from each node's own admin API
 *       (that each subscriber applies what its node holds is shown per node by BreakerSettingsLiveTest and
 *       LiveJobSettingsTest).</li>
 * </ul>
 * The two share one cluster (two nodes started once): neither lever touches what the other test reads (the halt
 * is lifted before its test ends, and the settings changed are the breaker's threshold and the job concurrency).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeversAcrossNodesTest {
    static final Pattern CONSECUTIVE_3 = Pattern.compile("\"breaker\\.consecutiveFailures\":\"?3\"?[,}]");
    static final Pattern CONCURRENCY_5 = Pattern.compile("\"jobs\\.concurrency\":\"?5\"?[,}]");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Cluster c;
    List<ChaosNode> nodes;

    @BeforeAll
    void twoNodes() throws Exception {
        c = new Cluster("levers", 1500, Map.of());
        nodes = List.of(c.addNode(), c.addNode());
        for (ChaosNode n : nodes) n.awaitReady(Cluster.NODE_START);
    }

    @AfterAll
    void stop() {
        if (c != null) c.close();
    }

    @Test
    void a_bet_halt_for_one_operator_reaches_both_nodes_within_a_second_and_resume_lifts_it() throws Exception {
        JdbcClient j = c.jdbc();
        UUID other = c.addOperator("other-casino");
        String halted = c.session("halted-player");
        String playing = c.session(other, "playing-player");
        assertThat(c.betInWindow(nodes.getFirst(), halted, "LOW", 20_000)).as("demo-casino bets before the halt").isEqualTo(201);

        assertThat(c.cli("halt", "bets", "--operator", DemoProvisioner.OPERATOR_NAME, "--reason", "rtp drift drill").code()).isZero();
        long haltedAt = System.nanoTime();
        for (ChaosNode n : nodes) {
            long ms = untilEveryBet(c, n, halted, Cluster.BetAnswer::paused, haltedAt);
            System.err.println("[chaos] " + n.name() + " refused demo-casino's bets " + ms + " ms after the halt");
            assertThat(ms).as(n.name() + " obeys the halt within 1 s").isLessThan(1_000);
        }
        // the other operator plays on, on both nodes, while demo-casino stays halted
        assertThat(c.betInWindow(nodes.get(0), playing, "LOW", 20_000)).as("other-casino on node-0").isEqualTo(201);
        assertThat(c.betInWindow(nodes.get(1), playing, "HIGH", 20_000)).as("other-casino on node-1").isEqualTo(201);
        for (ChaosNode n : nodes) assertThat(c.betAnswer(n, halted, "HIGH", 20_000).paused()).as("still halted on " + n.name()).isTrue();

        assertThat(c.cli("resume", "bets", "--operator", DemoProvisioner.OPERATOR_NAME, "--reason", "drill over").code()).isZero();
        long resumedAt = System.nanoTime();
        for (ChaosNode n : nodes) {
            long ms = untilEveryBet(c, n, halted, a -> !a.paused(), resumedAt);
            System.err.println("[chaos] " + n.name() + " took demo-casino's bets again " + ms + " ms after the resume");
            assertThat(ms).as(n.name() + " obeys the resume within 1 s").isLessThan(1_000);
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

    @Test
    void a_setting_changed_with_the_cli_reaches_both_nodes_within_two_seconds() throws Exception {
        for (ChaosNode n : nodes) assertThat(settings(n)).doesNotContainPattern(CONSECUTIVE_3).doesNotContainPattern(CONCURRENCY_5);

        assertThat(c.cli("settings", "set", "breaker.consecutiveFailures=3", "jobs.concurrency=5").code()).isZero();
        long setAt = System.nanoTime();
        for (ChaosNode n : nodes) {
            Await.value(n.name() + " runs with both new settings", Duration.ofSeconds(5), () -> settings(n),
                    seen -> CONSECUTIVE_3.matcher(seen).find() && CONCURRENCY_5.matcher(seen).find());
            long ms = (System.nanoTime() - setAt) / 1_000_000;
            System.err.println("[chaos] " + n.name() + " runs with the new settings " + ms + " ms after `settings set`");
            assertThat(ms).as(n.name() + " within 2 s").isLessThan(2_000);
        }
        assertThat(c.jdbc().sql("SELECT count(*) FROM admin_audit_log WHERE action LIKE 'setting%'").query(Integer.class).single())
                .as("both changes audited").isGreaterThanOrEqualTo(2);
    }

    /** Places demo-casino bets on one node until an answer satisfies {@code done}; ms since {@code from}. */
    static long untilEveryBet(Cluster c, ChaosNode n, String token, Predicate<Cluster.BetAnswer> done, long from) {
        int[] i = {0};
        Await.until(n.name() + " changes its answer", Duration.ofSeconds(5).minusNanos(System.nanoTime() - from),
                () -> done.test(c.betAnswer(n, token, i[0] % 2 == 0 ? "LOW" : "HIGH", 10_000 + i[0]++)));
        return (System.nanoTime() - from) / 1_000_000;
    }

    String settings(ChaosNode n) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + n.port() + "/v1/admin/settings"))
                    .header("Authorization", "Bearer test-admin-token").timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
