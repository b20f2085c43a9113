package dev.yantra.config;

/** A service Yantra needs (the database, a wallet) cannot be reached: exit 69. */
public class UnavailableException extends RuntimeException {
    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
