/**
 * Owns our calls to an operator's wallet: {@link dev.yantra.wallet.WalletClient} signs and sends BALANCE, BET, WIN and
 * ROLLBACK, writes exactly one wallet_calls row per try that leaves the node, and feeds the operator's circuit breaker
 * with the classified outcome; {@link dev.yantra.wallet.WalletWire} is the signed exchange and the reading of its
 * answer, shared with the conformance kit ({@code dev.yantra.wallet.conformance}). Around it: where a wallet lives and
 * which key signs ({@link dev.yantra.wallet.SqlWalletEndpoints}, {@link dev.yantra.wallet.CredentialStoreOutbound},
 * each remembered for at most a second), the last balance each player's wallet answered
 * ({@link dev.yantra.wallet.PlayerBalances}), the operator breakers' overrides and runtime settings applied on this
 * node ({@link dev.yantra.wallet.BreakerOverrideSync}, {@link dev.yantra.wallet.BreakerSettingsSync}), and the
 * commands {@code yantra wallet probe} and {@code yantra demo-wallet}.
 *
 * <p>What an RS code means is the core's {@code dev.yantra.wallet.protocol}; the HTTP, signing and journal mechanics
 * shared with the lottery are {@code dev.yantra.counterparty}; retrying a WIN or ROLLBACK until it is done is
 * {@code dev.yantra.walletjobs}; the breaker itself is {@code dev.yantra.breaker}. The demo wallet is its own module,
 * demo-wallet.
 */
package dev.yantra.wallet;
