package dev.yantra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.server.ServerLauncher;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YANTRA_SURFACES and JWT_SECRET: a node serving the lottery starts only with a usable key. */
class LotterySurfaceConfigTest {
    static final String EXTERNAL_DB = "jdbc:postgresql://localhost:1/none";

    static Map<String, String> vars(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return m;
    }

    @Test
    void surfaces_default_to_both_and_parse_either_order() {
        assertThat(YantraEnv.from(vars()).surfaces()).isEqualTo(new Surfaces(true, true));
        assertThat(YantraEnv.from(vars("YANTRA_SURFACES", "lottery, rgs")).surfaces()).isEqualTo(new Surfaces(true, true));
        assertThat(YantraEnv.from(vars("YANTRA_SURFACES", "rgs")).surfaces()).isEqualTo(new Surfaces(true, false));
        assertThat(YantraEnv.from(vars("YANTRA_SURFACES", "lottery")).surfaces()).isEqualTo(new Surfaces(false, true));
        assertThatThrownBy(() -> YantraEnv.from(vars("YANTRA_SURFACES", "casino"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("YANTRA_SURFACES");
    }

    @Test
    void a_lottery_node_on_an_external_database_refuses_to_start_without_jwt_secret_naming_the_variable() {
        YantraEnv env = YantraEnv.from(vars("DATABASE_URL", EXTERNAL_DB, "YANTRA_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
        assertThatThrownBy(() -> ServerLauncher.start(env, null)).isInstanceOf(UsageException.class)
                .hasMessageContaining("JWT_SECRET is required");
    }

    @Test
    void an_rgs_only_node_starts_without_jwt_secret_and_serves_no_player_api() throws Exception {
        int port = TestServer.freePort();
        YantraEnv env = YantraEnv.from(vars("DATABASE_URL", TestPostgres.freshDatabaseUrl(), "YANTRA_SURFACES", "rgs",
                "YANTRA_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "PORT", String.valueOf(port)));
        ServerLauncher.Running node = ServerLauncher.start(env, null);
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"8095550000\",\"password\":\"x\"}"))
                    .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("surface_not_served");
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            node.stop();
        }
    }

    @Test
    void a_jwt_secret_shorter_than_32_bytes_is_refused() {
        YantraEnv env = YantraEnv.from(vars("DATABASE_URL", EXTERNAL_DB, "JWT_SECRET", "only-31-bytes-long-xxxxxxxxxxxx"));
        assertThat(env.jwtSecret().orElseThrow().getBytes(StandardCharsets.UTF_8)).hasSize(31);
        assertThatThrownBy(() -> JwtSecret.resolve(env)).isInstanceOf(UsageException.class)
                .hasMessageContaining("JWT_SECRET must be at least 32 bytes, was 31");
        YantraEnv ok = YantraEnv.from(vars("DATABASE_URL", EXTERNAL_DB, "JWT_SECRET", "exactly-32-bytes-long-xxxxxxxxxx"));
        assertThat(JwtSecret.resolve(ok)).hasSize(32);
    }

    @Test
    void the_embedded_demo_generates_a_secret_once_into_the_data_dir(@TempDir Path dir) throws Exception {
        YantraEnv env = YantraEnv.from(vars("YANTRA_DATA_DIR", dir.toString()));
        byte[] first = JwtSecret.resolve(env);
        assertThat(first.length).isGreaterThanOrEqualTo(JwtSecret.MIN_BYTES);
        assertThat(JwtSecret.resolve(env)).as("the same key after a restart").isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(dir.resolve("jwt.secret")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
}
