/**
 * The wallet conformance kit, {@code yantra wallet conformance}: runs the wallet contract (docs/wallet-conformance.md)
 * against an operator's real wallet before go-live — signature rejection, balance, bet / win / rollback and the
 * idempotency of each, duplicate transactions, rollback of an unknown transaction, not enough money, wrong
 * currency, answer time — proving each case by the balance before and after it, and leaving the test player's
 * balance where it found it. It signs and reads answers with the server's own {@link dev.yantra.wallet.WalletWire}
 * and judges them with the server's classification table, so a wallet that passes is read the way Yantra reads it.
 */
package dev.yantra.wallet.conformance;
