package dev.yantra.counterparty;

import dev.yantra.db.GroupCommit;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one writer of a call table (wallet_calls, banca_calls): one row per call and per retry, never updated.
 *
 * <p>Group commit: {@link #record} returns only once its row is written, but rows recorded by concurrent
 * callers while a write is under way go out together in the next multi-row INSERT (the caller that finds no
 * write under way becomes the writer for everything queued). One caller alone pays one statement; 64
 * concurrent callers pay a handful. Two constant texts, so the driver's statement cache hits: a row alone as
 * scalars, a batch as an INSERT from unnest of one array per column. The row count of every INSERT is checked; a
 * failed batch is retried row by row, so one bad row cannot lose the others' journal.
 *
 * @param <R> what a feature journals; {@link Columns#values} turns it into the table's column values
 */
public final class CallJournal<R> {
    private static final Logger log = LoggerFactory.getLogger(CallJournal.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    public static final int MAX_BODY_CHARS = 16_000;
    static final int MAX_BATCH = 200;

    /**
     * A call table's columns, their SQL types (which array each column is sent as: OTHER is uuid, VARCHAR text,
     * INTEGER, BIGINT, BOOLEAN) and how a record becomes one row of values in that order.
     */
    public record Columns<R>(String table, List<String> names, int[] sqlTypes, Function<R, List<Object>> values) {
        public Columns {
            if (!IDENTIFIER.matcher(table).matches()) throw new IllegalArgumentException("bad table name " + table);
            for (int t : sqlTypes) javaType(t);   // an unsupported type fails here, at start-up, not at the first call
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
    private final String insert;
    /** One row alone (most writes: a caller inside its transaction, or a row written by the caller's statement). */
    private final String insertOne;
    private final GroupCommit<Pending> writes = new GroupCommit<>(MAX_BATCH, this::write);

    public CallJournal(JdbcClient jdbc, Columns<R> columns) {
        this.jdbc = jdbc;
        this.columns = columns;
        this.insert = insertSql(columns);
        this.insertOne = insertOneSql(columns);
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

    /**
     * One row as an INSERT statement with positional parameters (the same text for every row of this table), for a
     * caller that writes it inside a statement of its own: {@code WITH journal AS (<sql>) UPDATE ...}, so the row and
     * the caller's own write commit together in one round trip.
     */
    public record Insert(String sql, List<Object> params) {
    }

    public Insert insertOf(R row) {
        return new Insert(insertOne, scalars(new Pending(typed(columns.values().apply(row)))));
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

    /**
     * One statement text whatever the size of a batch (of two or more): every column goes as one array and
     * {@code unnest} zips them into rows. A text per batch size (VALUES (...), (...)) would be a new statement to
     * the driver for each size, so its prepared-statement cache would rarely hit; one text is parsed and planned
     * once per connection.
     */
    static String insertSql(Columns<?> columns) {
        List<String> arrays = new ArrayList<>();
        for (int type : columns.sqlTypes()) arrays.add("?::" + arrayType(type));
        return "INSERT INTO " + columns.table() + " (" + String.join(", ", columns.names()) + ") SELECT * FROM unnest("
                + String.join(", ", arrays) + ")";
    }

    /**
     * One row as scalars, also one constant text: arrays cost a row alone more than they save (the driver spells a
     * text array out as an escaped literal, bodies included: in bench bets 7 % of the node's allocation).
     */
    static String insertOneSql(Columns<?> columns) {
        List<String> values = new ArrayList<>();
        for (int type : columns.sqlTypes()) values.add("?::" + scalarType(type));
        return "INSERT INTO " + columns.table() + " (" + String.join(", ", columns.names()) + ") VALUES ("
                + String.join(", ", values) + ")";
    }

    /** Each value with its SQL type, so a null needs no parameter-type lookup by the driver. */
    private List<Object> scalars(Pending row) {
        List<Object> out = new ArrayList<>(columns.names().size());
        for (int c = 0; c < columns.names().size(); c++) {
            out.add(new org.springframework.jdbc.core.SqlParameterValue(columns.sqlTypes()[c], row.values.get(c)));
        }
        return out;
    }

    private static String arrayType(int sqlType) {
        return scalarType(sqlType) + "[]";
    }

    private static String scalarType(int sqlType) {
        return switch (sqlType) {
            case Types.OTHER -> "uuid";   // the call tables' OTHER columns are all ids
            case Types.VARCHAR -> "text";
            case Types.INTEGER -> "int4";
            case Types.BIGINT -> "int8";
            case Types.BOOLEAN -> "bool";
            default -> throw new IllegalArgumentException("no SQL type name for SQL type " + sqlType);
        };
    }

    private List<Object> arrays(List<Pending> batch) {
        int n = batch.size();
        List<Object> arrays = new ArrayList<>(columns.names().size());
        for (int c = 0; c < columns.names().size(); c++) {
            Object[] column = newArray(columns.sqlTypes()[c], n);
            for (int i = 0; i < n; i++) column[i] = batch.get(i).values.get(c);
            arrays.add(column);
        }
        return arrays;
    }

    private void insert(List<Pending> batch) {
        int n = batch.size();
        int rows = n == 1 ? jdbc.sql(insertOne).params(scalars(batch.getFirst())).update()
                : jdbc.sql(insert).params(arrays(batch)).update();
        if (rows != n) {
            throw new IllegalStateException(columns.table() + " insert of " + n + " rows wrote " + rows);
        }
    }

    /** The Java class of a column's values, and so of its array's elements. */
    private static Class<?> javaType(int sqlType) {
        return switch (sqlType) {
            case Types.OTHER -> UUID.class;
            case Types.VARCHAR -> String.class;
            case Types.INTEGER -> Integer.class;
            case Types.BIGINT -> Long.class;
            case Types.BOOLEAN -> Boolean.class;
            default -> throw new IllegalArgumentException("no array type for SQL type " + sqlType);
        };
    }

    private static Object[] newArray(int sqlType, int n) {
        return (Object[]) java.lang.reflect.Array.newInstance(javaType(sqlType), n);
    }

    private List<Object> typed(List<Object> raw) {
        if (raw.size() != columns.names().size()) {
            throw new IllegalArgumentException(columns.table() + " row has " + raw.size() + " values for "
                    + columns.names().size() + " columns");
        }
        List<Object> v = new ArrayList<>(raw);
        for (int i = 0; i < v.size(); i++) {
            Object x = v.get(i);
            if (x != null && !javaType(columns.sqlTypes()[i]).isInstance(x)) {
                throw new IllegalArgumentException(columns.table() + "." + columns.names().get(i) + " is "
                        + x.getClass().getSimpleName() + ", not of SQL type " + columns.sqlTypes()[i]);
            }
        }
        return v;
    }
}
