package dev.yantra.lottery.money;

import java.util.Optional;

/**
 * The currencies a play may be in. Both have cents as their minor unit (what Stripe counts in). A card play
 * below {@link #defaultCardMinimumMicro()} is refused ({@code amount_below_card_minimum}): the card fee would
 * eat it. Wallet plays have no such minimum.
 */
public enum LotteryCurrency {
    /** Dominican peso. */
    DOP(50),
    /** US dollar. */
    USD(1);

    private final long defaultCardMinimumMicro;

    LotteryCurrency(long cardMinimumUnits) {
        this.defaultCardMinimumMicro = cardMinimumUnits * LotteryAmount.MICRO_PER_UNIT;
    }

    /** The code on the wire and in the database ({@code "DOP"}). */
    public String wire() {
        return name();
    }

    /** The card minimum when the deployment does not set its own: DOP 50, USD 1. */
    public long defaultCardMinimumMicro() {
        return defaultCardMinimumMicro;
    }

    /** Stripe's amount: cents. */
    public long toMinorUnits(long micro) {
        return LotteryAmount.toMinorUnits(micro);
    }

    /** For people (pages, CLI tables, logs): {@code "12.50 DOP"}. The API writes {@link LotteryAmount#format}. */
    public String format(long micro) {
        return LotteryAmount.format(micro) + " " + name();
    }

    /** The currency whose code is exactly {@code wire} (uppercase), or empty. */
    public static Optional<LotteryCurrency> fromWire(String wire) {
        if (wire == null) return Optional.empty();
        for (LotteryCurrency c : values()) {
            if (c.name().equals(wire)) return Optional.of(c);
        }
        return Optional.empty();
    }
}
