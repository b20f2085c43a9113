package dev.yantra.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SettlementCsvReaderTest {

    private static <T> List<T> all(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void a_summary_file_with_bom_crlf_quotes_comments_and_blank_lines_parses() throws IOException {
        String file = "\uFEFF# exported by the operator\r\n"
                + "\r\n"
                + " operatorId , date,currency ,betsAmountMicro,winsAmountMicro,rollbacksAmountMicro \r\n"
                + "\"op, \"\"north\"\"\",2025-01-31,LKR,\"1000000\",500000,0\r\n"
                + "   \r\n"
                + "# a comment between rows\r\n"
                + "op-2,2025-01-31,LKR,7,8,9";
        try (SettlementCsvReader r = SettlementCsvReader.open(new StringReader(file))) {
            assertThat(r.format()).isEqualTo(SettlementFormat.SUMMARY);
            List<SummaryRow> rows = all(r.summaryRows());
            assertThat(r.errors()).isEmpty();
            assertThat(rows).containsExactly(
                    new SummaryRow("op, \"north\"", LocalDate.of(2025, 1, 31), "LKR", 1_000_000, 500_000, 0),
                    new SummaryRow("op-2", LocalDate.of(2025, 1, 31), "LKR", 7, 8, 9));
        }
    }

    @Test
    void a_transaction_file_with_lf_endings_parses_and_is_told_apart_by_its_header() throws IOException {
        String file = "transactionUuid,kind,amountMicro,currency,createdAt\n"
                + "0b6e4c9a-1d2f-4c3b-9a8e-7f6d5c4b3a21,BET,250000,LKR,2025-01-31T10:15:30.123456Z\n"
                + "\n"
                + "0B6E4C9A-1D2F-4C3B-9A8E-7F6D5C4B3A22,WIN,480000,LKR,2025-01-31T10:15:49+05:30\n";
        try (SettlementCsvReader r = SettlementCsvReader.open(new StringReader(file))) {
            assertThat(r.format()).isEqualTo(SettlementFormat.TRANSACTIONS);
            List<TransactionRow> rows = all(r.transactionRows());
            assertThat(r.hasErrors()).isFalse();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).isEqualTo(new TransactionRow(UUID.fromString("0b6e4c9a-1d2f-4c3b-9a8e-7f6d5c4b3a21"),
                    Kind.BET, 250_000, "LKR", Instant.parse("2025-01-31T10:15:30.123456Z")));
            assertThat(rows.get(1).createdAt()).isEqualTo(Instant.parse("2025-01-31T04:45:49Z"));
        }
    }

    @Test
    void a_file_without_a_header_is_unreadable_at_line_1() {
        String file = "op-1,2025-01-31,LKR,1,2,3\n";
        assertThatThrownBy(() -> SettlementCsvReader.open(new StringReader(file)))
                .isInstanceOfSatisfying(SettlementFileException.class, e -> {
                    assertThat(e.errors()).hasSize(1);
                    assertThat(e.errors().get(0).lineNumber()).isEqualTo(1);
                    assertThat(e.errors().get(0).message()).startsWith("unknown header");
                });
    }

    @Test
    void an_empty_file_is_unreadable() throws IOException {
        var v = SettlementCsvReader.validate(new StringReader("\uFEFF\n# only a comment\n"), ReconcileLimits.DEFAULTS);
        assertThat(v.ok()).isFalse();
        assertThat(v.format()).isNull();
        assertThat(v.errors().get(0).message()).contains("empty");
    }

    @Test
    void malformed_rows_are_reported_with_their_line_numbers_and_the_rest_still_reads() throws IOException {
        String file = "operatorId,date,currency,betsAmountMicro,winsAmountMicro,rollbacksAmountMicro\n"
                + "op-1,2025-01-31,LKR,12abc,0,0\n"             // 2: text in an amount
                + "op-1,2025-02-30,LKR,1,2,3\n"                 // 3: no such date
                + "op-1,2025-01-31,LKR,1,2\n"                   // 4: too few fields
                + "op-1,2025-01-31,LKR,-5,0,0\n"                // 5: negative
                + "op-1,2025-01-31,LKR,1.5,0,99999999999999999999\n" // 6: two problems
                + "\"op-1,2025-01-31,LKR,1,2,3\n"               // 7: unterminated quote
                + "op-1,2025-01-31,LKR,1,2,3\n";                // 8: fine
        try (SettlementCsvReader r = SettlementCsvReader.open(new StringReader(file))) {
            List<SummaryRow> rows = all(r.summaryRows());
            assertThat(rows).hasSize(1);
            assertThat(r.errors()).extracting(LineError::lineNumber).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(r.errors().get(0).message()).isEqualTo("betsAmountMicro '12abc' is not a whole number of micro-units");
            assertThat(r.errors().get(1).message()).contains("date '2025-02-30'");
            assertThat(r.errors().get(2).message()).contains("expected 6 fields").contains("found 5");
            assertThat(r.errors().get(3).message()).contains("negative");
            assertThat(r.errors().get(4).message()).contains("'1.5'").contains("out of range");
            assertThat(r.errors().get(5).message()).contains("unterminated quoted field");
        }
    }

    @Test
    void bad_uuid_kind_and_time_in_a_transaction_row_are_all_named() throws IOException {
        String file = "transactionUuid,kind,amountMicro,currency,createdAt\n"
                + "1-1-1-1-1,PAYOUT,5,LKR,2025-01-31T10:15:30\n";
        var v = SettlementCsvReader.validate(new StringReader(file), ReconcileLimits.DEFAULTS);
        assertThat(v.errorCount()).isEqualTo(1);
        assertThat(v.errors().get(0).lineNumber()).isEqualTo(2);
        assertThat(v.errors().get(0).message())
                .contains("transactionUuid '1-1-1-1-1' is not a uuid")
                .contains("kind 'PAYOUT' is not one of BET, WIN, ROLLBACK")
                .contains("createdAt '2025-01-31T10:15:30' is not an ISO-8601 time with zone");
    }

    @Test
    void a_huge_garbage_file_is_counted_with_line_numbers_in_bounded_memory() throws IOException {
        // 200,000 garbage lines plus one 10-million-character line: streamed, never held.
        long garbageLines = 200_000;
        int hugeLineChars = 10_000_000;
        Reader garbage = new GeneratedReader("transactionUuid,kind,amountMicro,currency,createdAt\n",
                garbageLines, "\u0000\u00ff garbage, \"x\n", hugeLineChars);
        var limits = ReconcileLimits.DEFAULTS;
        var v = SettlementCsvReader.validate(garbage, limits);
        assertThat(v.rowCount()).isZero();
        assertThat(v.errorCount()).isEqualTo(garbageLines + 1);
        assertThat(v.errors()).hasSize(limits.maxErrorsListed());
        assertThat(v.errors().get(0).lineNumber()).isEqualTo(2);
        assertThat(v.errors().get(99).lineNumber()).isEqualTo(101);
    }

    @Test
    void an_overlong_line_is_an_error_not_an_allocation() throws IOException {
        String longField = "9".repeat(70_000);
        String file = "transactionUuid,kind,amountMicro,currency,createdAt\n"
                + "0b6e4c9a-1d2f-4c3b-9a8e-7f6d5c4b3a21,BET," + longField + ",LKR,2025-01-31T10:15:30Z\n"
                + "0b6e4c9a-1d2f-4c3b-9a8e-7f6d5c4b3a22,BET,1,LKR,2025-01-31T10:15:30Z\n";
        var v = SettlementCsvReader.validate(new StringReader(file), ReconcileLimits.DEFAULTS);
        assertThat(v.rowCount()).isEqualTo(1);
        assertThat(v.errors()).containsExactly(new LineError(2, "line longer than 65536 characters"));
    }

    @Test
    void bytes_that_are_not_utf8_stop_reading_with_a_line_error() throws IOException {
        byte[] head = "operatorId,date,currency,betsAmountMicro,winsAmountMicro,rollbacksAmountMicro\nop-1,2025-01-31,LKR,1,2,3\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
        bytes[head.length] = (byte) 0xC3;
        bytes[head.length + 1] = (byte) 0x28;
        bytes[head.length + 2] = (byte) '\n';
        try (SettlementCsvReader r = SettlementCsvReader.open(new java.io.ByteArrayInputStream(bytes), ReconcileLimits.DEFAULTS)) {
            List<SummaryRow> rows = all(r.summaryRows());
            assertThat(rows).hasSize(1);
            assertThat(r.errors()).extracting(LineError::message).containsExactly("not UTF-8 text; reading stopped here");
        }
    }

    /** A Reader that produces a header, N copies of a line, then one line of M characters, without storing them. */
    static final class GeneratedReader extends Reader {
        private final String header;
        private final String line;
        private long linesLeft;
        private long hugeLeft;
        private String current;
        private int pos;

        GeneratedReader(String header, long lines, String line, long hugeChars) {
            this.header = header;
            this.line = line;
            this.linesLeft = lines;
            this.hugeLeft = hugeChars;
            this.current = header;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (current != null && pos >= current.length()) {
                current = linesLeft-- > 0 ? line : null;
                pos = 0;
            }
            if (current != null) {
                int n = Math.min(len, current.length() - pos);
                current.getChars(pos, pos + n, cbuf, off);
                pos += n;
                return n;
            }
            if (hugeLeft > 0) {
                int n = (int) Math.min(len, hugeLeft);
                java.util.Arrays.fill(cbuf, off, off + n, 'z');
                hugeLeft -= n;
                return n;
            }
            return -1;
        }

        @Override
        public void close() {
        }
    }
}
