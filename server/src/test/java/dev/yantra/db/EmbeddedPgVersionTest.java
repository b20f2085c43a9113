package dev.yantra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.config.UnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPgVersionTest {
    @TempDir
    Path dir;

    @Test
    void the_embedded_major_is_the_pinned_15_read_from_the_binaries_on_the_class_path() {
        assertThat(EmbeddedPgVersion.embeddedMajor()).hasValue(15);
    }

    @Test
    void a_data_dir_made_by_postgres_18_is_refused_with_the_ways_out_and_left_as_it_was() throws Exception {
        Path pg = Files.createDirectories(dir.resolve("pg"));
        Files.writeString(pg.resolve("PG_VERSION"), "18\n");

        assertThatThrownBy(() -> EmbeddedPgVersion.requireCompatible(pg, OptionalInt.of(15)))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("created by PostgreSQL 18")
                .hasMessageContaining("embeds PostgreSQL 15")
                .hasMessageContaining("mv " + pg + " " + pg + "-pg18")
                .hasMessageContaining("DATABASE_URL")
                .hasMessageContaining("yantra restore");
        assertThat(Files.readString(pg.resolve("PG_VERSION"))).isEqualTo("18\n");
    }

    @Test
    void a_new_data_dir_and_one_of_the_same_major_start() throws Exception {
        Path fresh = Files.createDirectories(dir.resolve("fresh"));
        assertThatCode(() -> EmbeddedPgVersion.requireCompatible(fresh, OptionalInt.of(15))).doesNotThrowAnyException();
        Files.writeString(fresh.resolve("PG_VERSION"), "15\n");
        assertThatCode(() -> EmbeddedPgVersion.requireCompatible(fresh, OptionalInt.of(15))).doesNotThrowAnyException();
    }

    @Test
    void starting_the_embedded_database_on_an_18_data_dir_fails_with_that_message_not_a_crash() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("pg"));
        Files.writeString(data.resolve("pg/PG_VERSION"), "18\n");
        dev.yantra.config.YantraEnv env = dev.yantra.config.YantraEnv.from(java.util.Map.of("YANTRA_DATA_DIR", data.toString()));
        assertThatThrownBy(() -> Database.open(env, "test", 1, null))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("created by PostgreSQL 18");
    }
}
