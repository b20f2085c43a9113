package dev.yantra.portal.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Amounts on the portal's pages and CSV: 100,000 micro is one currency unit. */
class FormatTest {
    @Test
    void micro_units_are_shown_as_currency_units_with_at_least_two_places() {
        Format f = new Format();
        assertThat(f.money(10_000_000L)).isEqualTo("100.00");
        assertThat(f.money(100_000L)).isEqualTo("1.00");
        assertThat(f.money(9_400L)).isEqualTo("0.094");
        assertThat(f.money(-1L)).isEqualTo("-0.00001");
        assertThat(f.money(null)).isEmpty();
        assertThat(f.heading("stake_micro")).isEqualTo("stake");
        assertThat(f.cell("amount_micro", 250_000L)).isEqualTo("2.50");
    }

    @Test
    void a_csv_text_field_cannot_become_a_spreadsheet_formula() {
        assertThat(ReportsPage.csvText("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(ReportsPage.csvText("demo-casino")).isEqualTo("\"demo-casino\"");
    }
}
