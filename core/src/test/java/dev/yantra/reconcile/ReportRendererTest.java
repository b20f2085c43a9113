package dev.yantra.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportRendererTest {

    private static ReconciliationReport oneDifference(String playerRef) {
        var o = new OursTransaction(new UUID(0, 1), Kind.WIN, 123_456, "LKR", Instant.parse("2025-01-31T10:00:00Z"),
                "bet-1", "round-1", playerRef);
        return new TransactionReconciler(Explainer.NONE, ReconcileLimits.DEFAULTS)
                .reconcile(List.<TransactionRow>of().iterator(), List.of(o).iterator());
    }

    @Test
    void json_escapes_quotes_backslashes_and_control_characters_and_writes_amounts_as_strings() {
        String json = ReportRenderer.render(oneDifference("a\"b\\c\n\u0001\u2028"), ReportRenderer.Format.JSON, false);
        assertThat(json).contains("\"playerRef\":\"a\\\"b\\\\c\\n\\u0001\\u2028\"");
        assertThat(json).contains("\"amountMicro\":\"123456\"");
        assertThat(json).startsWith("{\"outcome\":\"MAJOR_DRIFT\",\"exitCode\":2,\"format\":\"TRANSACTIONS\"");
        assertThat(json).contains("\"byType\":{\"OURS_ONLY\":1,");
    }

    @Test
    void csv_quotes_fields_that_need_it() {
        String csv = ReportRenderer.render(oneDifference("x,\"y\""), ReportRenderer.Format.CSV, false);
        assertThat(csv).startsWith("# outcome=MAJOR_DRIFT exitCode=2 differences=1\r\n");
        assertThat(csv).contains(",\"x,\"\"y\"\"\",unexplained\r\n");
    }

    @Test
    void verbose_text_adds_each_difference_with_bet_round_and_player() {
        String text = ReportRenderer.render(oneDifference("player-9"), ReportRenderer.Format.TEXT, true);
        assertThat(text).contains("bet-1").contains("round-1").contains("player-9").contains("1.23456");
        String plain = ReportRenderer.render(oneDifference("player-9"), ReportRenderer.Format.TEXT, false);
        assertThat(plain).contains(new UUID(0, 1).toString()).doesNotContain("player-9");
    }

    @Test
    void units_are_exact_with_five_decimals() {
        assertThat(ReportRenderer.units(1)).isEqualTo("0.00001");
        assertThat(ReportRenderer.units(-123_456_789)).isEqualTo("-1,234.56789");
    }

    @Test
    void the_summary_writer_refuses_a_negative_amount() throws IOException {
        var w = SettlementCsvWriter.summary(new StringWriter());
        var row = new SummaryRow("op", java.time.LocalDate.of(2025, 1, 1), "LKR", -1, 0, 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.write(row))
                .hasMessage("settlement amounts must be >= 0, was -1");
    }
}
