package dev.yantra.lottery.schedule;

/** A draw schedule that cannot be used; the message names the bad entry. */
public final class InvalidScheduleException extends IllegalArgumentException {

    public InvalidScheduleException(String message) {
        super(message);
    }
}
