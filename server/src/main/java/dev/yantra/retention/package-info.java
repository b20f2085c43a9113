/**
 * Owns retention: which rows are short-lived and purged on a schedule (idempotency keys, refused-request samples,
 * rate-limit counters, webhook and Stripe event payloads) and which are money or audit rows, kept for the
 * jurisdiction period and then archived to files with a manifest before they are deleted — never deleted
 * silently ({@link dev.yantra.retention.RetentionPolicies}, {@link dev.yantra.retention.RetentionSettings},
 * {@link dev.yantra.retention.Retention}); {@code yantra retention run [--dry-run]} and the node's hourly purge.
 * docs/retention.md.
 */
package dev.yantra.retention;
