package dev.yantra.backup;

import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.db.Database;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code yantra restore --file F --confirm [--force]}: loads a backup into the configured database, which must be
 * empty unless --force. Stop every node first (scale the deployments to 0): a node writing during a restore would
 * mix two histories. Exit codes: 0 restored and equal to the manifest, 1 refused (corrupted file, non-empty
 * database) or restored but different, 64 without --confirm, 69 database or pg_restore unavailable.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup into the configured database (empty, unless --force), then compare it with the manifest.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:restored, counts and money totals equal to the manifest", "1:refused, or restored but different",
                "64:bad arguments or no --confirm", "69:database unavailable, or no pg_restore of the server's major"})
public class RestoreCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Option(names = "--file", required = true, paramLabel = "FILE", description = "A backup file (or the 'latest' link)") Path file;
    @Option(names = "--confirm", description = "Really restore (without it: check the file and say what would happen)") boolean confirm;
    @Option(names = "--force", description = "Restore into a database that is not empty: its public schema is dropped first") boolean force;

    @Override
    public Integer call() throws SQLException {
        BackupFile backup;
        try {
            backup = BackupFile.checked(file);
        } catch (BackupRefused e) {
            System.err.println("yantra restore: " + e.getMessage());
            return ExitCodes.CHECK_FAILED;
        }
        try (Database db = Database.open(data.env(), "yantra-restore", 2, null)) {
            if (!confirm) {
                System.out.println(backup.file() + " is intact (sha256 " + backup.manifest().sha256() + ", taken "
                        + backup.manifest().createdAt() + ", " + backup.manifest().census().totalRows() + " row(s))");
                System.err.println("yantra restore: this replaces the data of " + db.describe() + "; re-run with --confirm"
                        + (force ? " --force" : ""));
                return ExitCodes.USAGE;
            }
            try {
                return report("yantra restore", file, BackupRestorer.intoConfigured(db, backup, force));
            } catch (BackupRefused e) {
                System.err.println("yantra restore: " + e.getMessage());
                return ExitCodes.CHECK_FAILED;
            }
        }
    }

    /** One line per table, then the verdict: 0 when the restored data equals the manifest, 1 otherwise. */
    static int report(String command, Path file, BackupRestorer.Restored r) {
        for (DatabaseCensus.TableCensus t : r.census().tables()) {
            StringBuilder line = new StringBuilder(String.format("%-36s %10d row(s)", t.table(), t.rows()));
            t.totals().forEach((col, total) -> line.append("  ").append(col).append('=').append(total));
            System.out.println(line);
        }
        if (!r.differences().isEmpty()) {
            r.differences().forEach(d -> System.err.println(command + ": " + d));
            System.err.println(command + ": " + file + " does NOT match its manifest (" + r.differences().size() + " difference(s))");
            return ExitCodes.CHECK_FAILED;
        }
        System.out.println(file + ": " + r.census().tables().size() + " table(s), " + r.census().totalRows()
                + " row(s), counts and money totals equal to the manifest");
        return ExitCodes.OK;
    }
}
