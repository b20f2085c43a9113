package dev.yantra.lottery.reconcile;

/**
 * How bad a difference is, best to worst (the worst of a run decides its exit code). MINOR: it can still
 * settle by itself (the play is pending and its draw still open). UNREADABLE: the banca's side could not be
 * read for this play (asked and got no usable answer, or a recorded answer cannot be parsed), so nothing can
 * be said. MAJOR: it will not fix itself and money or a ticket may be wrong.
 */
public enum Severity {
    MINOR, UNREADABLE, MAJOR
}
