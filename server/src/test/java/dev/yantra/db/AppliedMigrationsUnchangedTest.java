package dev.yantra.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A migration that has shipped is never edited, not even its comments: Flyway checksums every applied file and a
 * node whose copy differs refuses to start on that database ("Migrations have failed validation"), which would
 * stop every existing installation at its next upgrade. The SHA-256 of every migration is kept in
 * applied-migrations.sha256; a new migration adds its line there, an old one may not change.
 */
class AppliedMigrationsUnchangedTest {
    static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");
    static final Path LIST = Path.of("src", "test", "resources", "applied-migrations.sha256");

    @Test
    void no_migration_differs_from_the_text_it_shipped_with_and_every_migration_is_listed() throws IOException {
        Map<String, String> listed = new TreeMap<>();
        for (String line : Files.readAllLines(LIST)) {
            if (line.isBlank()) continue;
            String[] parts = line.trim().split(" ");
            listed.put(parts[0], parts[1]);
        }
        Map<String, String> actual = new TreeMap<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                actual.put(f.getFileName().toString(), sha256(Files.readAllBytes(f)));
            }
        }
        assertThat(actual.keySet()).as("migrations without a line in " + LIST + " (add: <file> <sha256>)")
                .containsAll(listed.keySet()).isSubsetOf(listed.keySet());
        for (Map.Entry<String, String> e : listed.entrySet()) {
            assertThat(actual.get(e.getKey())).as(e.getKey() + " changed after it shipped: write a new migration instead")
                    .isEqualTo(e.getValue());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
