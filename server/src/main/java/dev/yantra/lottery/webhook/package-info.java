/**
 * Owns the bancas' webhook {@code POST /webhooks/plays/confirmation}: the checks in their fixed order (signature
 * present, timestamp readable, signature valid under a live secret of some banca — over the raw bytes, before
 * anything parses them —, timestamp fresh, body valid, play known and the banca's), the webhook_events journal
 * with deduplication, the bounded sample of refused requests (webhook_refusals) and the webhook metrics.
 */
package dev.yantra.lottery.webhook;
