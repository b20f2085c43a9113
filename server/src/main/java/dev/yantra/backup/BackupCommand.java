package dev.yantra.backup;

import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code yantra backup [--dir D] [--keep N] [--max-age-days D]} and {@code yantra backup verify FILE}.
 * Exit codes: 0 written / verified, 1 a corrupted, unreadable or differing backup, 64 bad usage, 69 the database
 * or client tools of its major unavailable, 70 the file could not be written.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the database: pg_dump custom format, compressed, with a SHA-256 manifest of row counts and money "
                + "totals, a timestamped file and a 'latest' link, then retention by count and age.",
        subcommands = BackupCommand.Verify.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written (and, with --verify, restorable and equal to its manifest)",
                "1:--verify: the new backup does not restore to its manifest", "64:bad arguments", "69:database unavailable, or no pg_dump of the server's major",
                "70:the backup could not be written"})
public class BackupCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where backups go (env YANTRA_BACKUP_DIR, default DATA_DIR/backups)") Path dir;
    @Option(names = "--keep", paramLabel = "N",
            description = "Keep at most the newest N backups (env YANTRA_BACKUP_KEEP, default 14)") Integer keep;
    @Option(names = "--max-age-days", paramLabel = "D",
            description = "Delete backups older than D days, never the newest one (env YANTRA_BACKUP_MAX_AGE_DAYS, default 35)")
    Integer maxAgeDays;
    @Option(names = "--verify", description = "Then restore the new backup into a scratch database and compare it with its "
            + "manifest, as 'backup verify' does (exit 1 when it differs)") boolean verify;

    @Override
    public Integer call() throws SQLException {
        var vars = dev.yantra.config.EnvVars.process();
        BackupRetention retention = new BackupRetention(
                keep != null ? dev.yantra.config.EnvVars.BACKUP_KEEP.check(keep) : dev.yantra.config.EnvVars.BACKUP_KEEP.read(vars),
                maxAgeDays != null ? dev.yantra.config.EnvVars.BACKUP_MAX_AGE_DAYS.check(maxAgeDays)
                        : dev.yantra.config.EnvVars.BACKUP_MAX_AGE_DAYS.read(vars));
        YantraEnv env = data.env();
        Path target = dir != null ? dir : dev.yantra.config.EnvVars.BACKUP_DIR.read(vars).map(Path::of)
                .orElse(env.dataDir().resolve("backups"));
        try (Database db = Database.open(env, "yantra-backup", 2, null)) {
            BackupTaker.Taken taken;
            List<Path> deleted;
            try {
                taken = new BackupTaker(db, dev.yantra.config.NodeClock.system()).take(target);
                deleted = retention.apply(target, dev.yantra.config.NodeClock.system().instant());
            } catch (IOException e) {
                System.err.println("yantra backup: cannot write to " + target + ": " + e.getMessage());
                return ExitCodes.INTERNAL;
            }
            BackupManifest m = taken.manifest();
            System.out.println("backup " + taken.file().toAbsolutePath());
            System.out.printf("size %d bytes, sha256 %s%n", m.bytes(), m.sha256());
            System.out.println("server PostgreSQL " + m.serverVersion() + ", " + m.pgDumpVersion() + ", schema version " + m.schemaVersion());
            System.out.println(m.census().tables().size() + " table(s), " + m.census().totalRows() + " row(s); money totals in "
                    + m.file() + BackupManifest.SUFFIX);
            for (Path gone : deleted) System.out.println("retention deleted " + gone.getFileName());
            if (!verify) return ExitCodes.OK;
            try {
                return RestoreCommand.report("yantra backup --verify", taken.file(),
                        BackupVerifier.verify(db, BackupFile.checked(taken.file())));
            } catch (BackupRefused e) {
                System.err.println("yantra backup --verify: " + e.getMessage());
                return ExitCodes.CHECK_FAILED;
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Restore FILE into a scratch database on the same server and compare its row counts and money totals "
                    + "with the manifest. The live database is not touched.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:restorable and equal to its manifest", "1:corrupted, unreadable or different",
                    "69:database unavailable, or no pg_restore of the server's major"})
    static class Verify implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "FILE", description = "A backup file (or the 'latest' link)") Path file;

        @Override
        public Integer call() throws SQLException {
            try (Database db = Database.open(data.env(), "yantra-backup-verify", 2, null)) {
                BackupRestorer.Restored r;
                try {
                    r = BackupVerifier.verify(db, BackupFile.checked(file));
                } catch (BackupRefused e) {
                    System.err.println("yantra backup verify: " + e.getMessage());
                    return ExitCodes.CHECK_FAILED;
                }
                return RestoreCommand.report("yantra backup verify", file, r);
            }
        }
    }
}
