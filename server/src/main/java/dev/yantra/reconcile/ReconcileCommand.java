package dev.yantra.reconcile;

import dev.yantra.cli.DataDirOption;
import dev.yantra.config.NodeClock;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UnavailableException;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code yantra reconcile --file F}: compares an operator's settlement file with our wallet calls. Exit codes
 * are the report's (0 MATCH, 1 MINOR_DRIFT, 2 MAJOR_DRIFT, 3 unreadable input, a missing file included) and
 * the shared ones (64 bad flags, 69 database unreachable, 70 internal error).
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Compare an operator settlement file (daily summary or transaction level, detected from the header)"
                + " with our wallet calls.",
                "Exit: 0 MATCH, 1 MINOR_DRIFT, 2 MAJOR_DRIFT, 3 unreadable input, 64 bad flags, 69 database unreachable,"
                        + " 70 internal error."},
        subcommands = {AdjustCommand.class, DailyCommand.class, ReconcileBenchCommand.class})
public class ReconcileCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE", description = "The operator's settlement CSV (required)")
    Path file;

    @Option(names = "--operator", paramLabel = "ID",
            description = "Summary files: compare only this operator's rows. Transaction-level files: required, the operator they belong to")
    String operator;

    @Option(names = "--verbose", description = "List every listed difference, with bet, round and player")
    boolean verbose;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json or csv (default ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() throws IOException {
        ReportRenderer.Format renderAs = parseFormat(format);
        if (file == null) {
            throw new UsageException("--file is required (or a subcommand: adjust, daily, bench)");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            spec.commandLine().getErr().println("yantra reconcile: cannot read " + file
                    + (Files.exists(file) ? ": not a readable file" : ": no such file") + " (unreadable input, exit 3)");
            return Status.EXIT_UNREADABLE_INPUT;
        }
        try (Database db = data.openDatabase();
             InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             Progress progress = Progress.onTerminal("reconcile", spec.commandLine().getErr())) {
            ReconcileService service = new ReconcileService(db.dataSource(), NodeClock.system(), ReconcileLimits.DEFAULTS);
            ReconciliationReport report = internalErrorsAsSuch(() ->
                    service.reconcile(in, operator, ReconcileService.Scope.ANY_OPERATOR, progress));
            progress.close();
            PrintWriter out = spec.commandLine().getOut();
            ReportRenderer.render(report, renderAs, verbose, out);
            out.flush();
            if (report.unreadable()) {
                spec.commandLine().getErr().println("yantra reconcile: " + file + " is unreadable: "
                        + report.lineErrorCount() + " malformed line(s), first " + report.lineErrors().get(0));
            }
            return report.exitCode();
        }
    }

    static ReportRenderer.Format parseFormat(String format) {
        return switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "text" -> ReportRenderer.Format.TEXT;
            case "json" -> ReportRenderer.Format.JSON;
            case "csv" -> ReportRenderer.Format.CSV;
            default -> throw new UsageException("--format must be text, json or csv, was '" + format + "'");
        };
    }

    interface IoWork<T> {
        T run() throws IOException;
    }

    /**
     * The CLI maps IllegalArgumentException to 64 (bad usage); inside a run it means a bug, so it is 70 here.
     * Usage, not-found and unavailable failures keep their own codes.
     */
    static <T> T internalErrorsAsSuch(IoWork<T> work) throws IOException {
        try {
            return work.run();
        } catch (UsageException | UnavailableException | NotFoundException | ReconcileService.OperatorMismatchException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("internal error: " + e.getMessage(), e);
        }
    }

    static String author() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }
}
