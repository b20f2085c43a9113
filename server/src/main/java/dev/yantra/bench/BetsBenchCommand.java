package dev.yantra.bench;

import dev.yantra.api.Json;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.UsageException;
import dev.yantra.config.YantraEnv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code yantra bench bets}: settled bets/s, accept latency and CPU per settled bet of the node, the demo wallet,
 * the load generator (three processes) and both Postgres servers, at the one-table maximum, at 80 % of it, with
 * the breaker open and over N tables, beside {@code pgbench -N} from the same run; states the goals (docs/benchmarks.md) as MET / NOT MET and profiles the node under the max phase. Exit 0 either way: it measures, it does not gate.
 */
@Command(name = "bets", mixinStandardHelpOptions = true,
        description = "Settled bets/s, accept latency and CPU per bet of node, demo wallet and load generator as separate processes, beside pgbench -N.")
public class BetsBenchCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Option(names = "--seconds", description = "Length of each load phase in seconds (default 20, max 600)") int seconds = 20;
    @Option(names = "--players", description = "Player sessions per table (default 1500)") int players = 1500;
    @Option(names = "--connections", description = "Closed-loop senders in the max phase (default 32)") int connections = 32;
    @Option(names = "--betting-ms", description = "Betting window of the bench tables in ms (default 1000)") long bettingMs = 1000;
    @Option(names = "--tables", description = "Tables (one bench operator each) for the last phase; 1 skips it (default 8)") int tables = 8;
    @Option(names = "--pgbench-seconds", description = "Length of the pgbench -N run (default 10; 0 skips it)") int pgbenchSeconds = 10;
    @Option(names = "--no-profile", description = "Do not record the node with JFR during the max phase") boolean noProfile;
    @Option(names = "--out", paramLabel = "DIR", description = "Where logs, the JFR recording and the report go "
            + "(default <data dir>/bench-bets-<time>)") Path out;
    @Option(names = "--json", description = "Print JSON") boolean json;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 600) throw new UsageException("--seconds must be 1..600, was " + seconds);
        if (players < 1 || players > 100_000) throw new UsageException("--players must be 1..100000, was " + players);
        if (connections < 1 || connections > 1000) throw new UsageException("--connections must be 1..1000, was " + connections);
        if (bettingMs < 200 || bettingMs > 60_000) throw new UsageException("--betting-ms must be 200..60000, was " + bettingMs);
        if (tables < 1 || tables > 64) throw new UsageException("--tables must be 1..64, was " + tables);
        if (pgbenchSeconds < 0 || pgbenchSeconds > 600) throw new UsageException("--pgbench-seconds must be 0..600, was " + pgbenchSeconds);
        YantraEnv env = data.env();
        Path outDir = out != null ? out : env.dataDir().resolve("bench-bets-" + dev.yantra.config.NodeClock.system().millis());
        BetsBench.Result r = BetsBench.run(env, new BetsBench.Options(players, connections, Duration.ofSeconds(seconds),
                bettingMs, pgbenchSeconds, tables, !noProfile, outDir));
        System.out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(BetsReport.json(r)) + "\n" : BetsReport.table(r));
        return ExitCodes.OK;
    }
}
