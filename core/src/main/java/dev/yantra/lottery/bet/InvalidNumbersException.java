package dev.yantra.lottery.bet;

/** The {@code numbers} of a play do not fit its bet type; the API answers 400 {@value #CODE}. */
public final class InvalidNumbersException extends IllegalArgumentException {

    public static final String CODE = "invalid_numbers";

    public InvalidNumbersException(String message) {
        super(message);
    }

    public String code() {
        return CODE;
    }
}
