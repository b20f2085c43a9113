package dev.yantra.bench;

import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.UsageException;
import dev.yantra.config.YantraEnv;
import dev.yantra.ops.metrics.DatabaseGauges;
import dev.yantra.server.ServerLauncher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code yantra bench metrics}: the scrape budget (docs/observability.md). Starts a node, fills its database with open wallet jobs
 * and settled rounds (generate_series, one statement each), waits for a refresh of the database-derived gauges,
 * then times N scrapes of /metrics over HTTP and prints p50 / p99 / max against the goal (< 20 ms).
 * Writes bench rows into the data directory it is given: run it on a throw-away one (--data-dir $(mktemp -d)).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Time /metrics scrapes of a node whose database holds many open jobs and rounds (goal < 20 ms).",
                "Writes bench rows: use a throw-away data directory, e.g. --data-dir $(mktemp -d)."})
public class BenchMetricsCommand implements Callable<Integer> {
    static final double GOAL_MS = 20;
    private static final int OPERATORS = 20;

    @Mixin DataDirOption data;
    @Option(names = "--jobs", description = "Open wallet jobs (default ${DEFAULT-VALUE})") int jobs = 10_000;
    @Option(names = "--rounds", description = "Settled rounds (default ${DEFAULT-VALUE})") int rounds = 1_000_000;
    @Option(names = "--scrapes", description = "Timed scrapes (default ${DEFAULT-VALUE}, after 20 untimed)") int scrapes = 200;

    @Override
    public Integer call() throws Exception {
        if (jobs < 0 || rounds < 0 || scrapes < 1) throw new UsageException("--jobs and --rounds must be >= 0, --scrapes >= 1");
        YantraEnv env = data.env().withPort(freePort());
        ServerLauncher.Running node = ServerLauncher.start(env, null);
        try {
            // the bench jobs are rows to count, not money to move: the node's runner must leave them alone
            node.context().getBean(dev.yantra.walletjobs.WalletJobsConfiguration.WalletJobsLifecycle.class).runner().stop(Duration.ofSeconds(1));
            JdbcClient jdbc = node.database().jdbc();
            long t0 = System.nanoTime();
            fill(jdbc);
            System.out.printf("filled: %,d open jobs, %,d rounds, %d operators in %.1f s%n", jobs, rounds, OPERATORS,
                    (System.nanoTime() - t0) / 1e9);
            Thread.sleep((DatabaseGauges.JOBS_EVERY_SECONDS + 1) * 1000L);  // the gauges now reflect the filled tables
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env.port() + "/metrics"))
                    .timeout(Duration.ofSeconds(30)).GET().build();
            String body = "";
            for (int i = 0; i < 20; i++) body = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
            double[] ms = new double[scrapes];
            for (int i = 0; i < scrapes; i++) {
                long s = System.nanoTime();
                HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                ms[i] = (System.nanoTime() - s) / 1e6;
                if (r.statusCode() != 200) throw new IllegalStateException("/metrics answered " + r.statusCode());
            }
            Arrays.sort(ms);
            double p50 = ms[(int) Math.ceil(0.50 * scrapes) - 1];
            double p99 = ms[(int) Math.ceil(0.99 * scrapes) - 1];
            double max = ms[scrapes - 1];
            MetricsScrapeSummary refresh = MetricsScrapeSummary.of(body);
            System.out.printf("scrape size: %,d bytes, %,d lines; job gauge refresh mean %.1f ms, RTP refresh mean %.1f ms (background, not per scrape)%n",
                    body.length(), body.lines().count(), refresh.jobsMeanMs(), refresh.rtpMeanMs());
            System.out.println();
            System.out.println("| scrapes | p50 ms | p99 ms | max ms | goal | result |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.printf("| %d | %.2f | %.2f | %.2f | < %.0f ms | %s |%n", scrapes, p50, p99, max, GOAL_MS,
                    p99 < GOAL_MS ? "MET" : "NOT MET");
            return p99 < GOAL_MS ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        } finally {
            node.stop();
        }
    }

    /** Bench rows, each table in one generate_series statement. */
    private void fill(JdbcClient jdbc) {
        jdbc.sql("""
                INSERT INTO operators (id, name, compliance_contact)
                SELECT gen_random_uuid(), 'bench-metrics-' || g || '-' || substr(md5(random()::text), 1, 8), 'bench'
                  FROM generate_series(1, :n) g""").param("n", OPERATORS).update();
        jdbc.sql("""
                INSERT INTO game_tables (id, operator_id, game_code, currency)
                SELECT gen_random_uuid(), id, 'ketapola-dice', 'LKR' FROM operators WHERE name LIKE 'bench-metrics-%'
                ON CONFLICT DO NOTHING""").update();
        jdbc.sql("""
                INSERT INTO fairness_chains (id, table_id, client_seed, s0, length, seed_ciphertext)
                SELECT gen_random_uuid(), t.id, 'bench', 's0', :len, 'v1:x' FROM game_tables t
                  JOIN operators o ON o.id = t.operator_id WHERE o.name LIKE 'bench-metrics-%'""")
                .param("len", rounds + 1).update();
        jdbc.sql("""
                WITH c AS (SELECT f.id AS chain_id, t.id AS table_id, t.operator_id, row_number() OVER () - 1 AS k, count(*) OVER () AS n
                             FROM fairness_chains f JOIN game_tables t ON t.id = f.table_id
                             JOIN operators o ON o.id = t.operator_id WHERE o.name LIKE 'bench-metrics-%')
                INSERT INTO rounds (id, table_id, operator_id, game_code, currency, chain_id, nonce, server_seed_hash, client_seed,
                                    config_version, config, rng_version, build_hash, lease_epoch, state, opened_at, settled_at)
                SELECT gen_random_uuid(), c.table_id, c.operator_id, 'ketapola-dice', 'LKR', c.chain_id, g, 'h', 'bench', 1, '{}',
                       'ketapola-rng-v1', 'bench', 1, 'SETTLED', now() - make_interval(secs => g), now() - make_interval(secs => g)
                  FROM generate_series(1, :rounds) g JOIN c ON c.k = g % c.n""").param("rounds", rounds).update();
        jdbc.sql("""
                WITH o AS (SELECT id, row_number() OVER () - 1 AS k, count(*) OVER () AS n FROM operators WHERE name LIKE 'bench-metrics-%')
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro, currency,
                                                 attempts, created_at)
                SELECT gen_random_uuid(), o.id, (ARRAY['BET','WIN','ROLLBACK'])[1 + g % 3], gen_random_uuid(), gen_random_uuid(),
                       1000 + g, 'LKR', g % 7, now() - make_interval(secs => g % 3600)
                  FROM generate_series(1, :jobs) g JOIN o ON o.k = g % o.n""").param("jobs", jobs).update();
        jdbc.sql("ANALYZE").update();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The refresh timers the node exports about itself, read back from one scrape. */
    record MetricsScrapeSummary(double jobsMeanMs, double rtpMeanMs) {
        static MetricsScrapeSummary of(String body) {
            return new MetricsScrapeSummary(mean(body, "wallet_jobs"), mean(body, "rtp"));
        }

        private static double mean(String body, String gauges) {
            double sum = value(body, "database_gauges_refresh_seconds_sum{gauges=\"" + gauges + "\"}");
            double count = value(body, "database_gauges_refresh_seconds_count{gauges=\"" + gauges + "\"}");
            return count == 0 ? Double.NaN : sum / count * 1000;
        }

        private static double value(String body, String series) {
            return body.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                    .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim())).orElse(0.0);
        }
    }
}
