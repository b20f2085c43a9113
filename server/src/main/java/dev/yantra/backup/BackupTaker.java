package dev.yantra.backup;

import dev.yantra.config.UnavailableException;
import dev.yantra.db.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Takes one backup: pg_dump in custom format, compressed, of the snapshot a REPEATABLE READ transaction exported, so
 * the counts and money totals of the manifest (read in that same transaction) are exactly what the file holds, even
 * while nodes keep taking bets. The file appears under its final name only once complete; then the manifest, then
 * the {@code latest} link moves to it.
 */
final class BackupTaker {
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final String LATEST = "latest";

    record Taken(Path file, BackupManifest manifest) {
    }

    private final Database db;
    private final Clock clock;

    BackupTaker(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Taken take(Path dir) throws IOException, SQLException {
        Files.createDirectories(dir);
        Instant now = clock.instant();
        Path file = dir.resolve("yantra-" + STAMP.format(now) + ".dump");
        if (Files.exists(file)) throw new UnavailableException(file + " already exists: one backup a second at most", null);
        Path partial = dir.resolve("." + file.getFileName() + ".partial");
        PgTarget target = PgTarget.of(db.connection());
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                String snapshot;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                    rs.next();
                    snapshot = rs.getString(1);
                }
                ServerFacts facts = ServerFacts.of(c);
                PgClientTools tools = PgClientTools.forServerMajor(facts.major());
                DatabaseCensus census = DatabaseCensus.of(c);
                // the exporting transaction stays open until pg_dump has imported (and finished with) the snapshot
                tools.dump(target, List.of("--format=custom", "--compress=6", "--snapshot=" + snapshot,
                        "--file=" + partial));
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
                BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, file.getFileName().toString(),
                        BackupManifest.sha256(file), Files.size(file), now.toString(), facts.version(), tools.version(),
                        facts.schemaVersion(), census);
                manifest.write(file.resolveSibling(file.getFileName() + BackupManifest.SUFFIX));
                pointLatestAt(file);
                return new Taken(file, manifest);
            } finally {
                c.rollback();
                Files.deleteIfExists(partial);
            }
        }
    }

    /** Replaces the link in one rename, so {@code latest} never dangles or names a half-written file. */
    private static void pointLatestAt(Path file) throws IOException {
        Path link = file.resolveSibling(LATEST);
        Path tmp = file.resolveSibling("." + LATEST + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, file.getFileName());
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
