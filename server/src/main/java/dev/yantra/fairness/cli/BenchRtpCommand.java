package dev.yantra.fairness.cli;

import dev.yantra.cli.ExitCodes;
import dev.yantra.fairness.RtpBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code yantra bench rtp}: raw HMAC-SHA256/s against simulator rounds/s in one JVM, same thread count. */
@Command(name = "rtp", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        description = {"Benchmark the RTP simulator against raw HMAC-SHA256 throughput (goal: ratio >= 0.7)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:measured", "1:the simulation inside the benchmark failed its check",
                "64:invalid arguments", "70:internal error"})
public class BenchRtpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rounds", defaultValue = "10000000", description = "Operations per measurement (default ${DEFAULT-VALUE}).")
    long rounds;

    @Option(names = "--threads", description = "Threads (default: available processors).")
    Integer threads;

    @Override
    public Integer call() {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (rounds < 1 || rounds > 1_000_000_000L || t < 1 || t > 1024) {
            spec.commandLine().getErr().println(
                    "yantra bench rtp: --rounds must be in 1..1000000000 and --threads in 1..1024, were " + rounds + ", " + t);
            return ExitCodes.USAGE;
        }
        RtpBench.Result result;
        try {
            result = RtpBench.measure(rounds, t);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("yantra bench rtp: internal error: " + e);
            return ExitCodes.INTERNAL;
        }
        spec.commandLine().getOut().print(result.table());
        spec.commandLine().getOut().flush();
        return result.simulationPassed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
