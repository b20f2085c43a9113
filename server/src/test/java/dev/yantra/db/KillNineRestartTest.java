package dev.yantra.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node with the embedded database is killed with SIGKILL: its postmaster survives as an orphan. The next start
 * must adopt it and come up on the same data; a SIGTERM afterwards stops node and postmaster cleanly.
 */
class KillNineRestartTest {
    /** A hang guard, returned from as soon as the node is ready: a start that takes 15 s on CI took 2 min on a box 20× oversubscribed. */
    static final Duration START_LIMIT = Duration.ofMinutes(3);
    final HttpClient http = HttpClient.newHttpClient();

    Process startNode(Path dataDir, int port) throws Exception {
        // a node that lives for seconds: the C1 compiler and the serial collector start it with a third less CPU, and
        // neither touches what is proven here (the postmaster's adoption and the order of the stop)
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.yantra.Yantra", "serve"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + "-" + System.nanoTime() + ".log").toFile());
        pb.environment().put("YANTRA_DATA_DIR", dataDir.toString());
        pb.environment().put("PORT", String.valueOf(port));
        pb.environment().put("PUBLIC_BASE_URL", "http://localhost:" + port);
        pb.environment().remove("DATABASE_URL");
        return pb.start();
    }

    boolean awaitReady(int port, Duration within) throws Exception {
        return awaitReady(port, within, 100);
    }

    boolean awaitReady(int port, Duration within, long pollMillis) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return true;
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(pollMillis);
        }
        return false;
    }

    Connection connect(Path dataDir) throws Exception {
        int pgPort = Integer.parseInt(Files.readString(dataDir.resolve("pg.port")).trim());
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/yantra", "postgres", "");
    }

    @Test
    void after_kill_9_the_next_start_adopts_the_orphaned_postmaster_and_keeps_the_data() throws Exception {
        Path dataDir = Files.createTempDirectory("yantra-kill9").resolve("data");
        int port = TestServer.freePort();
        Process first = startNode(dataDir, port);
        assertThat(awaitReady(port, START_LIMIT)).as("first start ready").isTrue();
        try (Connection c = connect(dataDir)) {
            c.createStatement().execute("INSERT INTO admin_audit_log (changed_by, action) VALUES ('test', 'before-kill')");
        }
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("pg").resolve("postmaster.pid")).getFirst().trim());

        first.destroyForcibly().waitFor();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("orphaned postmaster").contains(true);

        Process second = startNode(dataDir, port);
        try {
            assertThat(awaitReady(port, START_LIMIT)).as("second start ready").isTrue();
            try (Connection c = connect(dataDir);
                 var rs = c.createStatement().executeQuery("SELECT count(*) FROM admin_audit_log WHERE action = 'before-kill'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        } finally {
            second.destroy();   // SIGTERM: graceful stop, which also stops the adopted postmaster
            assertThat(second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).as("postmaster stopped").isFalse();
    }

    @Test
    void a_sigterm_drains_the_node_before_its_embedded_postgres_stops() throws Exception {
        Path dataDir = Files.createTempDirectory("yantra-sigterm").resolve("data");
        int port = TestServer.freePort();
        Process node = startNode(dataDir, port);
        // SIGTERM the moment /readyz first says 200: Tomcat listens before the node has finished starting, and a
        // stop that arrived in that gap used to close the database under the starting context, with no drain
        assertThat(awaitReady(port, START_LIMIT, 2)).as("ready").isTrue();
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("pg").resolve("postmaster.pid")).getFirst().trim());

        node.destroy();   // SIGTERM
        assertThat(node.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String log;
        try (var logs = Files.list(dataDir.getParent())) {
            Path file = logs.filter(f -> f.getFileName().toString().endsWith(".log")).findFirst().orElseThrow();
            log = Files.readString(file);
        }
        // the drain ran against a live database (Postgres was stopped in parallel with it before: every drain write
        // failed with "terminating connection due to administrator command"), then Postgres stopped
        assertThat(log).contains("drained").doesNotContain("terminating connection due to administrator command");
        // pg_ctl's fast stop returns as the postmaster begins to exit; it is gone a moment later
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).as("postmaster stopped").isFalse();
    }
}
