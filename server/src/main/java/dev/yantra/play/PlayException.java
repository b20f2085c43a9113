package dev.yantra.play;

/** A refusal of the player API: HTTP status, reason code, message; a 429 says when to come back. */
public final class PlayException extends RuntimeException {
    public final int status;
    public final String reason;
    public final long retryAfterSeconds;

    public PlayException(int status, String reason, String message) {
        this(status, reason, message, 0);
    }

    public PlayException(int status, String reason, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
