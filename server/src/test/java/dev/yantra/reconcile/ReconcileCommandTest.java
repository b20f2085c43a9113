package dev.yantra.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.app.YantraCommand;
import dev.yantra.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import picocli.CommandLine;

/**
 * End to end through the CLI on a real database: export our side, reconcile it back, then break it in the
 * ways a file can differ and check the status, the exit code and the transactions the report names.
 */
class ReconcileCommandTest {
    static final LocalDate DAY = LocalDate.parse("2025-03-10");
    static final UUID OPERATOR = UUID.fromString("0b6f1d7e-8d1c-4f55-9b3e-2a7c1f0e9d01");
    static final UUID RETRIED_BET = UUID.fromString("11111111-0000-4000-8000-000000000001");
    static final UUID WIN = UUID.fromString("e2222222-0000-4000-8000-000000000002");
    static final UUID DROPPED_BET = UUID.fromString("33333333-0000-4000-8000-000000000003");
    static final UUID PENDING_WIN = UUID.fromString("44444444-0000-4000-8000-000000000004");
    static final UUID LATE_BET = UUID.fromString("f5555555-0000-4000-8000-000000000005");
    static final UUID DAY_BEFORE_BET = UUID.fromString("66666666-0000-4000-8000-000000000006");
    static final UUID ROLLBACK = UUID.fromString("a7777777-0000-4000-8000-000000000007");
    static final UUID JOB = UUID.fromString("99999999-0000-4000-8000-0000000000aa");

    @TempDir
    Path dir;
    String url;
    JdbcClient jdbc;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cmd = YantraCommand.commandLine();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cmd.execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void aDayOfWalletCalls() {
        url = TestPostgres.freshDatabaseUrl();
        jdbc = JdbcClient.create(new DriverManagerDataSource(url));
        jdbc.sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'recon-op', 'c@example.com')")
                .param(OPERATOR).update();
        // A bet that took three attempts: a timeout, then success, then a duplicate confirmation.
        call(RETRIED_BET, "BET", 1_000_000_000L, "10:00:00", false, null);
        call(RETRIED_BET, "BET", 1_000_000_000L, "10:00:05", true, null);
        call(RETRIED_BET, "BET", 1_000_000_000L, "10:00:09", true, null);
        call(WIN, "WIN", 2_500_000_000L, "10:01:00", true, null);
        call(ROLLBACK, "ROLLBACK", 300_000_000L, "11:00:00", true, null);
        // A bet whose only call failed and nothing retries it.
        call(DROPPED_BET, "BET", 7_000_000L, "12:00:00", false, null);
        // A win whose first attempt failed; its job is still open.
        call(PENDING_WIN, "WIN", 4_000_000L, "12:30:00", false, JOB);
        jdbc.sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, currency, amount_micro, request_uuid,
                                                 transaction_uuid, created_at)
                VALUES (?, ?, 'WIN', 'LKR', 4000000, ?, ?, ?)""")
                .params(JOB, OPERATOR, UUID.randomUUID(), PENDING_WIN, at(DAY, "12:30:00")).update();
        // Near midnight UTC: in Asia/Colombo (+05:30) these fall on the other day.
        call(LATE_BET, "BET", 2_000_000_000L, "23:00:00", true, null);
        callOn(DAY.minusDays(1), DAY_BEFORE_BET, "BET", 9_000_000L, "23:00:00", true, null);
    }

    static OffsetDateTime at(LocalDate day, String time) {
        return OffsetDateTime.parse(day + "T" + time + "Z");
    }

    void call(UUID tx, String endpoint, long amount, String time, boolean succeeded, UUID job) {
        callOn(DAY, tx, endpoint, amount, time, succeeded, job);
    }

    void callOn(LocalDate day, UUID tx, String endpoint, long amount, String time, boolean succeeded, UUID job) {
        jdbc.sql("""
                INSERT INTO wallet_calls (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro,
                                          currency, player_ref, bet_id, round_id, job_id, status, latency_ms,
                                          succeeded, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 'LKR', 'player-7', ?, ?, ?, ?, 12, ?, ?)""")
                .params(UUID.randomUUID(), OPERATOR, endpoint, UUID.randomUUID(), tx, amount, UUID.randomUUID(),
                        UUID.randomUUID(), job, succeeded ? "RS_OK" : "RS_ERROR_TIMEOUT", succeeded, at(day, time))
                .update();
    }

    Path export(String level) throws Exception {
        Path file = dir.resolve(level + "-" + UUID.randomUUID() + ".csv");
        Run r = run("export", "settlement", "--database-url", url, "--operator", OPERATOR.toString(),
                "--date", DAY.toString(), "--level", level, "--out", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return file;
    }

    Run reconcile(Path file, String... more) {
        List<String> args = new ArrayList<>(List.of("reconcile", "--database-url", url, "--file", file.toString(),
                "--operator", OPERATOR.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    static List<String> lines(Path file) throws Exception {
        return new ArrayList<>(Files.readAllLines(file));
    }

    Path rewrite(Path file, List<String> lines) throws Exception {
        Path changed = dir.resolve("changed-" + file.getFileName());
        Files.write(changed, lines);
        return changed;
    }

    @Test
    void export_then_reconcile_matches_at_both_levels() throws Exception {
        Path transactions = export("transactions");
        assertThat(lines(transactions)).hasSize(5)   // header + 4 succeeded transactions of the day, once each
                .anyMatch(l -> l.startsWith(RETRIED_BET.toString()))
                .noneMatch(l -> l.startsWith(DROPPED_BET.toString()) || l.startsWith(DAY_BEFORE_BET.toString()));
        Run t = reconcile(transactions);
        assertThat(t.code()).as(t.out() + t.err()).isZero();
        assertThat(t.out()).contains("MATCH");

        Path summary = export("summary");
        assertThat(lines(summary)).containsExactly(
                "operatorId,date,currency,betsAmountMicro,winsAmountMicro,rollbacksAmountMicro",
                OPERATOR + "," + DAY + ",LKR,3000000000,2500000000,300000000");
        Run s = reconcile(summary);
        assertThat(s.code()).as(s.out() + s.err()).isZero();
    }

    @Test
    void deleting_one_transaction_from_the_file_is_major_drift_naming_exactly_it() throws Exception {
        List<String> lines = lines(export("transactions"));
        lines.removeIf(l -> l.startsWith(WIN.toString()));
        Run r = reconcile(rewrite(dir.resolve("t.csv"), lines), "--format", "json");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out()).contains("MAJOR_DRIFT").contains(WIN.toString())
                .doesNotContain(RETRIED_BET.toString()).doesNotContain(LATE_BET.toString());
    }

    @Test
    void changing_one_amount_by_one_micro_is_major_drift_naming_it() throws Exception {
        List<String> lines = lines(export("transactions"));
        lines.replaceAll(l -> l.startsWith(ROLLBACK.toString()) ? l.replace(",300000000,", ",300000001,") : l);
        Run r = reconcile(rewrite(dir.resolve("t.csv"), lines), "--format", "json");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out()).contains(ROLLBACK.toString()).doesNotContain(WIN.toString());
    }

    @Test
    void a_transaction_whose_win_job_is_still_open_is_minor_drift_pending_on_that_job() throws Exception {
        List<String> lines = lines(export("transactions"));
        lines.add(PENDING_WIN + ",WIN,4000000,LKR," + DAY + "T12:30:01Z");
        Run r = reconcile(rewrite(dir.resolve("t.csv"), lines), "--verbose");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("MINOR_DRIFT").contains(PENDING_WIN.toString())
                .contains("pending: will close when job " + JOB + " completes");
    }

    @Test
    void a_booked_transaction_whose_only_call_failed_is_major_drift_we_dropped_it() throws Exception {
        List<String> lines = lines(export("transactions"));
        lines.add(DROPPED_BET + ",BET,7000000,LKR," + DAY + "T12:00:00Z");
        Run r = reconcile(rewrite(dir.resolve("t.csv"), lines), "--verbose");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out()).contains(DROPPED_BET.toString()).contains("we dropped it: failed call never retried");
    }

    @Test
    void a_one_micro_change_in_a_large_day_summary_is_minor_drift() throws Exception {
        List<String> lines = lines(export("summary"));
        lines.set(1, lines.get(1).replace(",2500000000,", ",2500000001,"));
        Run r = reconcile(rewrite(dir.resolve("s.csv"), lines));
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("MINOR_DRIFT");
    }

    @Test
    void broken_files_are_exit_3_with_line_numbers_and_nothing_is_written() throws Exception {
        long auditBefore = count("admin_audit_log");
        Path noHeader = dir.resolve("no-header.csv");
        Files.writeString(noHeader, RETRIED_BET + ",BET,1000000000,LKR,2025-03-10T10:00:05Z\n");
        Path textAmount = dir.resolve("text-amount.csv");
        Files.writeString(textAmount, "transactionUuid,kind,amountMicro,currency,createdAt\r\n"
                + RETRIED_BET + ",BET,1000000000,LKR,2025-03-10T10:00:05Z\r\n"
                + WIN + ",WIN,lots,LKR,2025-03-10T10:01:00Z\r\n");
        Path garbage = dir.resolve("garbage.csv");
        StringBuilder sb = new StringBuilder("transactionUuid,kind,amountMicro,currency,createdAt\n");
        for (int i = 0; i < 50_000; i++) {
            sb.append("garbage \"line ").append(i).append(",,,\n");
        }
        Files.writeString(garbage, sb);
        for (Path file : List.of(noHeader, textAmount, garbage)) {
            Run r = reconcile(file);
            assertThat(r.code()).as(file + ": " + r.out() + r.err()).isEqualTo(3);
            assertThat(r.out() + r.err()).contains("line ").doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(reconcile(textAmount).out()).contains("line 3");
        Run missing = reconcile(dir.resolve("nope.csv"));
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err()).contains("no such file");
        assertThat(count("admin_audit_log")).isEqualTo(auditBefore);
        assertThat(count("reconciliation_adjustments")).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM pg_class WHERE relname = 'reconcile_theirs'").query(Long.class).single())
                .isZero();
    }

    @Test
    void bad_flags_are_exit_64() throws Exception {
        Path summary = export("summary");
        assertThat(reconcile(summary, "--format", "xml").code()).isEqualTo(64);
        assertThat(run("reconcile", "--database-url", url).code()).isEqualTo(64);
        Path transactions = export("transactions");
        Run noOperator = run("reconcile", "--database-url", url, "--file", transactions.toString());
        assertThat(noOperator.code()).isEqualTo(64);
        assertThat(noOperator.err()).contains("--operator");
    }

    @Test
    void an_adjustment_is_audited_counted_in_ours_and_listed_in_the_reports_it_affects() throws Exception {
        Path before = export("summary");
        Run adjust = run("reconcile", "adjust", "--database-url", url, "--operator", OPERATOR.toString(),
                "--date", DAY.toString(), "--currency", "LKR", "--kind", "WIN", "--amount-micro", "-500",
                "--reason", "operator credited a win twice, ticket 42");
        assertThat(adjust.code()).as(adjust.err()).isZero();
        assertThat(jdbc.sql("SELECT changed_by FROM admin_audit_log WHERE action = 'reconciliation.adjust'")
                .query(String.class).single()).startsWith("cli:");

        Run stale = reconcile(before);   // their file does not have the correction: ours is now 500 micro lower
        assertThat(stale.code()).as(stale.out()).isEqualTo(1);
        assertThat(stale.out()).contains("ticket 42");

        Path after = export("summary");
        assertThat(lines(after).get(1)).contains(",2499999500,");
        Run fresh = reconcile(after);
        assertThat(fresh.code()).as(fresh.out()).isZero();
        assertThat(fresh.out()).contains("ticket 42");
        assertThat(reconcile(export("transactions")).out()).contains("ticket 42");
    }

    @Test
    void export_takes_the_operators_name_as_well_as_its_id_and_writes_the_id() throws Exception {
        Run byName = run("export", "settlement", "--database-url", url, "--operator", "recon-op", "--date", DAY.toString());
        Run byId = run("export", "settlement", "--database-url", url, "--operator", OPERATOR.toString(), "--date", DAY.toString());
        assertThat(byName.code()).as(byName.err()).isZero();
        assertThat(byName.out()).isEqualTo(byId.out()).contains(OPERATOR + "," + DAY + ",LKR,3000000000");
    }

    @Test
    void export_of_an_unknown_operator_exits_1_and_a_day_without_activity_says_so() throws Exception {
        Run unknown = run("export", "settlement", "--database-url", url, "--operator", "demo-casino", "--date", DAY.toString());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no operator 'demo-casino'");
        assertThat(unknown.out()).isEmpty();
        Run quiet = run("export", "settlement", "--database-url", url, "--operator", "recon-op", "--date", "2020-01-01");
        assertThat(quiet.code()).isZero();
        assertThat(quiet.err()).contains("no activity").contains("recon-op").contains("2020-01-01");
        Path headerOnly = dir.resolve("empty.csv");
        Files.writeString(headerOnly, quiet.out());
        Run r = reconcile(headerOnly);
        assertThat(r.code()).as("a file with no data rows is unreadable, never a MATCH: " + r.out() + r.err()).isEqualTo(3);
    }

    @Test
    void an_unknown_operator_counts_as_no_activity_with_a_warning() throws Exception {
        Path file = dir.resolve("other.csv");
        Files.writeString(file, "operatorId,date,currency,betsAmountMicro,winsAmountMicro,rollbacksAmountMicro\n"
                + "not-an-operator,2025-03-10,LKR,0,0,0\n");
        Run r = run("reconcile", "--database-url", url, "--file", file.toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("not known to us");
    }

    @Test
    void a_non_utc_session_time_zone_gives_the_same_result() throws Exception {
        ReconcileService utc = new ReconcileService(new DriverManagerDataSource(url), Clock.systemUTC(),
                ReconcileLimits.DEFAULTS);
        Connection colombo = DriverManager.getConnection(url);
        colombo.createStatement().execute("SET TIME ZONE 'Asia/Colombo'");
        SingleConnectionDataSource ds = new SingleConnectionDataSource(colombo, true);
        assertThat(JdbcClient.create(ds).sql("SHOW timezone").query(String.class).single()).isEqualTo("Asia/Colombo");
        ReconcileService shifted = new ReconcileService(ds, Clock.systemUTC(), ReconcileLimits.DEFAULTS);
        for (String level : List.of("summary", "transactions")) {
            StringWriter a = new StringWriter();
            StringWriter b = new StringWriter();
            if (level.equals("summary")) {
                utc.exportSummary(OPERATOR.toString(), DAY, a);
                shifted.exportSummary(OPERATOR.toString(), DAY, b);
            } else {
                utc.exportTransactions(OPERATOR.toString(), DAY, a);
                shifted.exportTransactions(OPERATOR.toString(), DAY, b);
            }
            assertThat(b.toString()).isEqualTo(a.toString()).contains(LATE_BET.toString().substring(0, 8).equals("f5555555")
                    && level.equals("transactions") ? LATE_BET.toString() : "LKR");
            ReconciliationReport report = shifted.reconcile(
                    new java.io.ByteArrayInputStream(a.toString().getBytes(StandardCharsets.UTF_8)),
                    OPERATOR.toString(), ReconcileService.Scope.ANY_OPERATOR, n -> { });
            assertThat(report.status()).isEqualTo(Status.MATCH);
        }
        assertThat(JdbcClient.create(ds).sql("SHOW timezone").query(String.class).single()).isEqualTo("Asia/Colombo");
        ds.destroy();
    }

    long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
