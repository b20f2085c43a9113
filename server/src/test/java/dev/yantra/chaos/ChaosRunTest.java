package dev.yantra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The harness end to end on real node processes and the demo wallet: a correct build passes a lottery storm (bets,
 * plays by wallet and by card, node and counterparty faults) with every invariant checked and its report written,
 * and each deliberately broken build fails with a violation naming the rule it breaks, and none of the other
 * breaks' rules.
 *
 * <p>The broken builds run with {@code stopOnViolation}: the run ends at the first sampled violation instead of its
 * full duration, and each seed is the one whose schedule starts the exposing fault earliest (the schedule is a pure
 * function of the seed), so a broken run costs its node start-up and a few seconds of faults. The break only caught
 * at the end ({@code hold-never-cancelled}) runs the shortest lottery storm whose two draws close during the run.
 *
 * <p>A correct build's {@code kill-storm} and {@code wallet-flap} runs are not repeated here: {@code scripts/chaos-ci}
 * runs both (two nodes, fixed seeds) in {@code scripts/test}, where a violation or a failed recovery fails the suite.
 * Each run here has its own fresh database on the suite's PostgreSQL (none of these scenarios restarts it).
 */
class ChaosRunTest {
    static final Duration SHORT = Duration.ofSeconds(30);
    /** The rule each break exposes; a broken run must name its own and none of the others. */
    static final Set<String> SIGNATURES = Set.of("win-credited-once", "job-completed-once", "one-leader-per-table",
            "no-hold-open-past-its-draw");

    @Test
    void a_correct_build_passes_a_short_lottery_storm_with_every_invariant_checked_and_writes_its_report() throws Exception {
        Duration d = Duration.ofSeconds(40);
        long seed = seedWhere(Scenario.LOTTERY_STORM, d, 2, s -> s.faults().stream().anyMatch(f -> f.kind().onLottery()));
        Path out = Files.createTempDirectory("chaos-lottery-");
        ChaosRun.Result r = new ChaosRun(options(Scenario.LOTTERY_STORM, 2, d, seed, out, null, 1, Duration.ofSeconds(120), false)).run();
        ChaosReport.write(r, out);
        assertThat(r.violations()).as("violations").isEmpty();
        assertThat(r.recovered()).as(r.recoveryNote()).isTrue();
        assertThat(r.passed()).isTrue();
        assertThat(r.timeline().total(s -> s.accepted)).as("bets accepted").isGreaterThan(20);
        assertThat(r.timeline().total(s -> s.playsAccepted)).as("plays accepted").isGreaterThan(10);
        assertThat(r.playStates().keySet()).as("plays by card and by wallet ended final")
                .anyMatch(k -> k.endsWith(" card")).anyMatch(k -> k.endsWith(" wallet"));
        assertThat(r.verdicts()).extracting(ChaosRun.Verdict::invariant)
                .contains("journal-equals-ledger", "no-hold-open-past-its-draw", "captured-equals-confirmed-card-plays", "player-ledger-adds-up");
        assertThat(r.verdicts()).allSatisfy(v -> assertThat(v.checks()).as(v.invariant()).isPositive());
        assertThat(verdict(r, "ledger-explained-by-in-flight-work").checks()).as("sampled while the faults ran").isGreaterThan(3);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("PASSED", "<svg", "Seed <b>" + seed + "</b>", "journal-equals-ledger")
                .doesNotContain("<script", "http://cdn", "https://");
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"verdict\" : \"PASSED\"", "\"seed\" : " + seed);
    }

    @Test
    void a_win_retried_with_a_fresh_transaction_uuid_fails_the_run_on_win_credited_once_and_stops_there() throws Exception {
        long seed = earliestSeed(Scenario.WALLET_FLAP, SHORT, 1, FaultKind.WALLET_TIMEOUT_AFTER_APPLY, -1);
        Path out = Files.createTempDirectory("chaos-win-");
        ChaosRun.Result r = new ChaosRun(options(Scenario.WALLET_FLAP, 1, SHORT, seed, out, "win-fresh-uuid", 2, Duration.ofSeconds(90), true)).run();
        assertBrokenBy(r, "win-credited-once");
        assertThat(r.violations().stream().filter(v -> v.invariant().equals("win-credited-once")).findFirst().orElseThrow().evidence())
                .as("evidence names the bet's transaction").allSatisfy(row -> assertThat(row).containsKey("bet_transaction"));
        // a red run's report: the verdict, the rule and its evidence, why it ended early, and how to run it again
        ChaosReport.write(r, out);
        assertThat(Files.readString(out.resolve("report.html"))).contains("FAILED", "win-credited-once", "bet_transaction",
                "--stop-on-violation", "--test-break win-fresh-uuid", "Seed <b>" + seed + "</b>").doesNotContain("<script", "https://");
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"verdict\" : \"FAILED\"", "\"stopOnViolation\" : true");
    }

    @Test
    void a_job_completed_twice_fails_the_run_on_job_completed_once_and_stops_there() throws Exception {
        long seed = earliestSeed(Scenario.WALLET_FLAP, SHORT, 1, FaultKind.WALLET_TIMEOUT_AFTER_APPLY, -1);
        ChaosRun.Result r = new ChaosRun(options(Scenario.WALLET_FLAP, 1, SHORT, seed, Files.createTempDirectory("chaos-job-"),
                "job-complete-twice", 2, Duration.ofSeconds(90), true)).run();
        assertBrokenBy(r, "job-completed-once");
    }

    @Test
    void a_lease_renewed_after_it_expired_fails_a_kill_storm_on_one_leader_per_table_and_stops_there() throws Exception {
        Duration d = Duration.ofSeconds(45);
        // node 0 starts first and takes every table: its freeze lets node 1 take them over, then it thaws and renews
        long seed = earliestSeed(Scenario.KILL_STORM, d, 2, FaultKind.PAUSE, 0);
        ChaosRun.Result r = new ChaosRun(options(Scenario.KILL_STORM, 2, d, seed, Files.createTempDirectory("chaos-lease-"),
                "lease-after-expiry", 3, Duration.ofSeconds(90), true)).run();
        assertBrokenBy(r, "one-leader-per-table");
    }

    @Test
    void a_hold_never_cancelled_fails_a_lottery_storm_on_no_hold_open_past_its_draw() throws Exception {
        // the rule holds only once every play is final, so this break shows at the end: the shortest storm whose
        // draws close during the run (at 35 % and 70 % of it)
        Duration d = Duration.ofSeconds(25);
        long seed = seedWhere(Scenario.LOTTERY_STORM, d, 1, s -> true);
        // six bettors, so three buyers: enough card plays on the two closing draws for the banca to reject some
        ChaosRun.Result r = new ChaosRun(new ChaosRun.Options(Scenario.LOTTERY_STORM, 1, d, seed, Files.createTempDirectory("chaos-hold-"),
                TestPostgres.freshDatabaseUrl(), "hold-never-cancelled", 1, 4, 6, Duration.ofSeconds(60), false)).run();
        assertThat(r.passed()).isFalse();
        assertThat(r.violations()).extracting(ChaosRun.Violation::invariant).contains("no-hold-open-past-its-draw")
                .doesNotContainAnyElementsOf(others("no-hold-open-past-its-draw"));
    }

    /** Failed on its own rule, none of the other breaks' rules, and stopped early with the end-of-run rules unchecked. */
    static void assertBrokenBy(ChaosRun.Result r, String rule) {
        assertThat(r.passed()).isFalse();
        assertThat(r.violations()).extracting(ChaosRun.Violation::invariant).contains(rule).doesNotContainAnyElementsOf(others(rule));
        assertThat(r.recoveryNote()).isEqualTo(ChaosRun.STOPPED_NOTE);
        assertThat(r.loadSeconds()).as("stopped before the run's duration").isLessThan(r.options().duration().toSeconds() - 5);
        assertThat(verdict(r, "journal-equals-ledger").checks()).as("end-of-run rules not checked without recovery").isZero();
    }

    static List<String> others(String rule) {
        return SIGNATURES.stream().filter(s -> !s.equals(rule)).toList();
    }

    static ChaosRun.Verdict verdict(ChaosRun.Result r, String invariant) {
        return r.verdicts().stream().filter(v -> v.invariant().equals(invariant)).findFirst().orElseThrow();
    }

    static ChaosRun.Options options(Scenario s, int nodes, Duration d, long seed, Path out, String testBreak, int tables,
                                    Duration recoveryLimit, boolean stopOnViolation) {
        return new ChaosRun.Options(s, nodes, d, seed, out, TestPostgres.freshDatabaseUrl(), testBreak, tables, 4, 4,
                recoveryLimit, stopOnViolation);
    }

    /** The first seed whose schedule satisfies {@code wanted}: the schedule is a function of the seed alone. */
    static long seedWhere(Scenario s, Duration d, int nodes, Predicate<FaultSchedule> wanted) {
        return LongStream.range(1, 10_000).filter(k -> {
            FaultSchedule f = FaultSchedule.of(s, k, d.toMillis(), nodes);
            return !f.faults().isEmpty() && wanted.test(f);
        }).findFirst().orElseThrow();
    }

    /** Of the seeds whose first fault is {@code kind} (on {@code node}, or any), the one where it starts earliest. */
    static long earliestSeed(Scenario s, Duration d, int nodes, FaultKind kind, int node) {
        return LongStream.range(1, 2_000).boxed().filter(k -> {
            List<Fault> f = FaultSchedule.of(s, k, d.toMillis(), nodes).faults();
            return !f.isEmpty() && f.getFirst().kind() == kind && (node < 0 || f.getFirst().node() == node);
        }).min(Comparator.comparingLong(k -> FaultSchedule.of(s, k, d.toMillis(), nodes).faults().getFirst().startMs())).orElseThrow();
    }
}
