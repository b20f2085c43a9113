package dev.yantra.fairness;

/** The two sides of a Ketapola Dice roll. */
public enum Side {
    LOW,
    HIGH
}
