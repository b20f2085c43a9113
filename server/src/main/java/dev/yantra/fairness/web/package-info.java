/**
 * Owns the node's public face of provable fairness: the unauthenticated endpoints that publish a table's chain
 * commitments and a settled or voided round's proof ({@link dev.yantra.fairness.web.PublicFairnessController}, which
 * never reads an unrevealed seed), the {@code /verify} page that recomputes a round in the player's browser
 * ({@link dev.yantra.fairness.web.VerifyPageController}), and the start-up run of the RNG test vectors
 * ({@link dev.yantra.fairness.web.RngSelfTest}): a node that fails it serves no rounds and is not ready.
 *
 * <p>The math itself (the RNG, chains, proofs) is the core's {@code dev.yantra.fairness}; the chains and rounds are
 * written by {@code dev.yantra.round}. Re-verifying rounds from the database is {@code dev.yantra.fairness.audit}.
 */
package dev.yantra.fairness.web;
