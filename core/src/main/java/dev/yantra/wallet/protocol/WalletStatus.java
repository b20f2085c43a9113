package dev.yantra.wallet.protocol;

import java.util.Optional;

/** The RS_* status codes of docs/wallet-api.md, section 3, exactly as they appear on the wire. */
public enum WalletStatus {
    RS_OK,
    RS_ERROR_UNKNOWN,
    RS_ERROR_INVALID_TOKEN,
    RS_ERROR_INVALID_SIGNATURE,
    RS_ERROR_INVALID_PARTNER,
    RS_ERROR_NOT_ENOUGH_MONEY,
    RS_ERROR_USER_DISABLED,
    RS_ERROR_TOKEN_EXPIRED,
    RS_ERROR_WRONG_CURRENCY,
    RS_ERROR_WRONG_SYNTAX,
    RS_ERROR_WRONG_TYPES,
    RS_ERROR_DUPLICATE_TRANSACTION,
    RS_ERROR_TRANSACTION_DOES_NOT_EXIST,
    RS_ERROR_TRANSACTION_ALREADY_ROLLED_BACK,
    RS_ERROR_LIMIT_REACHED,
    /** Ours, never sent by a wallet: the call did not answer within WALLET_CALL_TIMEOUT_MS. */
    RS_ERROR_TIMEOUT;

    /** The code named by a wire string; empty for anything not in the list (which classifies as unknown). */
    public static Optional<WalletStatus> parse(String wire) {
        if (wire == null || wire.length() > 64) return Optional.empty();
        try {
            return Optional.of(valueOf(wire));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
