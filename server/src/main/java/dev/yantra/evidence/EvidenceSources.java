package dev.yantra.evidence;

import java.util.List;

/**
 * What an export contains: one file per source, each a query over the window [:since, :until). Credential tables
 * are read with explicit column lists so no ciphertext of a secret ever leaves the database; every other source
 * holds no secret. Bancas are exported whole (a snapshot of who they were), the rest by their own time column.
 */
final class EvidenceSources {
    record Source(String file, String description, String sql) {
    }

    private EvidenceSources() {
    }

    static final List<Source> ALL = List.of(
            new Source("admin_audit_log.csv", "every admin change: who, what, old and new value, why",
                    "SELECT * FROM admin_audit_log WHERE created_at >= :since AND created_at < :until ORDER BY id"),
            new Source("operator_credential_events.csv", "operator credentials issued, activated, expired or revoked in the window (no secrets)",
                    """
                    SELECT id, operator_id, kid, kind, not_before, not_after, revoked_at, created_by, created_at, updated_at
                      FROM operator_credentials
                     WHERE (created_at >= :since AND created_at < :until) OR (updated_at >= :since AND updated_at < :until)
                        OR (revoked_at >= :since AND revoked_at < :until)
                     ORDER BY created_at, id"""),
            new Source("banca_credential_events.csv", "banca secrets issued, activated, superseded or revoked in the window (no secrets)",
                    """
                    SELECT id, banca_id, key_id, imported, activated_at, not_after, revoked_at, created_by, created_at, updated_at
                      FROM banca_credentials
                     WHERE (created_at >= :since AND created_at < :until) OR (updated_at >= :since AND updated_at < :until)
                        OR (revoked_at >= :since AND revoked_at < :until)
                     ORDER BY created_at, id"""),
            new Source("signature_rejections.csv", "operator requests refused for their signature or timestamp",
                    """
                    SELECT * FROM signature_rejections
                     WHERE (created_at >= :since AND created_at < :until) OR (last_seen_at >= :since AND last_seen_at < :until)
                     ORDER BY id"""),
            new Source("webhook_refusals.csv", "sampled webhooks refused for their signature or timestamp",
                    "SELECT * FROM webhook_refusals WHERE received_at >= :since AND received_at < :until ORDER BY id"),
            new Source("webhook_events.csv", "every webhook that passed the checks, as received, and what was made of it",
                    "SELECT * FROM webhook_events WHERE received_at >= :since AND received_at < :until ORDER BY received_at, id"),
            new Source("banca_calls.csv", "every call to a banca, each retry included",
                    "SELECT * FROM banca_calls WHERE created_at >= :since AND created_at < :until ORDER BY created_at, id"),
            new Source("plays.csv", "plays created or changed in the window",
                    """
                    SELECT * FROM plays
                     WHERE (created_at >= :since AND created_at < :until) OR (updated_at >= :since AND updated_at < :until)
                     ORDER BY created_at, id"""),
            new Source("player_ledger.csv", "every movement of players' money in the window",
                    "SELECT * FROM player_ledger WHERE created_at >= :since AND created_at < :until ORDER BY created_at, id"),
            new Source("bancas.csv", "every banca as it is at export time",
                    "SELECT * FROM bancas ORDER BY created_at, id"),
            new Source("player_address_blocks.csv", "address ranges blocked on the player API, active or lifted, touching the window",
                    """
                    SELECT id, CAST(cidr AS text) AS cidr, reason, created_by, created_at, removed_by, removed_at, remove_reason
                      FROM player_address_blocks
                     WHERE created_at < :until AND (removed_at IS NULL OR removed_at >= :since)
                     ORDER BY id"""),
            new Source("banca_breaker_transitions.csv", "banca circuit-breaker transitions of every node",
                    "SELECT * FROM banca_breaker_transitions WHERE created_at >= :since AND created_at < :until ORDER BY id"),
            new Source("breaker_transitions.csv", "operator wallet circuit-breaker transitions of every node",
                    "SELECT * FROM breaker_transitions WHERE created_at >= :since AND created_at < :until ORDER BY id"),
            // card payments: never the client secret (it lets its holder confirm the PaymentIntent)
            new Source("payments.csv", "card holds and top-ups created or changed in the window (no client secrets)",
                    """
                    SELECT id, kind, play_id, request_id, user_id, amount_micro, amount_minor, currency, capture_method,
                           payment_method_id, payment_intent_id, status, next_action, amount_capturable_minor, captured_minor,
                           refunded_minor, refund_id, refund_status, last_error_code, last_error_message, credited,
                           needs_attention, attention_reason, created_at, updated_at
                      FROM payments
                     WHERE (created_at >= :since AND created_at < :until) OR (updated_at >= :since AND updated_at < :until)
                     ORDER BY created_at, id"""),
            new Source("payment_calls.csv", "every call to Stripe, each retry included (client secrets blanked when journaled)",
                    "SELECT * FROM payment_calls WHERE created_at >= :since AND created_at < :until ORDER BY created_at, id"),
            new Source("stripe_events.csv", "every Stripe webhook event received and what was made of it (the payload, which carries"
                    + " the PaymentIntent's client secret, stays in the database)",
                    """
                    SELECT event_id, type, api_version, payment_intent_id, outcome, error, attempts, received_at, processed_at
                      FROM stripe_events WHERE received_at >= :since AND received_at < :until ORDER BY received_at, event_id"""),
            new Source("withdrawals.csv", "withdrawals requested, decided or paid in the window",
                    """
                    SELECT * FROM withdrawals
                     WHERE (created_at >= :since AND created_at < :until) OR (updated_at >= :since AND updated_at < :until)
                     ORDER BY created_at, id"""));
}
