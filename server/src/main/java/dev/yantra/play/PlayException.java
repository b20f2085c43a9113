package dev.yantra.play;

/** A refusal of the player API: HTTP status, reason code, message; a 429 says when to come back. */
public final class PlayException extends RuntimeException {
    public final int status;
    public final String reason;
    public final long retryAfterSeconds;

    public PlayException(int status, String reason, String message) {
        this(status, reason, message, 0);
    }

    /** Extra fields of the answer: the lobby and language of a session that ended, so its page can say goodbye. */
    public final java.util.Map<String, Object> details;

    public PlayException(int status, String reason, String message, long retryAfterSeconds) {
        this(status, reason, message, retryAfterSeconds, java.util.Map.of());
    }

    public PlayException(int status, String reason, String message, long retryAfterSeconds, java.util.Map<String, Object> details) {
        super(message);
        this.status = status;
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
        this.details = details;
    }
}
