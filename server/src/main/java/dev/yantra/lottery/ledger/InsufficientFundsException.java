package dev.yantra.lottery.ledger;

import dev.yantra.api.ApiException;
import dev.yantra.lottery.player.PlayerMessages;

/** A debit larger than the balance: 422 {@code insufficient_funds}; nothing was written. */
public class InsufficientFundsException extends ApiException {
    private final long balanceMicro;
    private final long requestedMicro;

    public InsufficientFundsException(long balanceMicro, long requestedMicro) {
        super(422, "insufficient_funds", PlayerMessages.english("insufficient_funds"));
        this.balanceMicro = balanceMicro;
        this.requestedMicro = requestedMicro;
    }

    public long balanceMicro() {
        return balanceMicro;
    }

    public long requestedMicro() {
        return requestedMicro;
    }
}
