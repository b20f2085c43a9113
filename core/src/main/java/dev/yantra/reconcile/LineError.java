package dev.yantra.reconcile;

/** A line of a settlement file that could not be used; {@code lineNumber} counts physical lines from 1. */
public record LineError(long lineNumber, String message) {
    @Override
    public String toString() {
        return "line " + lineNumber + ": " + message;
    }
}
