// Package dev.yantra.play: the player-facing edge of a shared table: bets, table state, the SSE feed, /play.
package dev.yantra.play;

/** A refusal shown to the player as {"error": reason, "message": ...} with an HTTP status. */
public final class PlayException extends RuntimeException {
    public final int status;
    public final String reason;

    public PlayException(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }
}
