package dev.yantra.lottery.money;

/** An {@code amount} that is not a positive decimal with at most 2 decimals; the API answers 400 {@value #CODE}. */
public final class InvalidAmountException extends IllegalArgumentException {

    public static final String CODE = "invalid_amount";

    public InvalidAmountException(String message) {
        super(message);
    }

    public String code() {
        return CODE;
    }
}
