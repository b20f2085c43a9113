package dev.yantra.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundTripTest {

    @Test
    void exported_transactions_read_back_and_reconcile_as_a_match() throws IOException {
        List<OursTransaction> ours = TransactionReconcilerTest.ours(200);
        StringWriter file = new StringWriter();
        try (SettlementCsvWriter w = SettlementCsvWriter.transactions(file)) {
            for (OursTransaction o : ours) {
                w.write(o.asRow());
            }
        }
        var report = Reconciliation.sortedTransactions(new StringReader(file.toString()), ours.iterator(),
                Explainer.NONE, ReconcileLimits.DEFAULTS);
        assertThat(report.status()).isEqualTo(Status.MATCH);
        assertThat(report.exitCode()).isZero();
        assertThat(report.transactions().matching()).isEqualTo(200);
    }

    @Test
    void an_exported_summary_reads_back_and_reconciles_as_a_match() throws IOException {
        LocalDate day = LocalDate.of(2025, 1, 31);
        DailyTotals a = DailyTotals.of(9_000_000, 8_500_000, 100_000);
        DailyTotals b = DailyTotals.of(0, 0, 0);
        StringWriter file = new StringWriter();
        try (SettlementCsvWriter w = SettlementCsvWriter.summary(file)) {
            w.write(a.asRow("op, with comma", day, "LKR"));
            w.write(b.asRow("op-2", day, "USD"));
        }
        OursSource source = (op, d, c) -> op.equals("op-2") ? b : a;
        var report = Reconciliation.summary(new StringReader(file.toString()), source, ReconcileLimits.DEFAULTS);
        assertThat(report.status()).isEqualTo(Status.MATCH);
        assertThat(report.rowCount()).isEqualTo(2);
        assertThat(report.rows().get(0).operatorId()).isEqualTo("op, with comma");
    }
}
