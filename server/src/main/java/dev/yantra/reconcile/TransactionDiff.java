package dev.yantra.reconcile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The transaction-level diff over the database, in one transaction on one connection that is always rolled
 * back: their file is streamed into a temporary table (COPY), then their rows and ours are read as two
 * cursors in {@code transaction_uuid} order (Postgres uuid order is {@link TransactionOrder}) into the core
 * {@link TransactionReconciler}. Nothing is kept in memory but one fetch of each side; nothing outlives the
 * transaction, so a malformed file leaves no trace.
 */
final class TransactionDiff {
    static final int FETCH_SIZE = 5_000;
    private static final int COPY_BUFFER_BYTES = 256 * 1024;

    /** Ours: one row per transaction with a succeeded call in the range, its first success, counted on one day only. */
    static final String OURS_SQL = """
            SELECT DISTINCT ON (w.transaction_uuid)
                   w.transaction_uuid, w.endpoint, w.amount_micro, w.currency, w.created_at,
                   w.bet_id, w.round_id, w.player_ref
            FROM wallet_calls w
            WHERE w.operator_id = ? AND w.succeeded AND w.endpoint <> 'BALANCE'
              AND w.transaction_uuid IS NOT NULL
              AND w.created_at >= (CAST(? AS date)::timestamp AT TIME ZONE 'UTC')
              AND w.created_at < ((CAST(? AS date) + 1)::timestamp AT TIME ZONE 'UTC')
              AND NOT EXISTS (SELECT 1 FROM wallet_calls e
                              WHERE e.operator_id = w.operator_id AND e.transaction_uuid = w.transaction_uuid
                                AND e.succeeded AND e.created_at < (CAST(? AS date)::timestamp AT TIME ZONE 'UTC'))
            ORDER BY w.transaction_uuid, w.created_at""";

    private static final String EXPLAIN_SQL = """
            SELECT (SELECT j.id FROM pending_wallet_jobs j
                    WHERE j.transaction_uuid = ? AND j.completed_at IS NULL) AS open_job,
                   EXISTS (SELECT 1 FROM wallet_calls f WHERE f.transaction_uuid = ? AND NOT f.succeeded) AS failed,
                   EXISTS (SELECT 1 FROM wallet_calls s WHERE s.transaction_uuid = ? AND s.succeeded) AS succeeded""";

    private final ReconcileLimits limits;

    TransactionDiff(ReconcileLimits limits) {
        this.limits = limits;
    }

    /** Result of the diff plus the UTC days their file covers (null when it had no rows). */
    record Outcome(ReconciliationReport report, LocalDate firstDay, LocalDate lastDay) {
    }

    /**
     * @param operator our operator id, or null when we do not know it (ours is then empty)
     */
    Outcome run(Connection c, SettlementCsvReader file, UUID operator, LongConsumer progress)
            throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL work_mem = '128MB'");   // both sorts in memory for a large day; bounded, local
            s.execute("""
                    CREATE TEMP TABLE reconcile_theirs (
                      transaction_uuid uuid NOT NULL, kind text NOT NULL, amount_micro bigint NOT NULL,
                      currency text NOT NULL, created_at timestamptz NOT NULL
                    ) ON COMMIT DROP""");
            Instant[] range = load(c, file, progress);
            if (file.hasErrors()) {
                return new Outcome(ReconciliationReport.unreadable(SettlementFormat.TRANSACTIONS, file.errors(),
                        file.errorCount()), null, null);
            }
            LocalDate first = range[0] == null ? null : LocalDate.ofInstant(range[0], ZoneOffset.UTC);
            LocalDate last = range[1] == null ? null : LocalDate.ofInstant(range[1], ZoneOffset.UTC);
            return new Outcome(diff(c, operator, first, last), first, last);
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    /** COPYs every good row of the file; returns the earliest and latest createdAt (null, null when none). */
    private Instant[] load(Connection c, SettlementCsvReader file, LongConsumer progress) throws SQLException {
        Instant min = null;
        Instant max = null;
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY reconcile_theirs FROM STDIN");
        try {
            StringBuilder buf = new StringBuilder(COPY_BUFFER_BYTES + 1024);
            Iterator<TransactionRow> rows = file.transactionRows();
            long n = 0;
            while (rows.hasNext()) {
                TransactionRow r = rows.next();
                min = min == null || r.createdAt().isBefore(min) ? r.createdAt() : min;
                max = max == null || r.createdAt().isAfter(max) ? r.createdAt() : max;
                buf.append(r.transactionUuid()).append('\t').append(r.kind().name()).append('\t')
                        .append(r.amountMicro()).append('\t');
                escape(r.currency(), buf);
                buf.append('\t').append(r.createdAt()).append('\n');
                if (buf.length() >= COPY_BUFFER_BYTES) {
                    write(copy, buf);
                }
                if (++n % 100_000 == 0) {
                    progress.accept(n);
                }
            }
            write(copy, buf);
            copy.endCopy();
            progress.accept(n);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return new Instant[] {min, max};
    }

    private static void write(CopyIn copy, StringBuilder buf) throws SQLException {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

    /** COPY text format: backslash, tab and line breaks must be escaped. */
    private static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    private ReconciliationReport diff(Connection c, UUID operator, LocalDate first, LocalDate last) throws SQLException {
        try (PreparedStatement theirs = c.prepareStatement("""
                     SELECT transaction_uuid, kind, amount_micro, currency, created_at
                     FROM reconcile_theirs ORDER BY transaction_uuid""");
             PreparedStatement ours = c.prepareStatement(OURS_SQL);
             PreparedStatement explain = c.prepareStatement(EXPLAIN_SQL)) {
            theirs.setFetchSize(FETCH_SIZE);
            ours.setFetchSize(FETCH_SIZE);
            Iterator<OursTransaction> oursRows;
            ResultSet oursRs = null;
            if (operator == null || first == null) {
                oursRows = java.util.Collections.emptyIterator();
            } else {
                ours.setObject(1, operator);
                ours.setObject(2, first);
                ours.setObject(3, last);
                ours.setObject(4, first);
                oursRs = ours.executeQuery();
                oursRows = new Rows<>(oursRs, TransactionDiff::oursRow);
            }
            try (ResultSet theirsRs = theirs.executeQuery()) {
                return new TransactionReconciler(new DatabaseExplainer(explain), limits)
                        .reconcile(new Rows<>(theirsRs, TransactionDiff::theirsRow), oursRows);
            } finally {
                if (oursRs != null) oursRs.close();
            }
        } catch (UncheckedSql e) {
            throw e.getCause();
        }
    }

    static OursTransaction oursRow(ResultSet rs) throws SQLException {
        long amount = rs.getLong("amount_micro");
        if (rs.wasNull() || rs.getString("currency") == null) {
            // The money path always writes both for BET/WIN/ROLLBACK; a row without is a bug there.
            throw new IllegalStateException("wallet call for transaction " + rs.getString("transaction_uuid")
                    + " has no amount_micro or currency");
        }
        return new OursTransaction(rs.getObject("transaction_uuid", UUID.class), Kind.valueOf(rs.getString("endpoint")),
                amount, rs.getString("currency"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getString("bet_id"), rs.getString("round_id"), rs.getString("player_ref"));
    }

    private static TransactionRow theirsRow(ResultSet rs) throws SQLException {
        return new TransactionRow(rs.getObject("transaction_uuid", UUID.class), Kind.valueOf(rs.getString("kind")),
                rs.getLong("amount_micro"), rs.getString("currency"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    /**
     * Why a transaction is one-sided, one indexed lookup per difference (differences are few; their count is
     * bounded by the files, and the lookup is one round trip): an open job, else a failed call that no job
     * retries and no success followed.
     */
    private static final class DatabaseExplainer implements Explainer {
        private final PreparedStatement explain;

        DatabaseExplainer(PreparedStatement explain) {
            this.explain = explain;
        }

        @Override
        public Explanation theirsOnly(TransactionRow theirs) {
            return lookup(theirs.transactionUuid(), true);
        }

        @Override
        public Explanation oursOnly(OursTransaction ours) {
            return lookup(ours.transactionUuid(), false);
        }

        private Explanation lookup(UUID uuid, boolean mayBeDropped) {
            try {
                explain.setObject(1, uuid);
                explain.setObject(2, uuid);
                explain.setObject(3, uuid);
                try (ResultSet rs = explain.executeQuery()) {
                    rs.next();
                    String job = rs.getString("open_job");
                    if (job != null) {
                        return Explanation.openJob(job);
                    }
                    if (mayBeDropped && rs.getBoolean("failed") && !rs.getBoolean("succeeded")) {
                        return Explanation.droppedCall();
                    }
                    return Explanation.none();
                }
            } catch (SQLException e) {
                throw new UncheckedSql(e);
            }
        }
    }

    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** A forward-only cursor as an Iterator; SQL errors travel as {@link UncheckedSql}. */
    static final class Rows<T> implements Iterator<T> {
        private final ResultSet rs;
        private final RowReader<T> reader;
        private Boolean ready;

        Rows(ResultSet rs, RowReader<T> reader) {
            this.rs = rs;
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            if (ready == null) {
                try {
                    ready = rs.next();
                } catch (SQLException e) {
                    throw new UncheckedSql(e);
                }
            }
            return ready;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ready = null;
            try {
                return reader.read(rs);
            } catch (SQLException e) {
                throw new UncheckedSql(e);
            }
        }
    }

    static final class UncheckedSql extends RuntimeException {
        UncheckedSql(SQLException e) {
            super(e.getMessage(), e);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
