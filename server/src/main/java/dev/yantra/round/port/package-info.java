/**
 * The few things the table engine needs from other features, as small interfaces: a player's session
 * ({@link dev.yantra.round.port.SessionDirectory}), an operator ({@link dev.yantra.round.port.OperatorDirectory}),
 * the wallet ({@link dev.yantra.round.port.WalletPort}, answers as {@link dev.yantra.round.port.WalletReply}), the
 * breaker ({@link dev.yantra.round.port.BreakerPort}), the durable job queue ({@link dev.yantra.round.port.JobPort})
 * and the settlement SLO ({@link dev.yantra.round.port.SettlementObserver}); and the bet state table
 * ({@link dev.yantra.round.port.BetState}), which the wallet job queue moves bets by too. The production implementations are
 * adapters onto the owning feature ({@link dev.yantra.round.SessionStoreDirectory},
 * {@link dev.yantra.round.WalletClientPort}, {@link dev.yantra.round.JobQueuePort}), with
 * {@link dev.yantra.round.SettlementHaltWallet} in front of the wallet to park wins while settlements are
 * halted; {@link dev.yantra.round.port.OperatorDirectory} is still one SQL lookup of its own, and
 * {@link dev.yantra.round.port.SqlJobPort}, which writes job rows directly, is used only by tests.
 *
 * <p>This package imports no feature (not even the ones it describes), so {@code dev.yantra.walletjobs} and
 * {@code dev.yantra.ops.metrics} can implement or call these interfaces without a package cycle. The features themselves stay where they are ({@code dev.yantra.session}, {@code dev.yantra.operator},
 * {@code dev.yantra.wallet}, {@code dev.yantra.walletjobs}, {@code dev.yantra.breaker}); this package only says what the
 * engine asks of them, so {@code dev.yantra.round} depends on these interfaces rather than on their internals.
 */
package dev.yantra.round.port;
