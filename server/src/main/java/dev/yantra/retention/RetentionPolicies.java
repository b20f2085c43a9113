package dev.yantra.retention;

import java.util.List;

/**
 * Every table retention touches, as data. A short-lived policy deletes rows (or blanks a payload column) older than
 * the short-lived period; a money policy archives rows older than the jurisdiction period and then deletes them.
 * A table that is not here is never touched. Money policies are listed children first (a journal before the row it
 * journals is not needed: none of these tables references another by a foreign key, and plays are only archived
 * once nothing references them). The player ledger is not here on purpose: it is append-only and its sum is each
 * account's balance, so deleting old movements would need an opening-balance carry-forward first; it is kept whole.
 */
public final class RetentionPolicies {
    public enum Kind { PURGE, BLANK_PAYLOAD, ARCHIVE }

    /**
     * @param timeColumn the row's age
     * @param guardSql   an extra condition over alias t (terminal states, nothing referencing the row); "" for none
     * @param column     the payload column a BLANK_PAYLOAD policy sets to NULL
     */
    public record Policy(String name, Kind kind, String table, String timeColumn, String guardSql, String column) {
        boolean money() {
            return kind == Kind.ARCHIVE;
        }
    }

    public static final List<Policy> SHORT_LIVED = List.of(
            new Policy("idempotency-keys", Kind.PURGE, "inbound_idempotency", "expires_at", "", null),
            new Policy("bet-refusals", Kind.PURGE, "bet_refusals", "refused_at", "", null),
            new Policy("signature-rejections", Kind.PURGE, "signature_rejections", "last_seen_at", "", null),
            new Policy("webhook-refusals", Kind.PURGE, "webhook_refusals", "received_at", "", null),
            new Policy("login-throttle", Kind.PURGE, "login_throttle", "window_start", "", null),
            new Policy("inbound-kid-daily", Kind.PURGE, "inbound_kid_daily", "last_seen_at", "", null),
            new Policy("password-reset-codes", Kind.PURGE, "password_reset_codes", "expires_at", "", null),
            new Policy("webhook-payloads", Kind.BLANK_PAYLOAD, "webhook_events", "received_at", "t.payload IS NOT NULL", "payload"),
            new Policy("stripe-event-payloads", Kind.BLANK_PAYLOAD, "stripe_events", "received_at", "t.payload IS NOT NULL", "payload"));

    public static final List<Policy> MONEY = List.of(
            new Policy("wallet-calls", Kind.ARCHIVE, "wallet_calls", "created_at", "", null),
            new Policy("banca-calls", Kind.ARCHIVE, "banca_calls", "created_at", "", null),
            new Policy("payment-calls", Kind.ARCHIVE, "payment_calls", "created_at", "", null),
            new Policy("bets", Kind.ARCHIVE, "bets", "created_at",
                    "t.state IN ('REJECTED', 'LOST', 'WON', 'REFUNDED')"
                            + " AND NOT EXISTS (SELECT 1 FROM pending_wallet_jobs j WHERE j.bet_id = t.id AND j.completed_at IS NULL)", null),
            new Policy("plays", Kind.ARCHIVE, "plays", "created_at",
                    "NOT EXISTS (SELECT 1 FROM pending_banca_jobs j WHERE j.play_id = t.id)"
                            + " AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.play_id = t.id)", null),
            new Policy("admin-audit", Kind.ARCHIVE, "admin_audit_log", "created_at", "", null),
            new Policy("config-audit", Kind.ARCHIVE, "operator_config_audit_log", "created_at", "", null));

    private RetentionPolicies() {
    }
}
