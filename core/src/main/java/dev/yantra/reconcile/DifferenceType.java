package dev.yantra.reconcile;

/** How one transaction differs between their file and our wallet calls. */
public enum DifferenceType {
    OURS_ONLY,
    THEIRS_ONLY,
    AMOUNT_MISMATCH,
    CURRENCY_MISMATCH,
    KIND_MISMATCH,
    /** Their file books the same transaction uuid more than once. */
    DUPLICATE_IN_THEIRS
}
