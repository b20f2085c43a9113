package dev.yantra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The harness end to end on real node processes and the demo wallet: a healthy build passes a wallet-flap run with
 * every invariant checked, and each deliberately broken build fails its scenario with a violation naming the rule
 * it breaks. Seeds are picked from the schedule alone (a pure function), so each broken run gets the fault that
 * exposes its break early.
 */
class ChaosRunTest {
    static final Duration SHORT = Duration.ofSeconds(30);

    @Test
    void a_correct_build_passes_a_wallet_flap_run_with_every_invariant_checked_and_writes_its_report() throws Exception {
        long seed = seedWhere(Scenario.WALLET_FLAP, SHORT, 2, s -> s.faults().stream().anyMatch(f -> f.kind() == FaultKind.WALLET_TIMEOUT_AFTER_APPLY));
        Path out = Files.createTempDirectory("chaos-pass-");
        ChaosRun.Result r = new ChaosRun(options(Scenario.WALLET_FLAP, 2, seed, out, null)).run();
        ChaosReport.write(r, out);
        assertThat(r.violations()).as("violations").isEmpty();
        assertThat(r.recovered()).as(r.recoveryNote()).isTrue();
        assertThat(r.passed()).isTrue();
        assertThat(r.timeline().total(s -> s.accepted)).as("bets accepted").isGreaterThan(20);
        assertThat(r.verdicts()).allSatisfy(v -> assertThat(v.checks()).as(v.invariant()).isPositive());
        assertThat(r.verdicts().stream().filter(v -> v.invariant().equals("ledger-explained-by-in-flight-work")).findFirst().orElseThrow()
                .checks()).as("sampled while the faults ran").isGreaterThan(3);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("PASSED", "<svg", "Seed <b>" + seed + "</b>", "journal-equals-ledger")
                .doesNotContain("<script", "http://cdn", "https://");
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"verdict\" : \"PASSED\"", "\"seed\" : " + seed);
    }

    @Test
    void a_win_retried_with_a_fresh_transaction_uuid_fails_the_run_on_win_credited_once() throws Exception {
        long seed = seedWhere(Scenario.WALLET_FLAP, SHORT, 1, s -> s.faults().getFirst().kind() == FaultKind.WALLET_TIMEOUT_AFTER_APPLY);
        ChaosRun.Result r = new ChaosRun(options(Scenario.WALLET_FLAP, 1, seed, Files.createTempDirectory("chaos-win-"), "win-fresh-uuid")).run();
        assertThat(r.passed()).isFalse();
        assertThat(r.violations()).extracting(ChaosRun.Violation::invariant).contains("win-credited-once");
        assertThat(r.violations().stream().filter(v -> v.invariant().equals("win-credited-once")).findFirst().orElseThrow().evidence())
                .as("evidence names the bet's transaction").allSatisfy(row -> assertThat(row).containsKey("bet_transaction"));
    }

    @Test
    void a_job_completed_twice_fails_the_run_on_job_completed_once() throws Exception {
        long seed = seedWhere(Scenario.WALLET_FLAP, SHORT, 1, s -> s.faults().getFirst().kind() == FaultKind.WALLET_TIMEOUT_AFTER_APPLY);
        ChaosRun.Result r = new ChaosRun(options(Scenario.WALLET_FLAP, 1, seed, Files.createTempDirectory("chaos-job-"), "job-complete-twice")).run();
        assertThat(r.passed()).isFalse();
        assertThat(r.violations()).extracting(ChaosRun.Violation::invariant).contains("job-completed-once");
    }

    @Test
    void a_lease_renewed_after_it_expired_fails_a_kill_storm_on_one_leader_per_table() throws Exception {
        Duration d = Duration.ofSeconds(45);
        // node 0 starts first and takes every table: its freeze lets node 1 take them over, then it thaws and renews
        long seed = seedWhere(Scenario.KILL_STORM, d, 2, s -> s.faults().getFirst().kind() == FaultKind.PAUSE && s.faults().getFirst().node() == 0);
        ChaosRun.Result r = new ChaosRun(new ChaosRun.Options(Scenario.KILL_STORM, 2, d, seed, Files.createTempDirectory("chaos-lease-"),
                null, "lease-after-expiry", 3, 4, 4, Duration.ofSeconds(90))).run();
        assertThat(r.passed()).isFalse();
        assertThat(r.violations()).extracting(ChaosRun.Violation::invariant).contains("one-leader-per-table");
    }

    @Test
    void a_correct_build_passes_a_short_lottery_storm_with_plays_by_wallet_and_by_card() throws Exception {
        Duration d = Duration.ofSeconds(40);
        long seed = seedWhere(Scenario.LOTTERY_STORM, d, 2, s -> s.faults().stream().anyMatch(f -> f.kind().onLottery()));
        Path out = Files.createTempDirectory("chaos-lottery-");
        ChaosRun.Result r = new ChaosRun(new ChaosRun.Options(Scenario.LOTTERY_STORM, 2, d, seed, out,
                null, null, 1, 4, 4, Duration.ofSeconds(120))).run();
        ChaosReport.write(r, out);
        assertThat(r.violations()).as("violations").isEmpty();
        assertThat(r.recovered()).as(r.recoveryNote()).isTrue();
        assertThat(r.timeline().total(s -> s.playsAccepted)).as("plays accepted").isGreaterThan(10);
        assertThat(r.playStates().keySet()).as("plays by card and by wallet ended final")
                .anyMatch(k -> k.endsWith(" card")).anyMatch(k -> k.endsWith(" wallet"));
        assertThat(r.verdicts()).extracting(ChaosRun.Verdict::invariant)
                .contains("no-hold-open-past-its-draw", "captured-equals-confirmed-card-plays", "player-ledger-adds-up");
    }

    @Test
    void a_hold_never_cancelled_fails_a_lottery_storm_on_no_hold_open_past_its_draw() throws Exception {
        Duration d = Duration.ofSeconds(40);
        long seed = seedWhere(Scenario.LOTTERY_STORM, d, 1, s -> true);
        ChaosRun.Result r = new ChaosRun(new ChaosRun.Options(Scenario.LOTTERY_STORM, 1, d, seed, Files.createTempDirectory("chaos-hold-"),
                null, "hold-never-cancelled", 1, 4, 6, Duration.ofSeconds(60))).run();
        assertThat(r.passed()).isFalse();
        assertThat(r.violations()).extracting(ChaosRun.Violation::invariant).contains("no-hold-open-past-its-draw");
    }

    static ChaosRun.Options options(Scenario s, int nodes, long seed, Path out, String testBreak) {
        return new ChaosRun.Options(s, nodes, SHORT, seed, out, null, testBreak, 2, 4, 4, Duration.ofSeconds(90));
    }

    /** The first seed whose schedule satisfies {@code wanted}: the schedule is a function of the seed alone. */
    static long seedWhere(Scenario s, Duration d, int nodes, Predicate<FaultSchedule> wanted) {
        return LongStream.range(1, 10_000).filter(k -> {
            FaultSchedule f = FaultSchedule.of(s, k, d.toMillis(), nodes);
            return !f.faults().isEmpty() && wanted.test(f);
        }).findFirst().orElseThrow();
    }
}
