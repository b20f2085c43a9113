package dev.yantra.lottery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.Yantra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The command's flags on a real database: every bad one is 64 with a message naming it, and changes nothing. */
class LotteryReconcileCommandTest {
    static String url;
    static JdbcClient jdbc;

    @TempDir
    Path dir;

    @BeforeAll
    static void database() {
        url = TestPostgres.freshDatabaseUrl();
        jdbc = JdbcClient.create(new DriverManagerDataSource(url));
    }

    static Yantra.Run reconcile(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "lottery";
        full[1] = "reconcile";
        System.arraycopy(args, 0, full, 2, args.length);
        return Yantra.run(url, full);
    }

    static long runs() {
        return jdbc.sql("SELECT count(*) FROM lottery_reconciliation_runs").query(Long.class).single();
    }

    void refused(String message, String... args) {
        long before = runs();
        Yantra.Run r = reconcile(args);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(64);
        assertThat(r.err()).contains(message);
        assertThat(runs()).isEqualTo(before);
    }

    @Test
    void bad_flags_exit_64_with_a_message_that_names_the_flag() throws Exception {
        refused("--date must be a day as YYYY-MM-DD, was '2026-13-01'", "--date", "2026-13-01");
        refused("--date must be a day as YYYY-MM-DD, was 'yesterday'", "--date", "yesterday");
        String tomorrow = LocalDate.now(ZoneId.of("America/Santo_Domingo")).plusDays(2).toString();
        refused("--date " + tomorrow + " is in the future", "--date", tomorrow);
        refused("--banca-id must be a UUID, was 'banca-1'", "--banca-id", "banca-1");
        refused("--request-ids must be a UUID, was '12345'", "--request-ids", UUID.randomUUID() + ",12345");
        refused("--request-ids must be UUIDs separated by commas, with none empty", "--request-ids", UUID.randomUUID() + ",,");
        refused("--older-than must be a duration like 30s, 10m, 24h or 7d, was '10 minutes'", "--force-check", "--older-than", "10 minutes");
        refused("--older-than applies only with --force-check", "--older-than", "30s");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        refused("--output-dir " + file.resolve("sub") + " cannot be created", "--output-dir", file.resolve("sub").toString());
        refused("Unknown option: '--force'", "--force");
    }

    @Test
    void a_day_without_plays_matches_and_an_unknown_banca_counts_as_no_activity_with_a_warning() {
        long before = runs();
        Yantra.Run empty = reconcile("--date", "2025-03-10");
        assertThat(empty.exit()).as(empty.out() + empty.err()).isZero();
        assertThat(empty.out()).contains("lottery reconciliation 2025-03-10 (America/Santo_Domingo): MATCH (exit 0), 0 play(s) compared");
        UUID nobody = UUID.randomUUID();
        Yantra.Run unknown = reconcile("--date", "2025-03-10", "--banca-id", nobody.toString());
        assertThat(unknown.exit()).isZero();
        assertThat(unknown.out()).contains("warning: no banca " + nobody + ": counted as no activity", "banca " + nobody + ": MATCH, 0 play(s)");
        assertThat(runs()).isEqualTo(before + 2);
        assertThat(jdbc.sql("SELECT banca_filter FROM lottery_reconciliation_runs ORDER BY finished_at DESC LIMIT 1")
                .query(UUID.class).single()).isEqualTo(nobody);
    }

    @Test
    void a_dry_run_is_not_stored() {
        long before = runs();
        Yantra.Run dry = reconcile("--dry-run", "--date", "2025-03-11");
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).contains(", dry run: MATCH");
        assertThat(runs()).isEqualTo(before);
    }

    @Test
    void the_default_day_is_yesterday_in_the_lotteries_time_zone() {
        Yantra.Run r = reconcile("--dry-run");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("lottery reconciliation " + LocalDate.now(ZoneId.of("America/Santo_Domingo")).minusDays(1));
    }
}
