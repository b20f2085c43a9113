/**
 * Owns the circuit breaker mechanics, one Resilience4j breaker per counterparty, per node
 * ({@link dev.yantra.breaker.CounterpartyBreakers}, keyed by the counterparty's id: an operator's wallet or a lottery
 * shop): callers record their own classified outcomes and only the counterparty's failures count; a run of
 * consecutive failures opens it at once; thresholds ({@link dev.yantra.breaker.BreakerSettings}) change at runtime
 * keeping each breaker's state; states are exported as metrics; the breakers as the nodes recorded them, for tools
 * that run without a node ({@link dev.yantra.breaker.RecordedBreakers}, breaker_overrides and breaker_transitions
 * read back). docs/breakers.md explains when a breaker opens and how
 * it comes back.
 *
 * <p>It does not classify answers (the core's {@code dev.yantra.wallet.protocol} and each feature do), store overrides
 * or settings ({@code dev.yantra.control}), or record transitions in breaker_transitions ({@code dev.yantra.wallet});
 * the calls it guards are made by {@code dev.yantra.counterparty}.
 */
package dev.yantra.breaker;
