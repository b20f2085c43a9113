package dev.yantra.chaos;

import dev.yantra.cli.ExitCodes;
import dev.yantra.config.TestBreaks;
import dev.yantra.config.UsageException;
import dev.yantra.config.YantraEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yantra chaos}: the chaos harness (docs/chaos.md). */
@Command(name = "chaos", mixinStandardHelpOptions = true, subcommands = ChaosCommand.Run.class,
        description = "Run real nodes under a seeded fault schedule and check the money invariants (docs/chaos.md).")
public class ChaosCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Start N node processes on one PostgreSQL with the demo wallet, drive bets, play the scenario's "
                    + "faults (derived only from the seed), then check every invariant; writes report.html and summary.json.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every invariant held and the system recovered", "1:a violation (or no recovery): see the report",
                    "64:bad arguments"})
    public static class Run implements Callable<Integer> {
        @Option(names = "--scenario", required = true, paramLabel = "S",
                description = "kill-storm, wallet-outage, wallet-flap, db-restart, lottery-storm or everything") String scenario;
        @Option(names = "--nodes", paramLabel = "N", description = "node processes (default 3, 1..8)") int nodes = 3;
        @Option(names = "--duration", paramLabel = "D", description = "how long the load and the faults run: 90s, 10m, 1h (default 2m)")
        String duration = "2m";
        @Option(names = "--seed", paramLabel = "K", description = "the seed the fault schedule comes from (default: a random one, printed)")
        Long seed;
        @Option(names = "--out", paramLabel = "DIR", description = "where the report, the node logs and the embedded database go "
                + "(default: a new directory under the system's temp dir)") Path out;
        @Option(names = "--tables", paramLabel = "T", description = "operators, one table each (default 3)") int tables = 3;
        @Option(names = "--players", paramLabel = "P", description = "players per table (default 8)") int players = 8;
        @Option(names = "--bettors", paramLabel = "B", description = "concurrent bettors (default 6)") int bettors = 6;
        @Option(names = "--recovery-limit", paramLabel = "D", description = "how long recovery may take after the load (default 3m)")
        String recoveryLimit = "3m";
        @Option(names = "--test-break", paramLabel = "NAME", description = "run a deliberately broken build (YANTRA_TEST_BREAK for "
                + "the nodes): win-fresh-uuid, lease-after-expiry, job-complete-twice, hold-never-cancelled; the run must then fail") String testBreak;
        @Option(names = "--stop-on-violation", description = "end the run at the first violation seen while the faults run "
                + "(no recovery wait, the end-of-run rules not checked): a red run need not run its whole duration") boolean stopOnViolation;

        @Override
        public Integer call() throws Exception {
            Scenario s;
            try {
                s = Scenario.ofName(scenario);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (nodes < 1 || nodes > 8) throw new UsageException("--nodes must be 1..8, was " + nodes);
            if (tables < 1 || tables > 20) throw new UsageException("--tables must be 1..20, was " + tables);
            if (players < 1 || players > 1000) throw new UsageException("--players must be 1..1000, was " + players);
            if (bettors < 1 || bettors > 200) throw new UsageException("--bettors must be 1..200, was " + bettors);
            if (testBreak != null && !TestBreaks.KNOWN.contains(testBreak)) {
                throw new UsageException("--test-break must be one of " + TestBreaks.KNOWN + ", was '" + testBreak + "'");
            }
            Duration d = parseDuration("--duration", duration);
            try {
                FaultSchedule.of(s, 0, d.toMillis(), nodes);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--duration: " + e.getMessage());
            }
            long k = seed != null ? seed : new java.security.SecureRandom().nextLong();
            Path dir = out != null ? out : Files.createTempDirectory("yantra-chaos-" + s.wireName() + "-");
            Files.createDirectories(dir);
            String url = YantraEnv.fromSystem().databaseUrl().orElse(null);
            ChaosRun.Options o = new ChaosRun.Options(s, nodes, d, k, dir, url, testBreak, tables, players, bettors,
                    parseDuration("--recovery-limit", recoveryLimit), stopOnViolation);
            ChaosRun.Result r = new ChaosRun(o).run();
            ChaosReport.write(r, dir);
            System.out.println((r.passed() ? "PASSED" : "FAILED") + " " + s.wireName() + " seed " + k + ": "
                    + r.violations().stream().map(ChaosRun.Violation::invariant).distinct().count() + " invariants violated, "
                    + r.timeline().total(x -> x.accepted) + " bets accepted, " + r.schedule().faults().size() + " faults"
                    + (r.recovered() ? ", recovered in " + String.format(Locale.ROOT, "%.1f s", r.recoverySeconds()) : ", NOT recovered: " + r.recoveryNote()));
            r.violations().stream().map(ChaosRun.Violation::invariant).distinct().forEach(v -> System.out.println("  violated: " + v));
            System.out.println("  report: " + dir.resolve("report.html"));
            System.out.println("  summary: " + dir.resolve("summary.json"));
            System.out.println("  reproduce: " + ChaosReport.reproduce(o));
            return r.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    /** 500ms, 90s, 10m, 1h. */
    static Duration parseDuration(String option, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new UsageException(option + " must be a number with ms, s, m or h (90s, 10m, 1h), was '" + text + "'");
        long v = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(v);
            case "s" -> Duration.ofSeconds(v);
            case "m" -> Duration.ofMinutes(v);
            default -> Duration.ofHours(v);
        };
    }
}
