/**
 * Owns the player-facing edge of a shared table: the player API under the session's bearer token
 * ({@link dev.yantra.play.PlayController}: {@code POST /v1/play/bets}, {@code GET /v1/play/state}, the SSE feed
 * {@code /v1/play/stream} served by {@link dev.yantra.play.PlayEvents}, and the {@code /play} page), the way from a
 * bet request to the wallet ({@link dev.yantra.play.BetService}: session, operator, halts, breaker, round, limits and
 * exposure checked, the PENDING row written before any call), the per-session rate limit
 * ({@link dev.yantra.play.PlayLimiter}) and the record of bets refused before a row was written, in bet_refusals
 * ({@link dev.yantra.play.BetRefusalWriter}). Every refusal is a {@link dev.yantra.play.PlayException}. The table's
 * public state (phase, levers, odds) has one builder, {@link dev.yantra.play.TableStates}, for the REST state and the
 * feed alike; the player's history is {@link dev.yantra.play.PlayHistory}, the launch's language and lobby
 * {@link dev.yantra.play.Launches}. The page itself is static/play.html with its modules under static/js/play and its
 * strings under static/i18n (docs/play-client.md).
 *
 * <p>It does not own the bets' state machine, the rounds or settlement ({@code dev.yantra.round}), the sessions
 * themselves ({@code dev.yantra.session}), the {@code /verify} page ({@code dev.yantra.fairness.web}), or the
 * lottery's player API ({@code dev.yantra.lottery.player}).
 */
package dev.yantra.play;
