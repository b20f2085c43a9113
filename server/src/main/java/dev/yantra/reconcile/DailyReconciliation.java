package dev.yantra.reconcile;

import dev.yantra.config.EnvVars;
import dev.yantra.config.NodeClock;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The scheduled daily run: at {@code RECONCILE_DAILY_AT} (UTC, default 00:30) it reconciles yesterday's
 * operator files dropped in {@code RECONCILE_SOURCE_DIR}, named {@code <operatorId>_<YYYY-MM-DD>.csv}, logs
 * each result and records it in reconciliation_results, from which every node exports
 * {@code reconciliation_status{operator,currency}} (0 match, 1 minor, 2 major; currency {@code ALL} for a
 * transaction-level file). Without a file it only logs that none arrived. One daemon thread.
 */
@Component
public class DailyReconciliation implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DailyReconciliation.class);
    /** Files looked at per run: a directory of junk must not stall the node. */
    static final int MAX_FILES_PER_RUN = 1_000;

    /** Settings from the environment, validated at start-up. */
    public record Settings(LocalTime dailyAtUtc, Optional<Path> sourceDir) {
        public static Settings fromEnv(Map<String, String> env) {
            LocalTime time = LocalTime.parse(EnvVars.RECONCILE_DAILY_AT.read(env).orElseThrow());
            return new Settings(time, EnvVars.RECONCILE_SOURCE_DIR.read(env).map(Path::of));
        }
    }

    private final ReconcileService service;
    private final JdbcClient jdbc;
    private final Settings settings;
    private final Clock clock = NodeClock.system();
    private ScheduledExecutorService executor;

    @org.springframework.beans.factory.annotation.Autowired
    public DailyReconciliation(ReconcileService service, JdbcClient jdbc) {
        this(service, jdbc, Settings.fromEnv(EnvVars.process()));
    }

    DailyReconciliation(ReconcileService service, JdbcClient jdbc, Settings settings) {
        this.service = service;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reconcile-daily");
            t.setDaemon(true);
            return t;
        });
        scheduleNext();
        log.info("daily reconciliation at {} UTC, files from {}", settings.dailyAtUtc(),
                settings.sourceDir().map(Path::toString).orElse("(RECONCILE_SOURCE_DIR not set)"));
    }

    private void scheduleNext() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
        ZonedDateTime today = now.with(settings.dailyAtUtc()).withNano(0);
        ZonedDateTime next = today.isAfter(now) ? today : today.plusDays(1);
        executor.schedule(() -> {
            try {
                runFor(next.toLocalDate().minusDays(1));
            } catch (RuntimeException e) {
                log.error("daily reconciliation failed: {}", e.toString());
            } finally {
                synchronized (this) {
                    if (!executor.isShutdown()) scheduleNext();
                }
            }
        }, Duration.between(now, next).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One day's run: how many files it found and the worst exit code among them (as `yantra reconcile` exits). */
    public record DailyRun(int files, int worstExit) {
    }

    /** Reconciles every file of {@code day}; returns how many it found. */
    int runFor(LocalDate day) {
        return run(day).files();
    }

    /**
     * Reconciles every file of {@code day} and records each result, as the scheduled run does; {@code yantra
     * reconcile daily} (a CronJob on Kubernetes) calls this directly.
     */
    public DailyRun run(LocalDate day) {
        if (settings.sourceDir().isEmpty() || !Files.isDirectory(settings.sourceDir().get())) {
            log.warn("daily reconciliation {}: no settlement file arrived (RECONCILE_SOURCE_DIR {} is not a directory)",
                    day, settings.sourceDir().map(Path::toString).orElse("unset"));
            return new DailyRun(0, 0);
        }
        int found = 0;
        int worst = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(settings.sourceDir().get(), "*_" + day + ".csv")) {
            for (Path file : files) {
                if (++found > MAX_FILES_PER_RUN) break;
                worst = Math.max(worst, reconcileFile(file, file.getFileName().toString().replace("_" + day + ".csv", ""), day));
            }
        } catch (IOException e) {
            log.error("daily reconciliation {}: cannot list {}: {}", day, settings.sourceDir().get(), e.toString());
            worst = Math.max(worst, Status.EXIT_UNREADABLE_INPUT);
        }
        if (found == 0) {
            log.warn("daily reconciliation {}: no settlement file arrived in {}", day, settings.sourceDir().get());
        }
        return new DailyRun(Math.min(found, MAX_FILES_PER_RUN), worst);
    }

    /** The file's exit code: its outcome's, 3 when unreadable, 70 when it failed. */
    private int reconcileFile(Path file, String operatorId, LocalDate day) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ReconciliationReport report = service.reconcile(in, operatorId, ReconcileService.Scope.ONLY_THIS_OPERATOR, n -> { });
            if (report.unreadable()) {
                log.error("daily reconciliation {}: UNREADABLE_INPUT, {} malformed lines, first {}", file,
                        report.lineErrorCount(), report.lineErrors().get(0));
                return Status.EXIT_UNREADABLE_INPUT;
            }
            if (report.transactions() != null) {
                recordStatus(operatorId, "ALL", day, report.status(), file);
            }
            for (SummaryRowResult row : report.rows()) {
                recordStatus(row.operatorId(), row.currency(), day, row.status(), file);
            }
            log.info("daily reconciliation {}: {} (exit {})", file, report.outcome(), report.exitCode());
            return report.exitCode();
        } catch (IOException | RuntimeException e) {
            log.error("daily reconciliation {}: failed: {}", file, e.toString());
            return 70;
        }
    }

    /** Kept in reconciliation_results: the reconciliation_status gauge of every node reads it from there. */
    void recordStatus(String operator, String currency, LocalDate day, Status status, Path file) {
        jdbc.sql("""
                INSERT INTO reconciliation_results (operator_id, currency, business_date, status, source_file)
                VALUES (:op, :cur, :day, :status, :file)
                ON CONFLICT (operator_id, currency, business_date)
                DO UPDATE SET status = EXCLUDED.status, source_file = EXCLUDED.source_file, finished_at = now()""")
                .param("op", operator).param("cur", currency).param("day", day).param("status", status.name())
                .param("file", file.toString()).update();
    }

    @Override
    public synchronized void stop() {
        if (executor != null) executor.shutdownNow();
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
