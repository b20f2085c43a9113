package dev.yantra.wallet.protocol;

/** What an answer means for the caller, per endpoint (docs/wallet-api.md). */
public enum Verdict {
    /** BET: the stake was debited (or had been). */
    ACCEPTED,
    /** BET: a clear business refusal; nothing moved, no rollback. BALANCE: a refusal. */
    REJECTED,
    /** BET: no clear answer; the stake is in doubt: reject to the player and roll back. */
    IN_DOUBT,
    /** WIN: credited (or had been). ROLLBACK: the money went back (or had). BALANCE: answered. */
    DONE,
    /** ROLLBACK: the wallet never saw the bet; nothing had moved and nothing will. */
    DONE_NOTHING_MOVED,
    /** WIN / ROLLBACK / BALANCE: not done; try again with the same requestUuid and transactionUuid. */
    RETRY;

    /** Whether a job for this call is finished. */
    public boolean completesJob() {
        return this == DONE || this == DONE_NOTHING_MOVED;
    }
}
