package dev.yantra.config;

/** The named object does not exist: exit 1 on the CLI, 404 over HTTP. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
