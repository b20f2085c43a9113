package dev.yantra.fairness.cli;

import picocli.CommandLine.Command;

/** {@code yantra bench}: a group; its subcommands measure. Register this under the top-level command. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchRtpCommand.class, dev.yantra.bench.JobsBenchCommand.class,
                dev.yantra.bench.BenchMetricsCommand.class,
                dev.yantra.bench.BetsBenchCommand.class,
                dev.yantra.bench.PlaysBenchCommand.class,
                dev.yantra.bench.PageBenchCommand.class,
                dev.yantra.bench.BetLoadCommand.class,
                dev.yantra.bench.BenchWalletCommand.class})
public class BenchCommand {
}
