/**
 * Owns inbound idempotency, the inbound_idempotency table: {@link dev.yantra.idempotency.Idempotency} claims
 * (operator, requestUuid, endpoint) atomically so a mutating call runs at most once, stores its status and body in the
 * same transaction as the work's writes, and replays them for 24 hours; a claim left by a crashed node is taken over
 * once stale. The operator's session calls (create, terminate) go through it; the player's bets only borrow its
 * {@link dev.yantra.idempotency.Idempotency#bodyHash} and dedupe on their own bet row in {@code dev.yantra.round}.
 *
 * <p>It does not make outbound calls idempotent: a wallet or a banca is asked to dedupe on the id we send
 * ({@code dev.yantra.wallet}, {@code dev.yantra.lottery.forwarding}), since a rolled-back transaction cannot undo a
 * remote effect; the lottery's plays keep their own request ids in {@code dev.yantra.lottery.plays}. How a request
 * body is made canonical before hashing is {@code dev.yantra.api.Json}.
 */
package dev.yantra.idempotency;
