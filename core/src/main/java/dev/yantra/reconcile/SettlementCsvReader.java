package dev.yantra.reconcile;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Streams a settlement file (of an operator settlement file) one line at a time. The header, the first line that is
 * neither blank nor a {@code #} comment, selects the format; {@link #open} fails with
 * {@link SettlementFileException} when it names neither. Rows are then handed out by
 * {@link #summaryRows()} or {@link #transactionRows()}; a malformed row is skipped and recorded as a
 * {@link LineError}, so one pass reports every bad line (the first {@code maxErrorsListed} listed, all
 * counted). A caller must check {@link #hasErrors()} after the last row before trusting a result.
 * <p>
 * Accepts a UTF-8 BOM, LF or CRLF, blank lines, comments, and RFC-4180 quoting within a line.
 */
public final class SettlementCsvReader implements Closeable {
    private final Reader source;
    private final BoundedLineReader lines;
    private final ReconcileLimits limits;
    private final List<LineError> errors = new ArrayList<>();
    private final SettlementFormat format;
    private long errorCount;
    private long rowCount;
    private boolean iteratorHandedOut;

    private SettlementCsvReader(Reader source, ReconcileLimits limits) throws IOException {
        this.source = source;
        this.limits = limits;
        this.lines = new BoundedLineReader(source, limits.maxLineChars());
        this.format = readHeader();
    }

    public static SettlementCsvReader open(Reader in) throws IOException {
        return open(in, ReconcileLimits.DEFAULTS);
    }

    /** Reads up to and including the header. */
    public static SettlementCsvReader open(Reader in, ReconcileLimits limits) throws IOException {
        return new SettlementCsvReader(in, limits);
    }

    /** Decodes strictly as UTF-8: bytes that are not UTF-8 text end the file with a line error. */
    public static SettlementCsvReader open(InputStream in, ReconcileLimits limits) throws IOException {
        return open(new StrictUtf8Reader(in), limits);
    }

    /** Reads the whole file once, keeping nothing but counts and the listed errors. */
    public static Validation validate(Reader in, ReconcileLimits limits) throws IOException {
        try (SettlementCsvReader r = open(in, limits)) {
            Iterator<?> rows = r.format == SettlementFormat.SUMMARY ? r.summaryRows() : r.transactionRows();
            while (rows.hasNext()) {
                rows.next();
            }
            return new Validation(r.format, r.rowCount, List.copyOf(r.errors), r.errorCount);
        } catch (SettlementFileException e) {
            return new Validation(null, 0, e.errors(), e.errors().size());
        }
    }

    /** Outcome of {@link #validate}: {@code format} is null when the header was unusable. */
    public record Validation(SettlementFormat format, long rowCount, List<LineError> errors, long errorCount) {
        public boolean ok() {
            return errorCount == 0;
        }
    }

    public SettlementFormat format() {
        return format;
    }

    public Iterator<SummaryRow> summaryRows() {
        return rows(SettlementFormat.SUMMARY, this::parseSummary);
    }

    public Iterator<TransactionRow> transactionRows() {
        return rows(SettlementFormat.TRANSACTIONS, this::parseTransaction);
    }

    /** The first {@code maxErrorsListed} line errors, in line order. */
    public List<LineError> errors() {
        return List.copyOf(errors);
    }

    public long errorCount() {
        return errorCount;
    }

    public boolean hasErrors() {
        return errorCount > 0;
    }

    /** Rows read and accepted so far. */
    public long rowCount() {
        return rowCount;
    }

    /** Physical lines read so far, header, comments and blank lines included (for progress display). */
    public long lineCount() {
        return lines.lineNumber();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    private SettlementFormat readHeader() throws IOException {
        String line;
        try {
            line = nextContentLine();
        } catch (CharacterCodingException e) {
            throw new SettlementFileException(List.of(new LineError(lines.lineNumber() + 1, "not UTF-8 text")));
        }
        if (line == null) {
            throw new SettlementFileException(List.of(new LineError(Math.max(1, lines.lineNumber()),
                    "no header: the file is empty")));
        }
        SettlementFormat found = null;
        if (!lines.lastLineTooLong()) {
            try {
                found = SettlementFormat.ofHeader(CsvFields.split(line));
            } catch (CsvFields.SyntaxException ignored) {
                // reported as unknown header below
            }
        }
        if (found == null) {
            throw new SettlementFileException(List.of(new LineError(lines.lineNumber(), "unknown header "
                    + FieldParser.show(line) + ": expected '" + SettlementFormat.SUMMARY.headerLine()
                    + "' (daily summary) or '" + SettlementFormat.TRANSACTIONS.headerLine() + "' (transactions)")));
        }
        return found;
    }

    /** Next line that is not blank and not a comment, or null at end of input. */
    private String nextContentLine() throws IOException {
        String line;
        do {
            line = lines.readLine();
        } while (line != null && !lines.lastLineTooLong() && (line.isBlank() || line.stripLeading().startsWith("#")));
        return line;
    }

    private <T> Iterator<T> rows(SettlementFormat expected, Function<List<String>, T> parse) {
        if (format != expected) {
            throw new IllegalStateException("this file is in " + format + " format, not " + expected);
        }
        if (iteratorHandedOut) {
            throw new IllegalStateException("rows can be read once");
        }
        iteratorHandedOut = true;
        return new RowIterator<>(parse);
    }

    private final class RowIterator<T> implements Iterator<T> {
        private final Function<List<String>, T> parse;
        private T next;
        private boolean done;

        RowIterator(Function<List<String>, T> parse) {
            this.parse = parse;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                advance();
            }
            return next != null;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T row = next;
            next = null;
            return row;
        }

        private void advance() {
            String line;
            try {
                line = nextContentLine();
            } catch (CharacterCodingException e) {
                error(lines.lineNumber() + 1, "not UTF-8 text; reading stopped here");
                done = true;
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (line == null) {
                done = true;
                return;
            }
            if (lines.lastLineTooLong()) {
                error(lines.lineNumber(), "line longer than " + limits.maxLineChars() + " characters");
                return;
            }
            List<String> fields;
            try {
                fields = CsvFields.split(line);
            } catch (CsvFields.SyntaxException e) {
                error(lines.lineNumber(), e.getMessage());
                return;
            }
            if (fields.size() != format.columns().size()) {
                error(lines.lineNumber(), "expected " + format.columns().size() + " fields ("
                        + format.headerLine() + "), found " + fields.size());
                return;
            }
            next = parse.apply(fields);
            if (next != null) {
                rowCount++;
            }
        }
    }

    private SummaryRow parseSummary(List<String> f) {
        FieldParser p = new FieldParser();
        String operatorId = p.operatorId("operatorId", f.get(0));
        var date = p.date("date", f.get(1));
        String currency = p.currency("currency", f.get(2));
        long bets = p.amountMicro("betsAmountMicro", f.get(3));
        long wins = p.amountMicro("winsAmountMicro", f.get(4));
        long rollbacks = p.amountMicro("rollbacksAmountMicro", f.get(5));
        if (!p.ok()) {
            error(lines.lineNumber(), p.problems());
            return null;
        }
        return new SummaryRow(operatorId, date, currency, bets, wins, rollbacks);
    }

    private TransactionRow parseTransaction(List<String> f) {
        FieldParser p = new FieldParser();
        var uuid = p.uuid("transactionUuid", f.get(0));
        Kind kind = p.kind("kind", f.get(1));
        long amount = p.amountMicro("amountMicro", f.get(2));
        String currency = p.currency("currency", f.get(3));
        var createdAt = p.instant("createdAt", f.get(4));
        if (!p.ok()) {
            error(lines.lineNumber(), p.problems());
            return null;
        }
        return new TransactionRow(uuid, kind, amount, currency, createdAt);
    }

    private void error(long lineNumber, String message) {
        errorCount++;
        if (errors.size() < limits.maxErrorsListed()) {
            errors.add(new LineError(lineNumber, message));
        }
    }
}
