package dev.yantra.lottery.reconcile;

import dev.yantra.admin.AdminAudit;
import dev.yantra.breaker.BreakerSettings;
import dev.yantra.cli.DataDirOption;
import dev.yantra.config.NodeClock;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import dev.yantra.jobs.JobsConfiguration;
import dev.yantra.lottery.bancas.BancaCredentials;
import dev.yantra.lottery.bancas.Bancas;
import dev.yantra.lottery.forwarding.StuckPlayCheck;
import dev.yantra.lottery.ledger.PlayerLedger;
import dev.yantra.lottery.plays.PlayStore;
import dev.yantra.operator.Durations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code yantra lottery reconcile}: compares a day's plays per banca with the banca's answers and the money, and
 * with --force-check first resolves plays stuck at the banca's door. Exit codes are {@code yantra reconcile}'s:
 * 0 MATCH, 1 MINOR (every difference a pending play of a draw still on sale), 2 MAJOR, 3 the banca's side could
 * not be read; 64 bad arguments, 69 database down, 70 internal error. Contract: docs/lottery-reconciliation.md.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare a day's plays per banca with the banca's answers, refunds and the wallet ledger;"
                + " with --force-check first ask the banca about every play pending too long and settle it with its answer.",
                "Exit: 0 MATCH, 1 MINOR (only pending plays of draws still open), 2 MAJOR, 3 the banca's side unreadable,"
                        + " 64 bad arguments, 69 database down, 70 internal error."})
public class LotteryReconcileCommand implements Callable<Integer> {
    static final String DEFAULT_ZONE = "America/Santo_Domingo";
    static final int MAX_REQUEST_IDS = 10_000;

    @Mixin
    DataDirOption data;

    @Spec
    CommandSpec spec;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "The day of sale to compare, in the lotteries' time zone (default: yesterday there)")
    String date;

    @Option(names = "--banca-id", paramLabel = "UUID", description = "Only this banca (default: every active or suspended one)")
    String bancaId;

    @Option(names = "--request-ids", paramLabel = "UUID,..", description = "Only these plays (their requestIds); any day unless --date is given")
    String requestIds;

    @Option(names = "--force-check", description = "First ask the banca about every play pending longer than --older-than and settle it with the answer")
    boolean forceCheck;

    @Option(names = "--older-than", paramLabel = "DURATION", description = "With --force-check: how long a play must have been pending (default 10m; 30s, 10m, 1h)")
    String olderThan;

    @Option(names = "--dry-run", description = "Ask and report, change nothing (no play moved, no register call sent, the run not stored)")
    boolean dryRun;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Write the report there as Markdown and CSV")
    Path outputDir;

    @Option(names = {"-v", "--verbose"}, description = "List every difference and every force-checked play; progress on stderr")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        Optional<UUID> banca = bancaId == null ? Optional.empty() : Optional.of(uuid("--banca-id", bancaId));
        List<UUID> requests = requestIds == null ? List.of() : uuids("--request-ids", requestIds);
        Duration older = olderThan(olderThan, forceCheck);
        LocalDate givenDay = date == null ? null : day(date);
        if (outputDir != null) writableDirectory(outputDir);
        try (Database db = data.openDatabase()) {
            Clock clock = NodeClock.system();
            ZoneId zone = zoneOfLotteries(db);
            LocalDate today = LocalDate.now(clock.withZone(zone));
            if (givenDay != null && givenDay.isAfter(today)) {
                throw new UsageException("--date " + givenDay + " is in the future (today is " + today + " in " + zone + ")");
            }
            ReconcileScope scope = new ReconcileScope(givenDay == null ? today.minusDays(1) : givenDay, givenDay != null, banca, requests,
                    forceCheck, older, dryRun);
            LotteryReconciliation reconciliation = new LotteryReconciliation(db.jdbc(),
                    new ReconciliationRuns(db.jdbc(), JobsConfiguration.transactions(db)), new PaymentsTable(db.jdbc()), clock);
            Optional<StuckPlayCheck> checker = forceCheck ? Optional.of(stuckPlayCheck(db, clock)) : Optional.empty();
            PrintWriter err = spec.commandLine().getErr();
            RunReport report = internalErrorsAsSuch(() -> reconciliation.run(scope, zone.getId(), checker, AdminAudit.cliUser(),
                    line -> {
                        if (verbose) err.println("checked " + line);
                    }));
            PrintWriter out = spec.commandLine().getOut();
            ReportFiles.textLines(report, verbose).forEach(out::println);
            if (outputDir != null) {
                ReportFiles.Written w = ReportFiles.write(report, outputDir);
                out.println("report: " + w.markdown() + " and " + w.csv());
            }
            out.flush();
            return report.exitCode();
        }
    }

    private StuckPlayCheck stuckPlayCheck(Database db, Clock clock) {
        AdminAudit audit = new AdminAudit(db.jdbc());
        BancaCredentials credentials = new BancaCredentials(db, data.env(), audit);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // a card play's capture or release is queued in the move's transaction, as on a node; the nodes' payment
        // runners make the Stripe calls
        PlayStore plays = new PlayStore(db.jdbc(), new PlayerLedger(db.jdbc(), audit, clock), meters,
                new dev.yantra.lottery.payments.PaymentJobs(db.jdbc()));
        return StuckPlayCheck.create(db, data.env(), new Bancas(db, audit, credentials), credentials, plays, meters, clock,
                BreakerSettings.fromEnv());
    }

    /** The time zone most lotteries use (plays are still judged in their own lottery's zone). */
    static ZoneId zoneOfLotteries(Database db) {
        String zone = db.jdbc().sql("SELECT time_zone FROM lotteries GROUP BY time_zone ORDER BY count(*) DESC, time_zone LIMIT 1")
                .query(String.class).optional().orElse(DEFAULT_ZONE);
        return ZoneId.of(zone);
    }

    static UUID uuid(String flag, String text) {
        try {
            String t = text.trim();
            if (t.length() != 36) throw new IllegalArgumentException("length");
            return UUID.fromString(t);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + " must be a UUID, was '" + text + "'");
        }
    }

    static List<UUID> uuids(String flag, String text) {
        List<UUID> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (part.isBlank()) throw new UsageException(flag + " must be UUIDs separated by commas, with none empty, was '" + text + "'");
            UUID id = uuid(flag, part);
            if (!out.contains(id)) out.add(id);
            if (out.size() > MAX_REQUEST_IDS) throw new UsageException(flag + " takes at most " + MAX_REQUEST_IDS + " ids");
        }
        return out;
    }

    static LocalDate day(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new UsageException("--date must be a day as YYYY-MM-DD, was '" + text + "'");
        }
    }

    static Duration olderThan(String text, boolean forceCheck) {
        if (text == null) return ReconcileScope.DEFAULT_OLDER_THAN;
        if (!forceCheck) throw new UsageException("--older-than applies only with --force-check");
        return Durations.parse(text, "--older-than");
    }

    static void writableDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("--output-dir " + dir + " cannot be created: " + e.getMessage());
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) throw new UsageException("--output-dir " + dir + " is not a writable directory");
    }

    interface Work<T> {
        T run();
    }

    /** The CLI maps IllegalArgumentException to 64 (bad usage); inside a run it is a bug, so it is 70 here. */
    static <T> T internalErrorsAsSuch(Work<T> work) {
        try {
            return work.run();
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("internal error: " + e.getMessage(), e);
        }
    }
}
