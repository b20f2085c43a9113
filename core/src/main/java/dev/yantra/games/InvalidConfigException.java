package dev.yantra.games;

/** A game config was refused; the message names the bad key and value. */
public class InvalidConfigException extends IllegalArgumentException {
    public InvalidConfigException(String message) {
        super(message);
    }
}
