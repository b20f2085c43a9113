package dev.yantra.fairness.cli;

import dev.yantra.cli.ExitCodes;
import dev.yantra.fairness.RtpSimulator;
import dev.yantra.fairness.RtpSimulator.FaceStats;
import dev.yantra.fairness.RtpSimulator.Report;
import dev.yantra.fairness.RtpSimulator.SideStats;
import dev.yantra.games.ketapola.KetapolaDicePlugin;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code yantra rtp}: Monte-Carlo RTP regression of the outcome mapping. Simulation accepts any weights (even ones
 * the server refuses by maxRtp). Exit 1 when a side's RTP or a face frequency is more than 4σ off theory.
 */
@Command(name = "rtp", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        description = {"Simulate N rounds on all cores and compare RTP, hit rate and dice-sum frequencies with theory.",
                "Each round stakes one unit on LOW and one on HIGH; a fresh random server seed every 65536 nonces."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:passed (|z| <= 4 everywhere)", "1:failed (some |z| > 4)", "64:invalid arguments",
                "70:internal error"})
public class RtpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--game", defaultValue = KetapolaDicePlugin.GAME_CODE, description = "Game code (default ${DEFAULT-VALUE}).")
    String game;

    @Option(names = "--rounds", defaultValue = "10000000", description = "Rounds to simulate (default ${DEFAULT-VALUE}).")
    long rounds;

    @Option(names = "--low", defaultValue = "48", description = "lowWeight (default ${DEFAULT-VALUE}).")
    int lowWeight;

    @Option(names = "--high", defaultValue = "48", description = "highWeight (default ${DEFAULT-VALUE}).")
    int highWeight;

    @Option(names = "--commission-micro", defaultValue = "3000", description = "commissionMicro, 0..100000 (default ${DEFAULT-VALUE}).")
    int commissionMicro;

    @Option(names = "--threads", description = "Worker threads (default: available processors).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON document instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!KetapolaDicePlugin.GAME_CODE.equals(game)) {
            err.println("yantra rtp: unknown game '" + game + "'; known: " + KetapolaDicePlugin.GAME_CODE);
            return ExitCodes.USAGE;
        }
        RtpSimulator.Params params;
        try {
            int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            params = new RtpSimulator.Params(rounds, t, lowWeight, highWeight, commissionMicro);
        } catch (IllegalArgumentException e) {
            err.println("yantra rtp: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Report report;
        try {
            report = RtpSimulator.run(params, progressBar(err));
        } catch (RuntimeException e) {
            err.println("yantra rtp: internal error: " + e);
            return ExitCodes.INTERNAL;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? toJson(report) + "\n" : table(report));
        out.flush();
        if (!report.passed()) {
            err.println("yantra rtp: FAILED: " + String.join("; ", report.failures()));
            return ExitCodes.CHECK_FAILED;
        }
        return ExitCodes.OK;
    }

    /** A bar on stderr only when a person is watching; nothing in pipes, CI logs or tests. */
    private static DoubleConsumer progressBar(PrintWriter err) {
        if (System.console() == null) {
            return fraction -> { };
        }
        return fraction -> {
            int filled = (int) Math.round(fraction * 40);
            err.printf("\r[%s%s] %5.1f%%", "#".repeat(filled), " ".repeat(40 - filled), fraction * 100);
            if (fraction >= 1.0) {
                err.print("\r" + " ".repeat(50) + "\r");
            }
            err.flush();
        };
    }

    static String table(Report r) {
        RtpSimulator.Params p = r.params();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "ketapola-dice RTP simulation: %,d rounds, weights %d/%d, commissionMicro %d, "
                        + "%d threads, %.2f s (%,.0f rounds/s)%n%n", p.rounds(), p.lowWeight(), p.highWeight(),
                p.commissionMicro(), p.threads(), r.elapsedNanos() / 1e9, r.roundsPerSecond()));
        sb.append(String.format(Locale.ROOT, "%-5s %14s %9s %10s %10s %10s %7s%n",
                "side", "hits", "hit rate", "RTP", "theory", "sigma", "z"));
        for (SideStats s : r.sides()) {
            sb.append(String.format(Locale.ROOT, "%-5s %,14d %9.6f %10.6f %10.6f %10.6f %7.2f%n",
                    s.side(), s.hits(), s.hitRate(), s.rtp(), s.theoreticalRtp(), s.sigma(), s.z()));
        }
        sb.append(String.format(Locale.ROOT, "%n%-5s %14s %10s %10s %7s%n", "sum", "count", "freq", "expected", "z"));
        for (FaceStats f : r.faces()) {
            sb.append(String.format(Locale.ROOT, "%-5d %,14d %10.6f %10.6f %7.2f%n",
                    f.sum(), f.count(), f.frequency(), f.expectedFrequency(), f.z()));
        }
        sb.append(String.format("%nresult: %s (limit |z| <= %.0f)%n", r.passed() ? "PASSED" : "FAILED", RtpSimulator.Z_LIMIT));
        return sb.toString();
    }

    static String toJson(Report r) {
        RtpSimulator.Params p = r.params();
        StringBuilder sb = new StringBuilder("{");
        sb.append(String.format(Locale.ROOT, "\"game\":\"%s\",\"rounds\":%d,\"lowWeight\":%d,\"highWeight\":%d,"
                        + "\"commissionMicro\":%d,\"threads\":%d,\"elapsedSeconds\":%.3f,\"passed\":%b,\"sides\":[",
                KetapolaDicePlugin.GAME_CODE, p.rounds(), p.lowWeight(), p.highWeight(), p.commissionMicro(),
                p.threads(), r.elapsedNanos() / 1e9, r.passed()));
        for (int i = 0; i < r.sides().size(); i++) {
            SideStats s = r.sides().get(i);
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"side\":\"%s\",\"hits\":%d,\"hitRate\":%.9f,\"rtp\":%.9f,\"theoreticalRtp\":%.9f,"
                            + "\"sigma\":%.9f,\"z\":%.4f}",
                    s.side(), s.hits(), s.hitRate(), s.rtp(), s.theoreticalRtp(), s.sigma(), s.z()));
        }
        sb.append("],\"faces\":[");
        for (int i = 0; i < r.faces().size(); i++) {
            FaceStats f = r.faces().get(i);
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"sum\":%d,\"count\":%d,\"frequency\":%.9f,\"expectedFrequency\":%.9f,\"z\":%.4f}",
                    f.sum(), f.count(), f.frequency(), f.expectedFrequency(), f.z()));
        }
        return sb.append("]}").toString();
    }

}
