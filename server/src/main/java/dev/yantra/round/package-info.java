/**
 * Owns the shared tables: table leadership ({@link dev.yantra.round.TableLease}, one leader per table, every
 * round write fenced by its epoch through {@link dev.yantra.round.Fence}), the round state machine
 * ({@link dev.yantra.round.RoundState}, written only by {@link dev.yantra.round.RoundStore}), the bets' states
 * ({@link dev.yantra.round.port.BetState}, written only by {@link dev.yantra.round.BetStore}, each move guarded by the
 * expected state), the hash chain a table draws its seeds from ({@link dev.yantra.round.ChainStore}), settlement
 * and voiding ({@link dev.yantra.round.Settlement}) and crash recovery by the next leader
 * ({@link dev.yantra.round.TableRunner}). {@link dev.yantra.round.TableEngine} is this node's share of the tables;
 * {@link dev.yantra.round.MoneyInvariants} is the one place that says what a broken bet looks like. Its tables are
 * game_tables, rounds, bets and fairness_chains.
 *
 * <p>It does not own the player's side of a bet (the HTTP edge and the bet checks are {@code dev.yantra.play}), the
 * outcome math (the core's {@code dev.yantra.fairness} and the game plugins of {@code dev.yantra.games}), a table's
 * config and its audit ({@code dev.yantra.gameconfig}), or the wallet calls and their retries
 * ({@code dev.yantra.wallet}, {@code dev.yantra.walletjobs}); it reaches those through {@code dev.yantra.round.port}.
 */
package dev.yantra.round;
