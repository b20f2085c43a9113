package dev.yantra.reconcile;

import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.NodeClock;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code yantra export}: a group; {@code export settlement} writes our side in the settlement formats. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export our records in exchange formats.",
        subcommands = ExportCommand.Settlement.class)
public class ExportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "settlement", mixinStandardHelpOptions = true,
            description = {"Write our side of one operator's UTC day as a settlement file (of an operator settlement file), so the"
                    + " operator (or `yantra reconcile`) can diff it. Streams: stdout by default.",
                    "Exit: 0 written, 64 bad arguments, 69 database unreachable, 70 internal error."})
    public static class Settlement implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Spec
        CommandSpec spec;

        @Option(names = "--operator", required = true, paramLabel = "ID|NAME", description = "Operator id or name")
        String operator;

        private String asGiven;

        @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The UTC day")
        LocalDate date;

        @Option(names = "--level", defaultValue = "summary", paramLabel = "LEVEL",
                description = "summary or transactions (default ${DEFAULT-VALUE})")
        String level;

        @Option(names = "--out", paramLabel = "FILE", description = "Write here (atomically) instead of stdout")
        Path out;

        @Override
        public Integer call() throws IOException {
            boolean transactions = switch (level.toLowerCase(java.util.Locale.ROOT)) {
                case "summary" -> false;
                case "transactions" -> true;
                default -> throw new UsageException("--level must be summary or transactions, was '" + level + "'");
            };
            try (Database db = data.openDatabase()) {
                String given = operator;
                asGiven = given;
                // The file names the operator by id (what the operator's own side writes); a name is resolved first,
                // and an operator we do not know is an error here: an empty file must never look like a quiet day.
                operator = db.jdbc().sql("SELECT id::text FROM operators WHERE id::text = lower(?) OR name = ?")
                        .params(given, given).query(String.class).optional()
                        .orElseThrow(() -> new dev.yantra.config.NotFoundException("no operator '" + given + "'"));
                ReconcileService service = new ReconcileService(db.dataSource(), NodeClock.system(), ReconcileLimits.DEFAULTS);
                if (out == null) {
                    write(service, transactions, spec.commandLine().getOut());
                } else {
                    Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".export-", ".csv.tmp");
                    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                        long rows = write(service, transactions, w);
                        spec.commandLine().getErr().println("yantra export settlement: " + rows + " rows written to " + out);
                    } catch (IOException | RuntimeException e) {
                        Files.deleteIfExists(tmp);
                        throw e;
                    }
                    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return ExitCodes.OK;
        }

        private long write(ReconcileService service, boolean transactions, Writer w) throws IOException {
            long rows = ReconcileCommand.internalErrorsAsSuch(() -> transactions
                    ? service.exportTransactions(operator, date, w) : service.exportSummary(operator, date, w));
            w.flush();
            if (rows == 0) {
                spec.commandLine().getErr().println("yantra export settlement: no activity for operator " + asGiven
                        + " on " + date + " (UTC): the file has a header only, and `yantra reconcile` refuses it (exit 3)");
            }
            return rows;
        }
    }
}
