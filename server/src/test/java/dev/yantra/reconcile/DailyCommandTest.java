package dev.yantra.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * `yantra reconcile daily` (the Kubernetes CronJob's command) on a real database: it records each result where the
 * reconciliation_status gauge reads it, as the node's scheduled run does, and exits with the worst result, or 3 when
 * no file of the day arrived.
 */
class DailyCommandTest {
    static final String OPERATOR = ReconciliationApiTest.OPERATOR.toString();
    static final String DAY = ReconciliationApiTest.DAY.toString();

    @TempDir
    Path dir;

    @Test
    void a_day_is_reconciled_from_the_directory_recorded_for_the_gauge_and_exits_with_its_result() throws Exception {
        String url = TestPostgres.freshDatabaseUrl();
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(url));
        ReconciliationApiTest.seed(jdbc); // one 5 LKR bet of the operator on DAY

        Path file = dir.resolve(OPERATOR + "_" + DAY + ".csv");
        Files.writeString(file, "operatorId,date,currency,betsAmountMicro,winsAmountMicro,rollbacksAmountMicro\n"
                + OPERATOR + "," + DAY + ",LKR,5000000,0,0\n");
        ReconcileCommandTest.Run match = ReconcileCommandTest.run("reconcile", "daily", "--database-url", url, "--dir", dir.toString(), "--date", DAY);
        assertThat(match.code()).as(match.err()).isZero();
        assertThat(match.out()).contains("reconciled 1 file(s) of " + DAY);
        assertThat(status(jdbc)).isEqualTo("MATCH");

        Files.writeString(file, "operatorId,date,currency,betsAmountMicro,winsAmountMicro,rollbacksAmountMicro\n"
                + OPERATOR + "," + DAY + ",LKR,6000000,0,0\n");
        ReconcileCommandTest.Run drift = ReconcileCommandTest.run("reconcile", "daily", "--database-url", url, "--dir", dir.toString(), "--date", DAY);
        assertThat(drift.code()).as(drift.err()).isEqualTo(2);
        assertThat(status(jdbc)).as("the gauge's row follows the latest run").isEqualTo("MAJOR_DRIFT");

        ReconcileCommandTest.Run none = ReconcileCommandTest.run("reconcile", "daily", "--database-url", url, "--dir", dir.toString(), "--date", "2025-03-11");
        assertThat(none.code()).isEqualTo(3);
        assertThat(none.err()).contains("no settlement file *_2025-03-11.csv in " + dir);
    }

    @Test
    void a_bad_date_or_a_missing_directory_is_a_usage_error() {
        assertThat(ReconcileCommandTest.run("reconcile", "daily", "--dir", dir.toString(), "--date", "10/03/2025").code()).isEqualTo(64);
        assertThat(ReconcileCommandTest.run("reconcile", "daily", "--dir", dir.resolve("absent").toString()).code()).isEqualTo(64);
    }

    static String status(JdbcClient jdbc) {
        return jdbc.sql("SELECT status FROM reconciliation_results WHERE operator_id = ? AND currency = 'LKR'")
                .param(OPERATOR).query(String.class).single();
    }
}
