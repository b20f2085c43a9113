/**
 * Owns inbound authentication and authorization of the operator API: {@link dev.yantra.inbound.InboundAuthFilter}
 * checks the signed headers, the clock window, the credential, the operator's status and the signature (each failure a
 * 401 with its reason), then the source address allow-list, that the body's operatorId is the credential's, that a
 * paused operator only reads, and the per-operator rate limit; controllers find who signed in
 * {@link dev.yantra.security.AuthenticatedOperator}, with the exact bytes that were verified. It also owns what the
 * clock-skew and credential-leak playbooks read about inbound traffic ({@link dev.yantra.inbound.InboundObservations}:
 * the metrics, signature_rejections, inbound_source_ips and inbound_kid_daily).
 *
 * <p>The signature itself is computed by the core's {@code dev.yantra.signing} (docs/integration-guide.md, section 2),
 * the credentials and operators are {@code dev.yantra.operator}, signing our outbound calls is
 * {@code dev.yantra.counterparty}, and the admin and player surfaces authenticate in {@code dev.yantra.admin} and
 * {@code dev.yantra.play}.
 */
package dev.yantra.inbound;
