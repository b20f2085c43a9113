package dev.yantra.jobs;

import dev.yantra.api.Json;
import dev.yantra.breaker.BreakerSettings;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.UsageException;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.wallet.OutboundCredentials;
import dev.yantra.wallet.SqlWalletEndpoints;
import dev.yantra.wallet.WalletClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code yantra bench jobs}: WIN jobs completed per second against an embedded demo wallet on loopback, at several
 * runner concurrencies, printed beside a {@code pgbench -N} figure from the same Postgres in the same run.
 * Uses a throw-away bench operator and removes its rows afterwards (jobs, wallet_calls, demo ledger).
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Pending wallet jobs completed/s against the demo wallet at concurrency 1, 8, 64, beside pgbench -N.")
public class JobsBenchCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Option(names = "--jobs", description = "Jobs per run (default 2000, max 100000)") int jobs = 2000;
    @Option(names = "--concurrency", split = ",", description = "Runner concurrencies (default 1,8,64)") List<Integer> concurrency = List.of(1, 8, 64);
    @Option(names = "--pgbench-seconds", description = "Length of the pgbench -N run (default 10; 0 skips it)") int pgbenchSeconds = 10;
    @Option(names = "--json", description = "Print JSON") boolean json;

    @Override
    public Integer call() throws Exception {
        if (jobs < 1 || jobs > 100_000) throw new UsageException("--jobs must be 1..100000, was " + jobs);
        YantraEnv env = data.env();
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        // a pool big enough for the runner, the journal and the demo wallet at once (the CLI default is 4)
        try (Database db = Database.open(env, "yantra-bench-jobs", 32, null)) {
            db.migrate();
            byte[] secret = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
            String kid = "bench-" + UUID.randomUUID();
            UUID operator = UUID.randomUUID();
            try (DemoWallet wallet = DemoWallet.start(db.dataSource(), 0, 0, Map.of(kid, secret), Clock.systemUTC(), Long.MAX_VALUE / 4)) {
                db.jdbc().sql("INSERT INTO operators (id, name, compliance_contact, wallet_callback_url) VALUES (?, ?, 'bench', ?)")
                        .params(operator, "bench-" + operator, wallet.callbackUrl()).update();
                try {
                    for (int c : concurrency) {
                        if (c < 1 || c > 1000) throw new UsageException("--concurrency values must be 1..1000, was " + c);
                        double perSecond = run(db, operator, kid, secret, c);
                        runs.add(Map.of("concurrency", c, "jobs", jobs, "jobsPerSecond", Math.round(perSecond)));
                        if (!json) System.out.printf("concurrency %3d: %,d jobs in %.2f s = %,.0f jobs/s%n", c, jobs, jobs / perSecond, perSecond);
                    }
                } finally {
                    cleanUp(db, operator);
                }
            }
            out.put("runs", runs);
            if (pgbenchSeconds > 0) {
                Double tps = dev.yantra.bench.Pgbench.tps(db, env, pgbenchSeconds);
                out.put("pgbenchNTps", tps == null ? null : Math.round(tps));
                if (!json) System.out.println(tps == null ? "pgbench -N: not available" : String.format("pgbench -N (8 clients, %d s): %,.0f tps", pgbenchSeconds, tps));
                if (tps != null && !json) {
                    for (Map<String, Object> r : runs) {
                        System.out.printf("concurrency %3d: %.2f x pgbench tps%n", (Integer) r.get("concurrency"), ((Long) r.get("jobsPerSecond")) / tps);
                    }
                }
            }
        }
        if (json) System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        return ExitCodes.OK;
    }

    private double run(Database db, UUID operator, String kid, byte[] secret, int c) throws InterruptedException {
        db.jdbc().sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, player_ref, currency, amount_micro, request_uuid,
                       transaction_uuid, reference_transaction_uuid, payload)
                SELECT gen_random_uuid(), :op, 'WIN', 'bench-' || (g % 500), 'LKR', 1000 + g, gen_random_uuid(), gen_random_uuid(),
                       gen_random_uuid(), '{"gameCode":"bench"}'::jsonb FROM generate_series(1, :n) g""")
                .param("op", operator).param("n", jobs).update();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Duration timeout = Duration.ofSeconds(5);
        WalletClient client = new WalletClient(WalletClient.defaultHttpClient(timeout), op -> new OutboundCredentials.Credential(kid, secret),
                new SqlWalletEndpoints(db.jdbc()), new CounterpartyBreakers("operator", "operatorId", BreakerSettings.DEFAULTS, meters),
                db.jdbc(), meters, Clock.systemUTC(), timeout);
        PendingJobRunner<PendingWalletJob> runner = JobsConfiguration.walletRunner(db, client, client.breakers(), "bench-" + c,
                new PendingJobRunner.Settings(c, 50, Backoff.DEFAULT, Duration.ofSeconds(30), Duration.ofMillis(5), Duration.ofSeconds(2)), meters);
        long started = System.nanoTime();
        runner.start();
        try {
            while (open(db, operator) > 0) Thread.sleep(20);
        } finally {
            runner.stop(Duration.ofSeconds(5));
        }
        return jobs / ((System.nanoTime() - started) / 1e9);
    }

    private static long open(Database db, UUID operator) {
        return db.jdbc().sql("SELECT count(*) FROM pending_wallet_jobs WHERE operator_id = ? AND completed_at IS NULL")
                .param(operator).query(Long.class).single();
    }

    private static void cleanUp(Database db, UUID operator) {
        db.jdbc().sql("DELETE FROM demo_wallet_transactions WHERE operator_id = ?").param(operator.toString()).update();
        db.jdbc().sql("DELETE FROM demo_wallet_players WHERE player_ref LIKE 'bench-%'").update();
        db.jdbc().sql("DELETE FROM wallet_calls WHERE operator_id = ?").param(operator).update();
        db.jdbc().sql("DELETE FROM pending_wallet_jobs WHERE operator_id = ?").param(operator).update();
        db.jdbc().sql("DELETE FROM breaker_transitions WHERE operator_id = ?").param(operator).update();
        db.jdbc().sql("DELETE FROM operators WHERE id = ?").param(operator).update();
    }
}
