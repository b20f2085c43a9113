package dev.yantra.lottery.bet;

import java.util.Optional;

/**
 * The bet types a lottery may offer, with their wire names (the {@code betType} field, lowercase). pega3 and
 * straight are the same bet under two names, as are toca3 and box; each keeps its own payout table entries
 * because lotteries price them separately.
 */
public enum BetType {
    /** One 2-digit number; paid for every prize position it matches. */
    QUINIELA("quiniela", 1, false),
    /** Two distinct 2-digit numbers that must both be among the three prize numbers. */
    PALE("pale", 2, false),
    /** Three distinct 2-digit numbers: all three among the prize numbers, or (a smaller prize) exactly two. */
    TRIPLETA("tripleta", 3, false),
    /** Three digits equal to the draw's 3-digit number in order. */
    PEGA3("pega3", 3, true),
    /** Another name for {@link #PEGA3}. */
    STRAIGHT("straight", 3, true),
    /** Three digits (not all equal) equal to the draw's 3-digit number in any order. */
    TOCA3("toca3", 3, true),
    /** Another name for {@link #TOCA3}. */
    BOX("box", 3, true);

    private final String wire;
    private final int count;
    private final boolean pick3;

    BetType(String wire, int count, boolean pick3) {
        this.wire = wire;
        this.count = count;
        this.pick3 = pick3;
    }

    /** The name on the wire and in the database. */
    public String wire() {
        return wire;
    }

    /** How many entries {@code numbers} has: 2-digit numbers, or single digits for the pick-3 types. */
    public int count() {
        return count;
    }

    /** Whether this type plays against the draw's 3-digit number (only lotteries with one may offer it). */
    public boolean pick3() {
        return pick3;
    }

    /** The type whose wire name is exactly {@code wire} (lowercase), or empty. */
    public static Optional<BetType> fromWire(String wire) {
        if (wire == null) return Optional.empty();
        for (BetType t : values()) {
            if (t.wire.equals(wire)) return Optional.of(t);
        }
        return Optional.empty();
    }
}
