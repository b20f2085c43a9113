package dev.yantra.reconcile;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one writer of {@code reconciliation_adjustments}: manual correction entries, each audited in
 * {@code admin_audit_log} in the same transaction. Entries are append-only; a mistake is undone by an
 * entry of the opposite sign.
 */
final class Adjustments {
    static final int MAX_REASON_CHARS = 2_000;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    Adjustments(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Records one entry and its audit row; the caller has checked the operator exists. */
    ManualAdjustment add(UUID operatorId, LocalDate day, String currency, Kind kind, long amountMicro,
                         String reason, String author) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_CHARS) {
            throw new IllegalArgumentException("--reason is required (1 to " + MAX_REASON_CHARS + " characters)");
        }
        ManualAdjustment a = new ManualAdjustment(UUID.randomUUID().toString(), operatorId.toString(), day, currency,
                kind, amountMicro, reason.strip(), author, clock.instant());
        tx.executeWithoutResult(status -> {
            int rows = jdbc.sql("""
                            INSERT INTO reconciliation_adjustments
                              (id, operator_id, day, currency, kind, amount_micro, reason, created_by, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.fromString(a.id()), operatorId, day, currency, kind.name(), amountMicro, a.reason(),
                            author, a.createdAt().atOffset(ZoneOffset.UTC))
                    .update();
            requireOneRow(rows);
            rows = jdbc.sql("""
                            INSERT INTO admin_audit_log (changed_by, action, subject, old_value, new_value, reason, created_at)
                            VALUES (?, 'reconciliation.adjust', ?, NULL, ?, ?, ?)""")
                    .params(author, "operator:" + operatorId, describe(a), a.reason(), a.createdAt().atOffset(ZoneOffset.UTC))
                    .update();
            requireOneRow(rows);
        });
        return a;
    }

    /** Entries of one (operator, UTC day, currency), oldest first. */
    List<ManualAdjustment> of(UUID operatorId, LocalDate day, String currency) {
        return jdbc.sql("""
                        SELECT id, operator_id, day, currency, kind, amount_micro, reason, created_by, created_at
                        FROM reconciliation_adjustments
                        WHERE operator_id = ? AND day = ? AND currency = ?
                        ORDER BY created_at, id""")
                .params(operatorId, day, currency)
                .query((rs, n) -> row(rs))
                .list();
    }

    /** Entries of one operator over [from, to] (UTC days), bounded: they are listed in a report. */
    List<ManualAdjustment> between(UUID operatorId, LocalDate from, LocalDate to, int limit) {
        return jdbc.sql("""
                        SELECT id, operator_id, day, currency, kind, amount_micro, reason, created_by, created_at
                        FROM reconciliation_adjustments
                        WHERE operator_id = ? AND day BETWEEN ? AND ?
                        ORDER BY day, created_at, id
                        LIMIT ?""")
                .params(operatorId, from, to, limit)
                .query((rs, n) -> row(rs))
                .list();
    }

    private static ManualAdjustment row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ManualAdjustment(rs.getString("id"), rs.getString("operator_id"),
                rs.getObject("day", LocalDate.class), rs.getString("currency"), Kind.valueOf(rs.getString("kind")),
                rs.getLong("amount_micro"), rs.getString("reason"), rs.getString("created_by"),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }

    static String describe(ManualAdjustment a) {
        return a.date() + " " + a.currency() + " " + a.kind() + " " + a.amountMicro() + " micro (adjustment " + a.id() + ")";
    }

    private static void requireOneRow(int rows) {
        if (rows != 1) {
            throw new IllegalStateException("expected 1 row written, was " + rows);
        }
    }
}
