/**
 * Owns plays: the player API (POST /api/v1/plays, GET by id and by user, cancel), the plays table and every
 * state change of a play ({@link dev.yantra.lottery.plays.PlayStore#move}, only through the core's
 * PlayTransitions as {@code WHERE status = :from}), the per-number liability counter, and the release of a
 * play's money (refund to the player's ledger) in the same transaction as the move that ends it. Forwarding
 * and the banca's webhook change plays only through this package.
 */
package dev.yantra.lottery.plays;
