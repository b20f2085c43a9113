package dev.yantra.reconcile;

import dev.yantra.config.UnavailableException;
import dev.yantra.config.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where the CLI, the API and the scheduled run all enter reconciliation against the database: summary and
 * transaction-level comparisons, the export of our side, and manual correction entries. It writes nothing but
 * adjustments.
 */
public final class ReconcileService {
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ReconcileLimits limits;
    private final Adjustments adjustments;

    public ReconcileService(DataSource dataSource, Clock clock, ReconcileLimits limits) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.limits = limits;
        this.adjustments = new Adjustments(jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), clock);
    }

    /** Who may run it: the CLI compares any operator's rows, the API only the authenticated operator's. */
    public enum Scope { ANY_OPERATOR, ONLY_THIS_OPERATOR }

    /** An operator asked to reconcile rows of another operator (API: 403 operator_mismatch). */
    public static final class OperatorMismatchException extends RuntimeException {
        OperatorMismatchException(String message) {
            super(message);
        }
    }

    /**
     * Compares a settlement file, detecting its format from the header.
     *
     * @param operatorId for a summary file, only its rows are compared (others are skipped with a warning, or
     *                   refused in {@link Scope#ONLY_THIS_OPERATOR}); a transaction-level file names no operator,
     *                   so it is required there
     * @param progress   receives the count of rows read so far, now and then
     */
    public ReconciliationReport reconcile(InputStream file, String operatorId, Scope scope, LongConsumer progress)
            throws IOException {
        try (SettlementCsvReader reader = SettlementCsvReader.open(file, limits)) {
            return switch (reader.format()) {
                case SUMMARY -> summary(reader, operatorId, scope, progress);
                case TRANSACTIONS -> transactions(reader, operatorId, progress);
            };
        } catch (SettlementFileException e) {
            return ReconciliationReport.unreadable(e);
        }
    }

    /** A header with no rows says nothing about a day: it is never a MATCH (an empty export looked like one). */
    private static ReconciliationReport noDataRows(SettlementFormat format) {
        return ReconciliationReport.unreadable(format, List.of(new dev.yantra.reconcile.LineError(2,
                "the file has a header but no data rows: nothing to compare (export says which day had no activity)")), 1);
    }

    private ReconciliationReport summary(SettlementCsvReader reader, String operatorId, Scope scope,
                                         LongConsumer progress) {
        DatabaseOurs ours = new DatabaseOurs(jdbc, adjustments);
        OperatorFilter rows = new OperatorFilter(reader.summaryRows(), operatorId, scope, progress);
        ReconciliationReport report = unavailableOnConnectionLoss(() -> new SummaryReconciler(ours, limits).reconcile(rows));
        if (reader.hasErrors()) {
            return ReconciliationReport.unreadable(SettlementFormat.SUMMARY, reader.errors(), reader.errorCount());
        }
        if (reader.rowCount() == 0) return noDataRows(SettlementFormat.SUMMARY);
        if (rows.skipped > 0) {
            List<String> warnings = new ArrayList<>(report.warnings());
            warnings.add(rows.skipped + " rows of other operators skipped (--operator " + operatorId + ")");
            report = withExtras(report, warnings, report.warningCount() + 1, report.adjustments());
        }
        return report;
    }

    private ReconciliationReport transactions(SettlementCsvReader reader, String operatorId, LongConsumer progress)
            throws IOException {
        if (operatorId == null || operatorId.isBlank()) {
            throw new UsageException("a transaction-level file names no operator: give --operator ID");
        }
        UUID operator = new DatabaseOurs(jdbc, adjustments).knownOperator(operatorId);
        TransactionDiff.Outcome outcome;
        try (Connection c = dataSource.getConnection()) {
            outcome = new TransactionDiff(limits).run(c, reader, operator, progress);
        } catch (SQLException e) {
            throw sqlFailure(e);
        }
        ReconciliationReport report = outcome.report();
        if (report.unreadable()) {
            return report;
        }
        if (reader.rowCount() == 0) return noDataRows(SettlementFormat.TRANSACTIONS);
        List<String> warnings = new ArrayList<>(report.warnings());
        List<ManualAdjustment> listed = report.adjustments();
        if (operator == null) {
            warnings.add("operator " + operatorId + " is not known to us: counted as no activity (ours = 0)");
        } else if (outcome.firstDay() != null) {
            listed = adjustments.between(operator, outcome.firstDay(), outcome.lastDay(), limits.maxWarningsListed());
            if (!listed.isEmpty()) {
                warnings.add(listed.size() + " manual adjustments affect these days: they count in the daily"
                        + " summary, not in this transaction-level diff");
            }
        } else {
            warnings.add("the file has no transactions: nothing of ours was compared");
        }
        return withExtras(report, warnings, report.warningCount() + warnings.size() - report.warnings().size(), listed);
    }

    static ReconciliationReport withExtras(ReconciliationReport r, List<String> warnings, long warningCount,
                                           List<ManualAdjustment> adjustments) {
        return new ReconciliationReport(r.format(), r.status(), r.rows(), r.rowCount(), r.transactions(),
                r.differences(), r.differenceCount(), warnings, warningCount, adjustments, r.lineErrors(),
                r.lineErrorCount());
    }

    /** Records a manual correction entry; the operator must exist. */
    public ManualAdjustment adjust(String operatorId, LocalDate day, String currency, Kind kind, long amountMicro,
                                   String reason, String author) {
        UUID operator = new DatabaseOurs(jdbc, adjustments).knownOperator(operatorId);
        if (operator == null) {
            throw new dev.yantra.config.NotFoundException("no operator " + operatorId);
        }
        return adjustments.add(operator, day, currency, kind, amountMicro, reason, author);
    }

    /** Writes our side of one operator's UTC day as a daily summary, one row per currency we saw. */
    public long exportSummary(String operatorId, LocalDate day, Writer out) throws IOException {
        DatabaseOurs ours = new DatabaseOurs(jdbc, adjustments);
        UUID operator = ours.knownOperator(operatorId);
        List<String> currencies = operator == null ? List.of() : jdbc.sql("""
                        SELECT currency FROM wallet_calls
                        WHERE operator_id = ? AND succeeded AND endpoint <> 'BALANCE' AND currency IS NOT NULL
                          AND created_at >= (CAST(? AS date)::timestamp AT TIME ZONE 'UTC')
                          AND created_at < ((CAST(? AS date) + 1)::timestamp AT TIME ZONE 'UTC')
                        UNION
                        SELECT currency FROM reconciliation_adjustments WHERE operator_id = ? AND day = ?
                        ORDER BY 1""")
                .params(operator, day, day, operator, day).query(String.class).list();
        SettlementCsvWriter w = SettlementCsvWriter.summary(out);
        for (String currency : currencies) {
            w.write(ours.oursFor(operatorId, day, currency).asRow(operatorId, day, currency));
        }
        w.flush();
        return w.rowCount();
    }

    /** Writes our transactions of one operator's UTC day, streamed from a cursor in {@link TransactionOrder}. */
    public long exportTransactions(String operatorId, LocalDate day, Writer out) throws IOException {
        UUID operator = new DatabaseOurs(jdbc, adjustments).knownOperator(operatorId);
        SettlementCsvWriter w = SettlementCsvWriter.transactions(out);
        if (operator != null) {
            try (Connection c = dataSource.getConnection()) {
                streamOurs(c, operator, day, w);
            } catch (SQLException e) {
                throw sqlFailure(e);
            }
        }
        w.flush();
        return w.rowCount();
    }

    private static void streamOurs(Connection c, UUID operator, LocalDate day, SettlementCsvWriter w)
            throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);   // a cursor (fetch size) needs a transaction
        try (PreparedStatement ps = c.prepareStatement(TransactionDiff.OURS_SQL)) {
            ps.setFetchSize(TransactionDiff.FETCH_SIZE);
            ps.setObject(1, operator);
            ps.setObject(2, day);
            ps.setObject(3, day);
            ps.setObject(4, day);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    w.write(TransactionDiff.oursRow(rs).asRow());
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    /** Connection loss is "the database is unreachable" (exit 69, 503); anything else is a bug. */
    static RuntimeException sqlFailure(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
            return new UnavailableException("database unreachable: " + e.getMessage(), e);
        }
        return new IllegalStateException("reconciliation query failed: " + e.getMessage(), e);
    }

    private static <T> T unavailableOnConnectionLoss(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (org.springframework.dao.DataAccessResourceFailureException e) {
            throw new UnavailableException("database unreachable: " + e.getMessage(), e);
        }
    }

    /** Summary rows of the one operator asked for; the others are counted (CLI) or refused (API). */
    private static final class OperatorFilter implements Iterator<SummaryRow> {
        private final Iterator<SummaryRow> rows;
        private final String operatorId;
        private final Scope scope;
        private final LongConsumer progress;
        private SummaryRow next;
        private long read;
        long skipped;

        OperatorFilter(Iterator<SummaryRow> rows, String operatorId, Scope scope, LongConsumer progress) {
            this.rows = rows;
            this.operatorId = operatorId;
            this.scope = scope;
            this.progress = progress;
        }

        @Override
        public boolean hasNext() {
            while (next == null && rows.hasNext()) {
                SummaryRow r = rows.next();
                if (++read % 10_000 == 0) {
                    progress.accept(read);
                }
                if (operatorId == null || r.operatorId().equals(operatorId)) {
                    next = r;
                } else if (scope == Scope.ONLY_THIS_OPERATOR) {
                    throw new OperatorMismatchException("the file has a row of operator " + r.operatorId()
                            + "; an operator can only reconcile itself");
                } else {
                    skipped++;
                }
            }
            return next != null;
        }

        @Override
        public SummaryRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            SummaryRow r = next;
            next = null;
            return r;
        }
    }
}
