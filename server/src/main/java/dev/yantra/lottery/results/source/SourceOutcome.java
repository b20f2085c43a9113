package dev.yantra.lottery.results.source;

import java.util.Locale;

/**
 * What became of one line of a results source (the {@code outcome} label of lottery_results_source_lines_total).
 * {@code UNREADABLE} is the source as a whole: the file or URL could not be read this poll.
 */
public enum SourceOutcome {
    APPLIED, UNCHANGED, CONFLICT, UNKNOWN_DRAW, DRAW_NOT_CLOSED, INVALID, UNREADABLE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Lines an operator must look at: the CLI exits 1 when one is present. */
    public boolean needsAttention() {
        return this == CONFLICT || this == INVALID || this == UNKNOWN_DRAW || this == UNREADABLE;
    }
}
