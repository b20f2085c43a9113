package dev.yantra.reconcile;

/**
 * Result of a comparison (of an operator settlement file). Declared from best to worst, so the worst of several
 * is the one with the highest ordinal; the exit codes are those `yantra reconcile` documents.
 */
public enum Status {
    MATCH(0),
    MINOR_DRIFT(1),
    MAJOR_DRIFT(2);

    /** Exit code of `yantra reconcile` when input could not be read (malformed lines, unknown header). */
    public static final int EXIT_UNREADABLE_INPUT = 3;

    private final int exitCode;

    Status(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The worse of the two: the worst row wins. */
    public Status worst(Status other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
