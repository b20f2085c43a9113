package dev.yantra.lottery.withdrawals;

/** The withdrawal exists but is not in a state that allows the action (HTTP 409, CLI exit 1); nothing changed. */
public final class WithdrawalConflictException extends IllegalStateException {
    private final String code;

    public WithdrawalConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The API's error code, e.g. {@code withdrawal_not_requested}. */
    public String code() {
        return code;
    }
}
