/**
 * Withdrawals from player wallets: a player asks for money out (player API, own account only), an admin approves
 * or rejects it (admin API and {@code yantra lottery withdrawal}), it is paid outside Yantra and recorded as paid.
 * Owns the withdrawals table and the ledger's withdrawal and withdrawal_reversal movements; every step is audited
 * in admin_audit_log. docs/lottery-player-api.md, "Withdrawals".
 */
package dev.yantra.lottery.withdrawals;
