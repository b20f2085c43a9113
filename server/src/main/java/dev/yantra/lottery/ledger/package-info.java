/**
 * The player wallet: an append-only ledger (player_ledger, one row per movement with a unique idempotency key)
 * and per-(player, currency) accounts (player_accounts) whose cached balance is locked by every movement and
 * always equals the ledger's sum. {@link dev.yantra.lottery.ledger.PlayerLedger} is the only writer: plays debit,
 * refunds and prizes credit, inside their own transactions; deposits come only from an audited admin credit
 * (here) or a confirmed payment (later). There is no free "charge".
 */
package dev.yantra.lottery.ledger;
