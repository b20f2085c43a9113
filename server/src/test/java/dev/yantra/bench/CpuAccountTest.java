package dev.yantra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CPU the benches print per job, bet and pgbench transaction comes from the real server's processes. */
class CpuAccountTest {

    @Test
    void finds_the_local_postmaster_and_sees_a_query_burn_server_cpu_but_not_an_idle_wait() throws Exception {
        try (Database db = TestPostgres.freshDatabase()) {
            Optional<CpuAccount> found = CpuAccount.locate(db);
            assertThat(found).as("the test server runs on this host").isPresent();
            CpuAccount cpu = found.get();

            CpuAccount.Sample before = cpu.sample();
            db.jdbc().sql("SELECT pg_sleep(0.5)").query().singleRow();
            CpuAccount.Sample idle = cpu.sample().minus(before);
            assertThat(idle.postgresSeconds()).as("sleeping is not CPU").isLessThan(0.3);

            before = cpu.sample();
            // about a second of work inside one backend: the count must show up as server CPU, not as ours
            db.jdbc().sql("SELECT count(DISTINCT md5(g::text)) FROM generate_series(1, 1500000) g").query().singleRow();
            CpuAccount.Sample busy = cpu.sample().minus(before);
            assertThat(busy.postgresSeconds()).as("server CPU of the query").isGreaterThan(0.3);
            assertThat(busy.jvmSeconds()).as("this JVM only waited").isLessThan(busy.postgresSeconds());
        }
    }

    @Test
    void a_backend_that_exits_still_counts_once_the_postmaster_has_reaped_it() throws Exception {
        try (Database db = TestPostgres.freshDatabase()) {
            CpuAccount cpu = CpuAccount.locate(db).orElseThrow();
            long processes = cpu.processes();
            CpuAccount.Sample before = cpu.sample();
            String url;
            try (Connection pooled = db.dataSource().getConnection()) {
                url = pooled.getMetaData().getURL();
            }
            // a connection of its own, outside the pool, closed after its work: its backend exits
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("SELECT count(DISTINCT md5(g::text)) FROM generate_series(1, 1500000) g");
            }
            cpu.awaitProcessesAtMost(processes, Duration.ofSeconds(5));
            assertThat(cpu.sample().minus(before).postgresSeconds()).isGreaterThan(0.3);
        }
    }

    @Test
    void the_jit_compilers_share_of_a_jvm_is_counted_from_its_compiler_threads_and_is_part_of_its_total() {
        long self = ProcessHandle.current().pid();
        double before = CpuAccount.compilerCpuSeconds(self);
        // code this JVM has not run yet, hot enough for C1 and C2 to compile it
        long sum = 0;
        for (int i = 0; i < 30_000_000; i++) sum += Long.toString(i * 31L).hashCode() ^ (sum >>> 7);
        assertThat(sum).isNotZero();
        double after = CpuAccount.compilerCpuSeconds(self);
        assertThat(before).as("a test JVM has compiled its way here").isGreaterThan(0);
        assertThat(after).isGreaterThanOrEqualTo(before).isLessThanOrEqualTo(CpuAccount.processCpuSeconds(self));
        assertThat(CpuAccount.compilerCpuSeconds(Long.MAX_VALUE)).as("no such process").isNaN();
    }
}
