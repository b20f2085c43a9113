package dev.yantra.reconcile;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.Objects;

/**
 * Writes our side in the settlement formats {@link SettlementCsvReader} reads (header first, one row per
 * call, nothing kept), so {@code export} then {@code reconcile} round-trips. Give it a buffered Writer.
 * For the transaction level, write rows in {@link TransactionOrder} so the file can be diffed as is.
 */
public final class SettlementCsvWriter implements Closeable, Flushable {
    private final Writer out;
    private final SettlementFormat format;
    private long rowCount;

    private SettlementCsvWriter(Writer out, SettlementFormat format) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.format = format;
        out.write(format.headerLine());
        out.write(CsvText.LINE_END);
    }

    public static SettlementCsvWriter summary(Writer out) throws IOException {
        return new SettlementCsvWriter(out, SettlementFormat.SUMMARY);
    }

    public static SettlementCsvWriter transactions(Writer out) throws IOException {
        return new SettlementCsvWriter(out, SettlementFormat.TRANSACTIONS);
    }

    public SettlementFormat format() {
        return format;
    }

    public long rowCount() {
        return rowCount;
    }

    public void write(SummaryRow row) throws IOException {
        requireFormat(SettlementFormat.SUMMARY);
        String line = CsvText.field(row.operatorId()) + ',' + row.date() + ',' + CsvText.field(row.currency()) + ','
                + amount(row.betsAmountMicro()) + ',' + amount(row.winsAmountMicro()) + ','
                + amount(row.rollbacksAmountMicro());
        writeLine(line);
    }

    public void write(TransactionRow row) throws IOException {
        requireFormat(SettlementFormat.TRANSACTIONS);
        String line = row.transactionUuid().toString() + ',' + row.kind() + ',' + amount(row.amountMicro()) + ','
                + CsvText.field(row.currency()) + ',' + row.createdAt();
        writeLine(line);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void writeLine(String line) throws IOException {
        out.write(line);
        out.write(CsvText.LINE_END);
        rowCount++;
    }

    /** Settlement files hold no negative amounts; ours going negative (adjustments) is refused, not written. */
    private static String amount(long amountMicro) {
        if (amountMicro < 0) {
            throw new IllegalArgumentException("settlement amounts must be >= 0, was " + amountMicro);
        }
        return Long.toString(amountMicro);
    }

    private void requireFormat(SettlementFormat expected) {
        if (format != expected) {
            throw new IllegalStateException("this writer writes " + format + " rows, not " + expected);
        }
    }
}
