package dev.yantra.bench;

import dev.yantra.walletjobs.WalletJobsConfiguration;

import dev.yantra.api.Json;
import dev.yantra.breaker.BreakerSettings;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.NodeClock;
import dev.yantra.config.UsageException;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.jobs.Backoff;
import dev.yantra.jobs.JobsConfiguration;
import dev.yantra.jobs.PendingJobRunner;
import dev.yantra.walletjobs.PendingWalletJob;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code yantra bench jobs}: WIN jobs completed per second against the demo wallet, at several runner
 * concurrencies, printed beside a {@code pgbench -N} figure from the same Postgres in the same run. The job runner
 * is the node's code in this JVM; the demo wallet is a process of its own on a Postgres instance of its own
 * ({@link WalletPeer}), so this JVM's CPU and this Postgres's CPU per job are the node's and its database's alone.
 * Uses a throw-away bench operator and removes its rows afterwards (jobs, wallet_calls).
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Pending wallet jobs completed/s against the demo wallet at concurrency 1, 8, 64, beside pgbench -N.")
public class JobsBenchCommand implements Callable<Integer> {
    static final double GOAL_RATIO_OF_PGBENCH = 0.4;
    /**
     * What a job may cost beside its throughput: the node's CPU per completed job, and its Postgres's CPU per job in
     * pgbench -N transactions (docs/benchmarks.md): a faster runner that burns more CPU per job is still NOT MET.
     */
    static final double GOAL_NODE_CPU_MS_PER_JOB = 0.3;
    static final double GOAL_POSTGRES_PGBENCH_TRANSACTIONS_PER_JOB = 2.0;

    @Mixin DataDirOption data;
    @Option(names = "--jobs", description = "Jobs per run (default 2000, max 100000)") int jobs = 2000;
    @Option(names = "--concurrency", split = ",", description = "Runner concurrencies (default 1,8,64)") List<Integer> concurrency = List.of(1, 8, 64);
    @Option(names = "--pgbench-seconds", description = "Length of the pgbench -N run (default 10; 0 skips it)") int pgbenchSeconds = 10;
    @Option(names = "--out", paramLabel = "DIR", description = "Where the demo wallet's log goes (default <data dir>/bench-jobs-<time>)")
    java.nio.file.Path outDir;
    @Option(names = "--json", description = "Print JSON") boolean json;

    @Override
    public Integer call() throws Exception {
        if (jobs < 1 || jobs > 100_000) throw new UsageException("--jobs must be 1..100000, was " + jobs);
        for (int c : concurrency) {
            if (c < 1 || c > 1000) throw new UsageException("--concurrency values must be 1..1000, was " + c);
        }
        YantraEnv env = data.env();
        Map<String, Object> out = new LinkedHashMap<>();
        List<Run> runs = new ArrayList<>();
        // a pool big enough for the runner, the journal and the demo wallet at once (the CLI default is 4)
        try (Database db = Database.open(env, "yantra-bench-jobs", 32, null)) {
            db.migrate();
            Optional<CpuAccount> cpu = CpuAccount.locate(db);
            byte[] secret = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
            String kid = "bench-" + UUID.randomUUID();
            UUID operator = UUID.randomUUID();
            java.nio.file.Path logs = outDir != null ? outDir : env.dataDir().resolve("bench-jobs-" + NodeClock.system().millis());
            try (WalletPeer wallet = WalletPeer.start(env, logs, Map.of(kid, secret))) {
                db.jdbc().sql("INSERT INTO operators (id, name, compliance_contact, wallet_callback_url) VALUES (?, ?, 'bench', ?)")
                        .params(operator, "bench-" + operator, wallet.callbackUrl()).update();
                try {
                    for (int c : concurrency) {
                        Run r = run(db, cpu, wallet, operator, kid, secret, c);
                        runs.add(r);
                        if (!json) System.out.printf(Locale.ROOT, "concurrency %3d: %,d jobs in %.2f s = %,.0f jobs/s; CPU per job: node (this JVM) %s, "
                                        + "its Postgres %s; demo wallet %s, wallet's Postgres %s%n", c, jobs, r.seconds(), r.perSecond(),
                                Figures.ms(r.jvmCpuMsPerJob()), Figures.ms(r.postgresCpuMsPerJob()), Figures.ms(r.walletCpuMsPerJob()),
                                Figures.ms(r.walletPostgresCpuMsPerJob()));
                    }
                } finally {
                    cleanUp(db, operator);
                }
            }
            Pgbench.Result pg = pgbenchSeconds > 0 ? Pgbench.run(db, env, pgbenchSeconds) : null;
            out.put("runs", runs.stream().map(r -> r.json(pg)).toList());
            if (pgbenchSeconds > 0) {
                out.put("pgbenchNTps", pg == null ? null : Math.round(pg.tps()));
                out.put("pgbenchPostgresCpuMsPerTransaction", pg == null ? null : Figures.rounded(pg.postgresCpuMsPerTransaction()));
                if (!json) print(pg, runs);
            }
        }
        if (json) System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        return ExitCodes.OK;
    }

    /**
     * One concurrency's run: wall time, the CPU the node's Postgres and this JVM (the job runner: the node's code)
     * spent, and the demo wallet process's and its Postgres's CPU seconds (NaN when unknown).
     */
    record Run(int concurrency, int jobs, double seconds, CpuAccount.Sample cpu, double walletSeconds, double walletPostgresSeconds) {
        double walletCpuMsPerJob() {
            return walletSeconds * 1000 / jobs;
        }

        double walletPostgresCpuMsPerJob() {
            return walletPostgresSeconds * 1000 / jobs;
        }

        boolean nodeCpuGoalMet() {
            return jvmCpuMsPerJob() <= GOAL_NODE_CPU_MS_PER_JOB;
        }

        /** Postgres CPU per job in pgbench -N transactions of the same run; NaN when either is unknown. */
        double postgresPgbenchTransactionsPerJob(Pgbench.Result pg) {
            return pg == null ? Double.NaN : postgresCpuMsPerJob() / pg.postgresCpuMsPerTransaction();
        }

        double perSecond() {
            return jobs / seconds;
        }

        double postgresCpuMsPerJob() {
            return cpu == null ? Double.NaN : cpu.postgresSeconds() * 1000 / jobs;
        }

        double jvmCpuMsPerJob() {
            return cpu == null ? Double.NaN : cpu.jvmSeconds() * 1000 / jobs;
        }

        /** Derived: jobs/s the same Postgres would allow if its CPU were the limit, as a multiple of pgbench tps. */
        double postgresBoundRatio(Pgbench.Result pg) {
            return pg == null ? Double.NaN : pg.postgresCpuMsPerTransaction() / postgresCpuMsPerJob();
        }

        Map<String, Object> json(Pgbench.Result pg) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("concurrency", concurrency);
            m.put("jobs", jobs);
            m.put("jobsPerSecond", Math.round(perSecond()));
            m.put("postgresCpuMsPerJob", Figures.rounded(postgresCpuMsPerJob()));
            m.put("jvmCpuMsPerJob", Figures.rounded(jvmCpuMsPerJob()));
            m.put("walletCpuMsPerJob", Figures.rounded(walletCpuMsPerJob()));
            m.put("walletPostgresCpuMsPerJob", Figures.rounded(walletPostgresCpuMsPerJob()));
            m.put("nodeCpuGoalMet", nodeCpuGoalMet());
            m.put("postgresPgbenchTransactionsPerJob", Figures.rounded(postgresPgbenchTransactionsPerJob(pg)));
            m.put("postgresCpuGoalMet", postgresPgbenchTransactionsPerJob(pg) <= GOAL_POSTGRES_PGBENCH_TRANSACTIONS_PER_JOB);
            m.put("ratioOfPgbenchTps", pg == null ? null : Figures.rounded(perSecond() / pg.tps()));
            m.put("postgresBoundRatioOfPgbenchTps", Figures.rounded(postgresBoundRatio(pg)));
            return m;
        }
    }

    private void print(Pgbench.Result pg, List<Run> runs) {
        if (pg == null) {
            System.out.println("pgbench -N: not available");
            return;
        }
        System.out.printf(Locale.ROOT, "pgbench -N (8 clients, %d s, same server): %,.0f tps; CPU per transaction: Postgres %s%n",
                pgbenchSeconds, pg.tps(), Figures.ms(pg.postgresCpuMsPerTransaction()));
        for (Run r : runs) {
            double ratio = r.perSecond() / pg.tps();
            System.out.printf(Locale.ROOT, "concurrency %3d: %.2f x pgbench tps (goal %.1f x: %s); Postgres-bound: %s x%n", r.concurrency(), ratio,
                    GOAL_RATIO_OF_PGBENCH, ratio >= GOAL_RATIO_OF_PGBENCH ? "MET" : "NOT MET",
                    Double.isFinite(r.postgresBoundRatio(pg)) ? String.format(Locale.ROOT, "%.2f", r.postgresBoundRatio(pg)) : "n/a");
        }
        for (Run r : runs) {
            System.out.printf(Locale.ROOT, "concurrency %3d: goal node CPU per completed job <= %.1f ms: %s -> %s%n", r.concurrency(),
                    GOAL_NODE_CPU_MS_PER_JOB, Figures.ms(r.jvmCpuMsPerJob()), r.nodeCpuGoalMet() ? "MET" : "NOT MET");
            double tx = r.postgresPgbenchTransactionsPerJob(pg);
            System.out.printf(Locale.ROOT, "concurrency %3d: goal Postgres CPU per job <= %.0f x a pgbench -N transaction (%s): %s = %s -> %s%n",
                    r.concurrency(), GOAL_POSTGRES_PGBENCH_TRANSACTIONS_PER_JOB, Figures.ms(pg.postgresCpuMsPerTransaction()),
                    Figures.ms(r.postgresCpuMsPerJob()), Double.isFinite(tx) ? String.format(Locale.ROOT, "%.2f x", tx) : "n/a",
                    Double.isFinite(tx) ? (tx <= GOAL_POSTGRES_PGBENCH_TRANSACTIONS_PER_JOB ? "MET" : "NOT MET") : "not judged");
        }
        System.out.println("""
                measured: wall time per run, CPU seconds of the node's Postgres server (all its processes), of this JVM (the
                  job runner, the node's code), of the demo wallet process and of its own Postgres over the run and over
                  pgbench's run, pgbench's tps and transaction count. derived: jobs/s, CPU per job or
                  transaction, the ratio to pgbench tps, and "Postgres-bound" = (Postgres CPU per pgbench transaction) /
                  (Postgres CPU per job): the multiple of pgbench tps this design reaches when Postgres's CPU is the limit,
                  i.e. when the wallet and the HTTP stacks do not share its cores as they do here.""");
    }

    private Run run(Database db, Optional<CpuAccount> cpu, WalletPeer wallet, UUID operator, String kid, byte[] secret, int c)
            throws InterruptedException {
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
                db.jdbc(), meters, NodeClock.system(), timeout);
        PendingJobRunner<PendingWalletJob> runner = WalletJobsConfiguration.walletRunner(db, client, client.breakers(), "bench-" + c,
                new PendingJobRunner.Settings(c, 50, Backoff.DEFAULT, Duration.ofSeconds(30), Duration.ofMillis(5), Duration.ofSeconds(2)), meters);
        CpuAccount.Sample before = cpu.map(CpuAccount::sample).orElse(null);
        double walletBefore = wallet.processCpuSeconds();
        double walletPgBefore = wallet.postgresCpuSeconds();
        long started = System.nanoTime();
        runner.start();
        try {
            while (open(db, operator) > 0) Thread.sleep(20);
        } finally {
            runner.stop(Duration.ofSeconds(5));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Run(c, jobs, seconds, cpu.map(a -> a.sample().minus(before)).orElse(null), wallet.processCpuSeconds() - walletBefore,
                wallet.postgresCpuSeconds() - walletPgBefore);
    }

    private static long open(Database db, UUID operator) {
        return db.jdbc().sql("SELECT count(*) FROM pending_wallet_jobs WHERE operator_id = ? AND completed_at IS NULL")
                .param(operator).query(Long.class).single();
    }

    private static void cleanUp(Database db, UUID operator) {
        db.jdbc().sql("DELETE FROM wallet_calls WHERE operator_id = ?").param(operator).update();
        db.jdbc().sql("DELETE FROM pending_wallet_jobs WHERE operator_id = ?").param(operator).update();
        db.jdbc().sql("DELETE FROM breaker_transitions WHERE operator_id = ?").param(operator).update();
        db.jdbc().sql("DELETE FROM operators WHERE id = ?").param(operator).update();
    }
}
