package dev.yantra.lottery.reconcile;

/** A count of plays and the sum of their amounts in micro-units. */
public record Tally(long plays, long amountMicro) {
    public static final Tally ZERO = new Tally(0, 0);

    public Tally plus(long amount) {
        return new Tally(plays + 1, Math.addExact(amountMicro, amount));
    }
}
