package dev.yantra.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import dev.yantra.api.Json;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.Yantra;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code yantra bench jobs} with small numbers, as an SRE runs it: real jobs through the demo wallet (a process of its
 * own on a Postgres instance of its own, under the data dir), real pgbench.
 */
class JobsBenchCommandTest {
    /**
     * One data dir for the class: the demo wallet's own Postgres is created under it by the first run and started
     * again by the next (an initdb costs seconds); each run still has a fresh node database of its own.
     */
    @TempDir
    static Path dir;

    @Test
    void completes_every_job_at_each_concurrency_and_prints_cpu_per_job_of_node_and_wallet_beside_pgbench() throws Exception {
        String url = TestPostgres.freshDatabaseUrl();
        Yantra.Run run = Yantra.run(url, "bench", "jobs", "--jobs", "300", "--concurrency", "1,8", "--pgbench-seconds", "2",
                "--data-dir", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        String out = run.out();
        for (int c : new int[]{1, 8}) {
            Matcher m = Pattern.compile("concurrency +" + c + ": 300 jobs in [0-9.]+ s = ([0-9,]+) jobs/s; CPU per job: node \\(this JVM\\) "
                    + "([0-9.]+) ms, its Postgres ([0-9.]+) ms; demo wallet ([0-9.]+) ms, wallet's Postgres ([0-9.]+) ms").matcher(out);
            assertThat(m.find()).as(out).isTrue();
            assertThat(Double.parseDouble(m.group(1).replace(",", ""))).isPositive();
            assertThat(Double.parseDouble(m.group(2))).as("node CPU per job").isPositive();
            assertThat(Double.parseDouble(m.group(3))).as("Postgres CPU per job").isPositive();
            assertThat(Double.parseDouble(m.group(4))).as("demo wallet process CPU per job").isPositive();
            assertThat(out).containsPattern("concurrency +" + c + ": goal node CPU per completed job <= 0.3 ms: [0-9.]+ ms -> (MET|NOT MET)")
                    .containsPattern("concurrency +" + c + ": goal Postgres CPU per job <= 2 x a pgbench -N transaction \\([0-9.]+ ms\\): "
                            + "[0-9.]+ ms = [0-9.]+ x -> (MET|NOT MET)");
            assertThat(out).containsPattern("concurrency +" + c + ": [0-9.]+ x pgbench tps \\(goal 0.4 x: (MET|NOT MET)\\); Postgres-bound: [0-9.]+ x");
        }
        assertThat(out).containsPattern("pgbench -N \\(8 clients, 2 s, same server\\): [0-9,]+ tps; CPU per transaction: Postgres [0-9.]+ ms");
        // the bench cleans up after itself: no bench operator, job or journal row is left
        try (var db = dev.yantra.db.Database.open(dev.yantra.config.YantraEnv.from(java.util.Map.of("DATABASE_URL", url)), "t", 2, null)) {
            assertThat(db.jdbc().sql("SELECT count(*) FROM pending_wallet_jobs").query(Long.class).single()).isZero();
            assertThat(db.jdbc().sql("SELECT count(*) FROM wallet_calls").query(Long.class).single()).isZero();
            assertThat(db.jdbc().sql("SELECT count(*) FROM operators WHERE name LIKE 'bench-%'").query(Long.class).single()).isZero();
        }
    }

    @Test
    void json_output_carries_the_same_figures() throws Exception {
        Yantra.Run run = Yantra.run(TestPostgres.freshDatabaseUrl(), "bench", "jobs", "--jobs", "100", "--concurrency", "4",
                "--pgbench-seconds", "1", "--json", "--data-dir", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(run.out());
        JsonNode r = n.get("runs").get(0);
        assertThat(r.get("concurrency").asInt()).isEqualTo(4);
        assertThat(r.get("jobsPerSecond").asLong()).isPositive();
        assertThat(r.get("postgresCpuMsPerJob").asDouble()).isPositive();
        assertThat(r.get("walletCpuMsPerJob").asDouble()).isPositive();
        assertThat(r.has("nodeCpuGoalMet")).isTrue();
        assertThat(r.get("postgresPgbenchTransactionsPerJob").asDouble()).isPositive();
        assertThat(r.get("ratioOfPgbenchTps").asDouble()).isCloseTo(r.get("jobsPerSecond").asDouble() / n.get("pgbenchNTps").asDouble(),
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(n.get("pgbenchPostgresCpuMsPerTransaction").asDouble()).isPositive();
    }

    @Test
    void bad_arguments_exit_64() {
        assertThat(Yantra.run(TestPostgres.freshDatabaseUrl(), "bench", "jobs", "--jobs", "0").exit()).isEqualTo(64);
        assertThat(Yantra.run(TestPostgres.freshDatabaseUrl(), "bench", "jobs", "--concurrency", "0", "--pgbench-seconds", "0").exit()).isEqualTo(64);
    }
}
