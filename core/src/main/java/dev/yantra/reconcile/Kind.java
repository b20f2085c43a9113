package dev.yantra.reconcile;

/** The money movements a settlement file books. Order is the column order of the summary format. */
public enum Kind {
    BET,
    WIN,
    ROLLBACK
}
