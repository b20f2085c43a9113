package dev.yantra.games;

/** A player's selection was refused; the message says what is accepted. */
public class InvalidSelectionException extends IllegalArgumentException {
    public InvalidSelectionException(String message) {
        super(message);
    }
}
