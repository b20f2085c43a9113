package dev.yantra.reconcile;

import dev.yantra.cli.DataDirOption;
import dev.yantra.config.EnvVars;
import dev.yantra.config.NodeClock;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code yantra reconcile daily}: the node's scheduled daily run (DailyReconciliation) once, from a scheduler
 * outside the node (a Kubernetes CronJob). Like the node it records every result in reconciliation_results, so the
 * reconciliation_status gauge and its alerts see it; unlike the node it exits with the worst result, and 3 when no
 * file arrived, so the scheduler shows a failed run.
 */
@Command(name = "daily", mixinStandardHelpOptions = true,
        description = {"Reconcile every operator file <operatorId>_<YYYY-MM-DD>.csv of a day in a directory and record"
                + " each result (what the node does at RECONCILE_DAILY_AT).",
                "Exit: the worst file's (0 MATCH, 1 MINOR_DRIFT, 2 MAJOR_DRIFT, 3 unreadable or no file at all), 64 bad flags,"
                        + " 69 database unreachable, 70 internal error."})
public class DailyCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the files are (default: RECONCILE_SOURCE_DIR)")
    Path dir;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The UTC day (default: yesterday)")
    String date;

    @Override
    public Integer call() {
        Path source = dir != null ? dir : EnvVars.RECONCILE_SOURCE_DIR.read(EnvVars.process())
                .map(Path::of).orElseThrow(() -> new UsageException("--dir is required when RECONCILE_SOURCE_DIR is not set"));
        if (!Files.isDirectory(source)) throw new UsageException("--dir " + source + " is not a directory");
        LocalDate day;
        try {
            day = date == null ? LocalDate.now(NodeClock.system().withZone(ZoneOffset.UTC)).minusDays(1) : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new UsageException("--date must be YYYY-MM-DD, was '" + date + "'");
        }
        try (Database db = data.openDatabase()) {
            ReconcileService service = new ReconcileService(db.dataSource(), NodeClock.system(), ReconcileLimits.DEFAULTS);
            DailyReconciliation daily = new DailyReconciliation(service, JdbcClient.create(db.dataSource()),
                    new DailyReconciliation.Settings(LocalTime.MIDNIGHT, Optional.of(source)));
            DailyReconciliation.DailyRun run = daily.run(day);
            if (run.files() == 0) {
                spec.commandLine().getErr().println("yantra reconcile daily: no settlement file *_" + day + ".csv in " + source + " (exit 3)");
                return Status.EXIT_UNREADABLE_INPUT;
            }
            spec.commandLine().getOut().println("reconciled " + run.files() + " file(s) of " + day + " from " + source
                    + ": exit " + run.worstExit());
            spec.commandLine().getOut().flush();
            return run.worstExit();
        }
    }
}
