package dev.yantra.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.config.YantraEnv;
import dev.yantra.ops.Durability;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded database that serve and demo run (the test suite's own server keeps fast settings): every commit
 * we acknowledge is on disk before the wallet acts on it, and /health's durability check reads it from the server.
 */
class DurableEmbeddedDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void the_embedded_database_of_serve_and_demo_keeps_every_commit_and_health_says_so() {
        YantraEnv env = YantraEnv.from(Map.of("YANTRA_DATA_DIR", dir.toString()));
        try (Database db = Database.open(env, "durability-test", 2, null)) {
            JdbcClient jdbc = db.jdbc();
            assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("SHOW full_page_writes").query(String.class).single()).isEqualTo("on");
            assertThat(new Durability(jdbc).state()).isEqualTo("on");
        }
    }
}
