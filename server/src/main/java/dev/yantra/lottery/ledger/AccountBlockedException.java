package dev.yantra.lottery.ledger;

import dev.yantra.api.ApiException;
import dev.yantra.lottery.player.PlayerMessages;

/**
 * The player has an account below zero (after an audited adjustment), so plays and withdrawals are refused
 * until it is back at zero or above: 403 {@code account_blocked}; nothing was written.
 */
public class AccountBlockedException extends ApiException {
    public AccountBlockedException() {
        super(403, "account_blocked", PlayerMessages.english("account_blocked"));
    }
}
