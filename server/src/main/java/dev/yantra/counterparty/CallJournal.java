package dev.yantra.counterparty;

import dev.yantra.db.GroupCommit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one writer of a call table (wallet_calls, banca_calls): one row per call and per retry, never updated.
 *
 * <p>Group commit: {@link #record} returns only once its row is written, but rows recorded by concurrent
 * callers while a write is under way go out together in the next multi-row INSERT (the caller that finds no
 * write under way becomes the writer for everything queued). One caller alone pays one statement; 64
 * concurrent callers pay a handful. The row count of every INSERT is checked; a failed batch is retried row by
 * row, so one bad row cannot lose the others' journal.
 *
 * @param <R> what a feature journals; {@link Columns#values} turns it into the table's column values
 */
public final class CallJournal<R> {
    private static final Logger log = LoggerFactory.getLogger(CallJournal.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    public static final int MAX_BODY_CHARS = 16_000;
    static final int MAX_BATCH = 200;

    /**
     * A call table's columns, their SQL types (so a null binds without the driver asking the server for the
     * parameter type) and how a record becomes one row of values in that order.
     */
    public record Columns<R>(String table, List<String> names, int[] sqlTypes, Function<R, List<Object>> values) {
        public Columns {
            if (!IDENTIFIER.matcher(table).matches()) throw new IllegalArgumentException("bad table name " + table);
            for (String n : names) if (!IDENTIFIER.matcher(n).matches()) throw new IllegalArgumentException("bad column name " + n);
            if (names.size() != sqlTypes.length) {
                throw new IllegalArgumentException(names.size() + " columns but " + sqlTypes.length + " SQL types");
            }
        }
    }

    /** A row waiting to be written; the writer sets {@code failure} when this row could not be. */
    private static final class Pending {
        final List<Object> values;
        RuntimeException failure;

        Pending(List<Object> values) {
            this.values = values;
        }
    }

    private final JdbcClient jdbc;
    private final Columns<R> columns;
    private final String insertHead;
    private final String oneRow;
    private final GroupCommit<Pending> writes = new GroupCommit<>(MAX_BATCH, this::write);

    public CallJournal(JdbcClient jdbc, Columns<R> columns) {
        this.jdbc = jdbc;
        this.columns = columns;
        this.insertHead = "INSERT INTO " + columns.table() + " (" + String.join(", ", columns.names()) + ") VALUES ";
        this.oneRow = "(" + String.join(", ", java.util.Collections.nCopies(columns.names().size(), "?")) + ")";
    }

    public String table() {
        return columns.table();
    }

    /** Writes the row (with any that queued up meanwhile); throws when this row could not be written. */
    public void record(R row) {
        Pending me = new Pending(typed(columns.values().apply(row)));
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // a caller inside a transaction writes its own row on its own connection; it must neither wait on
            // another thread nor carry other callers' rows into a transaction that might roll back
            insert(List.of(me));
            return;
        }
        writes.submit(me);
        if (me.failure != null) throw me.failure;
    }

    /** Bodies are kept for people reading an incident, bounded so one huge answer cannot bloat the table. */
    public static String clip(String s) {
        return s == null || s.length() <= MAX_BODY_CHARS ? s : s.substring(0, MAX_BODY_CHARS) + "...[clipped]";
    }

    private void write(List<Pending> batch) {
        try {
            insert(batch);
            return;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.getFirst().failure = e;
                return;
            }
            log.warn("{} batch of {} failed ({}); writing row by row", columns.table(), batch.size(), e.getMessage());
        }
        for (Pending p : batch) {
            try {
                insert(List.of(p));
            } catch (RuntimeException e) {
                p.failure = e;
            }
        }
    }

    private void insert(List<Pending> batch) {
        StringBuilder sql = new StringBuilder(insertHead);
        List<Object> params = new ArrayList<>(batch.size() * columns.names().size());
        for (int i = 0; i < batch.size(); i++) {
            sql.append(i == 0 ? oneRow : ", " + oneRow);
            params.addAll(batch.get(i).values);
        }
        int rows = jdbc.sql(sql.toString()).params(params).update();
        if (rows != batch.size()) {
            throw new IllegalStateException(columns.table() + " insert of " + batch.size() + " rows wrote " + rows);
        }
    }

    private List<Object> typed(List<Object> raw) {
        if (raw.size() != columns.names().size()) {
            throw new IllegalArgumentException(columns.table() + " row has " + raw.size() + " values for "
                    + columns.names().size() + " columns");
        }
        List<Object> v = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Object x = raw.get(i);
            v.add(x == null ? new SqlParameterValue(columns.sqlTypes()[i], null) : x);
        }
        return v;
    }
}
