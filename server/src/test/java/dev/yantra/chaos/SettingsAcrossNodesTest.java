package dev.yantra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * `yantra settings set` (the real picocli command against the shared database) is what
 * both node processes run with within seconds, without a restart — read back from each node's own admin API.
 * That each subscriber applies what its node holds is shown per node by BreakerSettingsLiveTest and
 * LiveJobSettingsTest.
 */
class SettingsAcrossNodesTest {
    static final Pattern CONSECUTIVE_3 = Pattern.compile("\"breaker\\.consecutiveFailures\":\"?3\"?[,}]");
    static final Pattern CONCURRENCY_5 = Pattern.compile("\"jobs\\.concurrency\":\"?5\"?[,}]");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void a_setting_changed_with_the_cli_reaches_both_nodes_within_two_seconds() throws Exception {
        try (Cluster c = new Cluster("settings", 1500, Map.of())) {
            List<NodeProcess> nodes = List.of(c.addNode("a"), c.addNode("b"));
            for (NodeProcess n : nodes) n.awaitReady(Duration.ofSeconds(120));
            for (NodeProcess n : nodes) assertThat(settings(n)).doesNotContainPattern(CONSECUTIVE_3).doesNotContainPattern(CONCURRENCY_5);

            assertThat(c.cli("settings", "set", "breaker.consecutiveFailures=3", "jobs.concurrency=5").code()).isZero();
            long setAt = System.nanoTime();
            for (NodeProcess n : nodes) {
                long deadline = setAt + Duration.ofSeconds(5).toNanos();
                String seen = settings(n);
                while (!(CONSECUTIVE_3.matcher(seen).find() && CONCURRENCY_5.matcher(seen).find()) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    seen = settings(n);
                }
                long ms = (System.nanoTime() - setAt) / 1_000_000;
                System.err.println("[chaos] " + n.name + " runs with the new settings " + ms + " ms after `settings set`");
                assertThat(seen).as(n.name).containsPattern(CONSECUTIVE_3).containsPattern(CONCURRENCY_5);
                assertThat(ms).as(n.name + " within 2 s").isLessThan(2_000);
            }
            assertThat(c.jdbc().sql("SELECT count(*) FROM admin_audit_log WHERE action LIKE 'setting%'").query(Integer.class).single())
                    .as("both changes audited").isGreaterThanOrEqualTo(2);
        }
    }

    String settings(NodeProcess n) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + n.port() + "/v1/admin/settings"))
                .header("Authorization", "Bearer test-admin-token").timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
