package dev.yantra.config;

/** Bad usage or invalid input from the person running Yantra: exit 64, one clear line, no stack trace. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
