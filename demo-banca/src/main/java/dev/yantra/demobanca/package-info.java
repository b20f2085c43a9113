/**
 * The demo banca: a licensed lottery shop that Yantra forwards plays to, with a real ledger of registered plays
 * (idempotent by requestId), signed register/status endpoints, signed confirmation webhooks and fault injection.
 * It is the counterparty of {@code yantra demo} and of the tests — a real peer, never a mock. The contract it
 * implements is docs/banca-integration-guide.md.
 */
package dev.yantra.demobanca;
