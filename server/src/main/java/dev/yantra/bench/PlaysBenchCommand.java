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
 * {@code yantra bench plays}: lottery plays accepted/s and confirmed/s through real HTTP against a node started in
 * this process and the demo banca on loopback, p50/p99 create latency at the maximum and at 80 % of it, beside
 * {@code pgbench -N} from the same run; states the goals (create p99 < 50 ms at 80 % of max; confirmed/s at
 * least half of accepted/s, i.e. forwarding keeps up) as MET / NOT MET. Exit 0 either way: it measures.
 */
@Command(name = "plays", mixinStandardHelpOptions = true,
        description = "Lottery plays accepted/s and confirmed/s through POST /api/v1/plays and the demo banca, create p50/p99, beside pgbench -N.")
public class PlaysBenchCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Option(names = "--seconds", description = "Length of each of the two load phases in seconds (default 20, max 600)") int seconds = 20;
    @Option(names = "--players", description = "Players the plays rotate over (default 200)") int players = 200;
    @Option(names = "--connections", description = "Closed-loop senders in the max phase (default 16)") int connections = 16;
    @Option(names = "--sync-rate", description = "Share of plays the demo banca confirms in its answer, 0..1 (default 0.7)") double syncRate = 0.7;
    @Option(names = "--webhook-delay-ms", description = "The demo banca's delay before the webhook of a 202 play (default 5000)")
    long webhookDelayMs = 5_000;
    @Option(names = "--pgbench-seconds", description = "Length of the pgbench -N run (default 10; 0 skips it)") int pgbenchSeconds = 10;
    @Option(names = "--payment", description = "How plays are paid: wallet (default) or card (through a Stripe stand-in started here)")
    String payment = "wallet";
    @Option(names = "--json", description = "Print JSON") boolean json;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 600) throw new UsageException("--seconds must be 1..600, was " + seconds);
        if (players < 1 || players > 100_000) throw new UsageException("--players must be 1..100000, was " + players);
        if (connections < 1 || connections > 1000) throw new UsageException("--connections must be 1..1000, was " + connections);
        if (!(syncRate >= 0 && syncRate <= 1)) throw new UsageException("--sync-rate must be 0..1, was " + syncRate);
        if (webhookDelayMs < 0 || webhookDelayMs > 600_000) throw new UsageException("--webhook-delay-ms must be 0..600000, was " + webhookDelayMs);
        if (pgbenchSeconds < 0 || pgbenchSeconds > 600) throw new UsageException("--pgbench-seconds must be 0..600, was " + pgbenchSeconds);
        if (!payment.equals("wallet") && !payment.equals("card")) throw new UsageException("--payment must be wallet or card, was " + payment);
        PlaysBench.Result r = PlaysBench.run(data.env(), new PlaysBench.Options(players, connections, Duration.ofSeconds(seconds),
                pgbenchSeconds, syncRate, webhookDelayMs, payment.equals("card")));
        System.out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(PlaysBench.json(r)) + "\n" : PlaysBench.table(r));
        return ExitCodes.OK;
    }
}
