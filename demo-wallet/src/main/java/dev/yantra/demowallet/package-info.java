/**
 * The demo operator wallet: the operator's side of the wallet protocol over a real SQL ledger
 * ({@link dev.yantra.demowallet.DemoLedger}, a balance per player and currency and every transaction, idempotent by
 * transactionUuid, in its own demo_wallet_ tables), with signature checks and fault injection
 * ({@link dev.yantra.demowallet.Faults}: down, slow, 5xx, answers lost after the money moved, forced RS codes, and
 * deliberate contract breaches for the conformance kit), switched over an admin API that stays up while the wallet
 * is down ({@link dev.yantra.demowallet.DemoWallet}). It is the counterparty of {@code yantra demo}, of the end-to-end
 * tests and of the benchmarks: a real peer, never a mock.
 *
 * <p>It is not part of the node: the server's calls to a wallet are {@code dev.yantra.wallet}, the command that runs
 * this one alone is {@code yantra demo-wallet} ({@code dev.yantra.wallet.DemoWalletCommand}), and what a production
 * wallet must answer is docs/wallet-conformance.md.
 */
package dev.yantra.demowallet;
