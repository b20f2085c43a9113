package dev.yantra.retention;

import dev.yantra.cli.Table;
import dev.yantra.admin.AdminAudit;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.db.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code yantra retention run [--dry-run]}: purges short-lived rows and archives (then deletes) money and audit rows
 * past the jurisdiction period, on the database directly. Exit codes: 0 done, 64 bad settings, 69 database down,
 * 70 an archive could not be written or an audit chain is broken (the batch in flight is rolled back).
 */
@Command(name = "retention", mixinStandardHelpOptions = true, description = "Retention of short-lived, money and audit rows.",
        subcommands = {RetentionCommand.Run.class})
public class RetentionCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Purge short-lived rows older than RETENTION_SHORT_LIVED_DAYS; archive money and audit rows older than "
                    + "RETENTION_MONEY_DAYS into RETENTION_ARCHIVE_DIR, then delete them.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:done (or, with --dry-run, counted)", "64:bad settings", "69:the database is unavailable",
                    "70:an archive could not be written, or an audit chain is broken (nothing of that batch is deleted)"})
    static class Run implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--dry-run", description = "Count what would be purged or archived; change nothing") boolean dryRun;

        @Override
        public Integer call() {
            RetentionSettings settings = RetentionSettings.fromEnv(dev.yantra.config.EnvVars.process(), data.env().dataDir());
            try (Database db = data.openDatabase()) {
                Retention.Report r = new Retention(db.jdbc(), db.tx(), settings).run(dryRun, AdminAudit.cliUser());
                System.out.printf("short-lived rows: older than %d days; money and audit rows: older than %d days%s%n",
                        settings.shortLived().toDays(), settings.money().toDays(), dryRun ? " (dry run: nothing changed)" : "");
                String rows = dryRun ? "WOULD" : "ROWS";
                Table t = Table.of("POLICY", "TABLE", "ACTION", rows).rightAligned(rows);
                for (Retention.Outcome o : r.outcomes()) {
                    String action = switch (o.kind()) {
                        case PURGE -> "delete";
                        case BLANK_PAYLOAD -> "blank payload";
                        case ARCHIVE -> "archive+delete";
                    };
                    t.row(o.policy(), o.table(), action, o.rows());
                }
                t.print(System.out);
                if (r.archiveRun() != null) System.out.println("archived to " + r.archiveRun().toAbsolutePath() + " (manifest.json, MANIFEST.sha256)");
                return ExitCodes.OK;
            }
        }
    }
}
