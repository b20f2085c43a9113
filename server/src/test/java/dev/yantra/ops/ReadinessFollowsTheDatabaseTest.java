package dev.yantra.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.config.YantraEnv;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import dev.yantra.server.ServerLauncher;
import dev.yantra.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * /readyz is 200, turns 503 within 5 s when the database stops while
 * /healthz stays 200, and recovers by itself when the database returns.
 */
class ReadinessFollowsTheDatabaseTest {
    final HttpClient http = HttpClient.newHttpClient();

    int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    int awaitStatus(int port, String path, int expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = status(port, path);
            if (last == expected) return last;
            Thread.sleep(200);
        }
        return last;
    }

    @Test
    void readiness_turns_503_when_the_database_stops_and_recovers_when_it_returns() throws Exception {
        Path pgDir = Files.createTempDirectory("yantra-readiness");
        int pgPort = TestServer.freePort();
        EmbeddedPostgres pg = startPostgres(pgDir, pgPort);
        int port = TestServer.freePort();
        YantraEnv env = YantraEnv.from(Map.of(
                "DATABASE_URL", "postgres://postgres:x@localhost:" + pgPort + "/postgres",
                "YANTRA_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "JWT_SECRET", "test-jwt-secret-of-at-least-32-bytes-long",
                "PORT", String.valueOf(port)));
        ServerLauncher.Running node = ServerLauncher.start(env, null);
        try {
            assertThat(status(port, "/readyz")).isEqualTo(200);

            pg.close();                                                            // the database stops
            assertThat(awaitStatus(port, "/readyz", 503, Duration.ofSeconds(5))).isEqualTo(503);
            assertThat(status(port, "/healthz")).isEqualTo(200);
            assertThat(status(port, "/health")).isEqualTo(200);
            assertThat(status(port, "/health/ready")).isEqualTo(503);

            pg = startPostgres(pgDir, pgPort);                                     // and returns
            assertThat(awaitStatus(port, "/readyz", 200, Duration.ofSeconds(10))).isEqualTo(200);
        } finally {
            node.context().close();
            node.database().close(true);
            pg.close();
        }
    }

    static EmbeddedPostgres startPostgres(Path dir, int port) throws java.io.IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dir.toFile()).setCleanDataDirectory(false).setPort(port).start();
    }
}
