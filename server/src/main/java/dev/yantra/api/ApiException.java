package dev.yantra.api;

/** A 4xx (or deliberate 5xx) with a reason code (docs/integration-guide.md, section 5); rendered as {"error","message"}. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String error;

    public ApiException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
