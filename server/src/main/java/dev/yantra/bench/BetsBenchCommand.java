package dev.yantra.bench;

import dev.yantra.api.Json;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.UsageException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code yantra bench bets}: settled bets/s and p50/p99 accept latency through real HTTP against a node started
 * in this process and the demo wallet on loopback, at the maximum and at 80 % of it, beside {@code pgbench -N}
 * from the same run; states the goals (docs/benchmarks.md) as MET / NOT MET. Exit 0 either way: it measures, it does not gate.
 */
@Command(name = "bets", mixinStandardHelpOptions = true,
        description = "Settled bets/s and accept latency (p50/p99) through POST /v1/play/bets with the demo wallet, beside pgbench -N.")
public class BetsBenchCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Option(names = "--seconds", description = "Length of each of the two load phases in seconds (default 20, max 600)") int seconds = 20;
    @Option(names = "--players", description = "Player sessions bets rotate over (default 3000)") int players = 3000;
    @Option(names = "--connections", description = "Closed-loop senders in the max phase (default 32)") int connections = 32;
    @Option(names = "--betting-ms", description = "Betting window of the bench table in ms (default 1000)") long bettingMs = 1000;
    @Option(names = "--pgbench-seconds", description = "Length of the pgbench -N run (default 10; 0 skips it)") int pgbenchSeconds = 10;
    @Option(names = "--json", description = "Print JSON") boolean json;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 600) throw new UsageException("--seconds must be 1..600, was " + seconds);
        if (players < 1 || players > 100_000) throw new UsageException("--players must be 1..100000, was " + players);
        if (connections < 1 || connections > 1000) throw new UsageException("--connections must be 1..1000, was " + connections);
        if (bettingMs < 200 || bettingMs > 60_000) throw new UsageException("--betting-ms must be 200..60000, was " + bettingMs);
        if (pgbenchSeconds < 0 || pgbenchSeconds > 600) throw new UsageException("--pgbench-seconds must be 0..600, was " + pgbenchSeconds);
        BetsBench.Result r = BetsBench.run(data.env(), new BetsBench.Options(players, connections, Duration.ofSeconds(seconds),
                bettingMs, pgbenchSeconds));
        System.out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(BetsBench.json(r)) + "\n" : BetsBench.table(r));
        return ExitCodes.OK;
    }
}
