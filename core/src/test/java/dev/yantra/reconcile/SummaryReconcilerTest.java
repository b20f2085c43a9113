package dev.yantra.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryReconcilerTest {
    private static final LocalDate DAY = LocalDate.of(2025, 1, 31);
    private static final String HEADER = SettlementFormat.SUMMARY.headerLine() + "\n";

    private static ReconciliationReport run(String rows, OursSource ours) throws IOException {
        return Reconciliation.summary(new StringReader(HEADER + rows), ours, ReconcileLimits.DEFAULTS);
    }

    @Test
    void identical_totals_match_with_exit_0() throws IOException {
        var report = run("op-1,2025-01-31,LKR,1000000,500000,0\n", (op, d, c) -> DailyTotals.of(1_000_000, 500_000, 0));
        assertThat(report.status()).isEqualTo(Status.MATCH);
        assertThat(report.exitCode()).isZero();
        assertThat(report.rows().get(0).kinds()).allSatisfy(k -> assertThat(k.direction()).isEmpty());
    }

    @Test
    void a_drift_just_under_one_in_a_thousand_is_minor() {
        // ours 1,000,001: drift 1,000 → 1000/1000001 < 0.001
        var row = new SummaryRow("op-1", DAY, "LKR", 1_001_001, 0, 0);
        var result = SummaryReconciler.compare(row, DailyTotals.of(1_000_001, 0, 0));
        assertThat(result.status()).isEqualTo(Status.MINOR_DRIFT);
        assertThat(result.kinds().get(0).driftMicro()).isEqualTo(1_000);
        assertThat(result.kinds().get(0).direction()).isEqualTo(KindComparison.OURS_LOW);
    }

    @Test
    void a_drift_of_exactly_one_in_a_thousand_is_major() {
        var result = SummaryReconciler.compare(new SummaryRow("op-1", DAY, "LKR", 999_000, 0, 0),
                DailyTotals.of(1_000_000, 0, 0));
        assertThat(result.kinds().get(0).driftMicro()).isEqualTo(-1_000);
        assertThat(result.kinds().get(0).direction()).isEqualTo(KindComparison.OURS_HIGH);
        assertThat(result.status()).isEqualTo(Status.MAJOR_DRIFT);
    }

    @Test
    void one_micro_less_than_one_in_a_thousand_is_minor() {
        var result = SummaryReconciler.compare(new SummaryRow("op-1", DAY, "LKR", 999_001, 0, 0),
                DailyTotals.of(1_000_000, 0, 0));
        assertThat(result.status()).isEqualTo(Status.MINOR_DRIFT);
    }

    @Test
    void theirs_without_any_of_ours_is_major_however_small() {
        var result = SummaryReconciler.compare(new SummaryRow("op-1", DAY, "LKR", 0, 1, 0), DailyTotals.of(0, 0, 0));
        assertThat(result.kinds().get(1).status()).isEqualTo(Status.MAJOR_DRIFT);
        assertThat(result.status()).isEqualTo(Status.MAJOR_DRIFT);
    }

    @Test
    void one_micro_in_a_large_day_is_minor_drift_with_exit_1() throws IOException {
        var report = run("op-1,2025-01-31,LKR,500000000001,480000000000,2000000\n",
                (op, d, c) -> DailyTotals.of(500_000_000_000L, 480_000_000_000L, 2_000_000));
        assertThat(report.status()).isEqualTo(Status.MINOR_DRIFT);
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void the_worst_row_wins() throws IOException {
        var report = run("op-1,2025-01-31,LKR,100,0,0\nop-1,2025-02-01,LKR,5,0,0\n",
                (op, d, c) -> d.equals(DAY) ? DailyTotals.of(100, 0, 0) : DailyTotals.of(0, 0, 0));
        assertThat(report.rows()).extracting(SummaryRowResult::status)
                .containsExactly(Status.MATCH, Status.MAJOR_DRIFT);
        assertThat(report.exitCode()).isEqualTo(2);
    }

    @Test
    void an_unknown_operator_counts_as_no_activity_with_one_warning() throws IOException {
        var report = run("ghost,2025-01-31,LKR,0,0,0\nghost,2025-02-01,LKR,10,0,0\n",
                (op, d, c) -> DailyTotals.unknownOperator());
        assertThat(report.rows()).extracting(SummaryRowResult::status)
                .containsExactly(Status.MATCH, Status.MAJOR_DRIFT);
        assertThat(report.warnings()).containsExactly(
                "operator ghost is not known to us: counted as no activity (ours = 0)");
    }

    @Test
    void manual_adjustments_are_part_of_ours_and_listed_and_pending_jobs_are_shown() throws IOException {
        var adj = new ManualAdjustment("adj-1", "op-1", DAY, "LKR", Kind.WIN, 30_000, "paid by hand, ticket 42",
                "cli:asha", Instant.parse("2025-02-01T08:00:00Z"));
        var ours = new DailyTotals(true, 100_000, 70_000, 0, List.of(adj),
                PendingWork.NONE, new PendingWork(2, 40_000), PendingWork.NONE);
        var report = run("op-1,2025-01-31,LKR,100000,100000,0\n", (op, d, c) -> ours);
        assertThat(report.status()).isEqualTo(Status.MATCH);
        assertThat(report.adjustments()).containsExactly(adj);
        assertThat(report.rows().get(0).kinds().get(1).pending()).isEqualTo(new PendingWork(2, 40_000));
        String text = ReportRenderer.render(report, ReportRenderer.Format.TEXT, false);
        assertThat(text).contains("adj-1").contains("paid by hand, ticket 42").contains("2 / 0.40000");
    }

    @Test
    void a_malformed_line_makes_the_whole_report_unreadable_with_exit_3() throws IOException {
        var report = run("op-1,2025-01-31,LKR,100,0,0\nop-1,2025-01-31,LKR,abc,0,0\n", (op, d, c) -> DailyTotals.of(100, 0, 0));
        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.rows()).isEmpty();
        assertThat(report.lineErrors()).extracting(LineError::lineNumber).containsExactly(3L);
        assertThat(ReportRenderer.render(report, ReportRenderer.Format.TEXT, false))
                .contains("UNREADABLE_INPUT").contains("line 3: betsAmountMicro 'abc'");
    }

    @Test
    void a_missing_header_is_unreadable_input_not_an_exception() throws IOException {
        var report = Reconciliation.summary(new StringReader("op-1,2025-01-31,LKR,100,0,0\n"),
                (op, d, c) -> DailyTotals.of(100, 0, 0), ReconcileLimits.DEFAULTS);
        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.lineErrors().get(0).lineNumber()).isEqualTo(1);
    }
}
