/**
 * Owns the vocabulary of the operator wallet protocol as data: the four outbound calls
 * ({@link dev.yantra.wallet.protocol.WalletEndpoint}), the RS_* status codes exactly as they appear on the wire
 * ({@link dev.yantra.wallet.protocol.WalletStatus}), and, in one table, what each (call, status) means for the
 * caller ({@link dev.yantra.wallet.protocol.Classification}: a {@link dev.yantra.wallet.protocol.Verdict}, whether
 * money moved or was confirmed moved, whether it counts against the circuit breaker). A timeout, a 5xx or an
 * unreadable answer is classified "unknown", never guessed.
 *
 * <p>It makes no calls and keeps no state: sending, signing and journaling live in the server's
 * {@code dev.yantra.wallet}, retries in {@code dev.yantra.jobs}, and the breaker in {@code dev.yantra.breaker}.
 * The codes an operator's wallet must return are described in docs/wallet-conformance.md.
 */
package dev.yantra.wallet.protocol;
