package dev.yantra.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TableTest {

    static String printed(Table t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void each_column_is_as_wide_as_its_widest_cell_so_a_long_name_moves_the_next_column_instead_of_running_into_it() {
        Table t = Table.of("ID", "NAME", "STATUS").row("a1", "a rather long operator name", "active").row("b22", "x", "pending");
        assertThat(printed(t)).isEqualTo("""
                ID   NAME                         STATUS
                a1   a rather long operator name  active
                b22  x                            pending
                """);
    }

    @Test
    void a_right_aligned_column_lines_up_its_digits_and_a_null_cell_prints_as_a_dash() {
        Table t = Table.of("TABLE", "ROWS", "NOTE").rightAligned("ROWS").row("bets", 7, null).row("rounds", 1200, "kept");
        assertThat(printed(t)).isEqualTo("""
                TABLE   ROWS  NOTE
                bets       7  -
                rounds  1200  kept
                """);
    }

    @Test
    void an_empty_table_prints_its_header_and_no_line_ends_in_spaces() {
        assertThat(printed(Table.of("ID", "STATE"))).isEqualTo("ID  STATE\n");
        assertThat(printed(Table.of("A", "B").row("x", ""))).isEqualTo("A  B\nx\n");
    }

    @Test
    void a_row_with_the_wrong_number_of_cells_or_an_unknown_column_is_refused_with_the_columns_named() {
        assertThatThrownBy(() -> Table.of("ID", "NAME").row("only one"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells").hasMessageContaining("[ID, NAME]");
        assertThatThrownBy(() -> Table.of("ID").rightAligned("ROWS"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column ROWS");
    }
}
