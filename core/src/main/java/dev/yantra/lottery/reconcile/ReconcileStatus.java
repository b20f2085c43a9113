package dev.yantra.lottery.reconcile;

import java.util.Collection;

/**
 * The result of a run or of one banca's day, with the exit codes {@code yantra reconcile} uses: 0 MATCH; 1
 * MINOR (every difference can still settle by itself: a pending play of a draw still on sale); 2 MAJOR; 3
 * UNREADABLE (the banca's side could not be read for some play, and nothing worse was found). A MAJOR
 * difference wins over an unreadable answer: a loss found is the first thing to act on.
 */
public enum ReconcileStatus {
    MATCH(0), MINOR(1), UNREADABLE(3), MAJOR(2);

    private final int exitCode;

    ReconcileStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static ReconcileStatus of(Severity s) {
        return switch (s) {
            case MINOR -> MINOR;
            case UNREADABLE -> UNREADABLE;
            case MAJOR -> MAJOR;
        };
    }

    public ReconcileStatus worst(ReconcileStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public static ReconcileStatus worstOf(Collection<Difference> differences) {
        ReconcileStatus s = MATCH;
        for (Difference d : differences) s = s.worst(of(d.severity()));
        return s;
    }

    /** The status stored for exit code {@code code}; a code that is none of ours is a bug. */
    public static ReconcileStatus fromExitCode(int code) {
        for (ReconcileStatus s : values()) if (s.exitCode == code) return s;
        throw new IllegalArgumentException("no reconciliation status has exit code " + code);
    }
}
