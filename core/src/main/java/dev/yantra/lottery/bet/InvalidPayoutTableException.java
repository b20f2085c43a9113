package dev.yantra.lottery.bet;

/** A payout table (a lottery's, or a banca's overrides) that cannot be used; the message names the bad entry. */
public final class InvalidPayoutTableException extends IllegalArgumentException {

    public InvalidPayoutTableException(String message) {
        super(message);
    }
}
