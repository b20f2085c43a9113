package dev.yantra.reconcile;

/**
 * One kind of one summary row: drift = theirs − ours.
 *
 * @param direction {@link #OURS_HIGH}, {@link #OURS_LOW}, or empty when there is no drift
 */
public record KindComparison(Kind kind, long oursMicro, long theirsMicro, long driftMicro, String direction,
                             PendingWork pending, Status status) {
    public static final String OURS_HIGH = "ours high: we confirmed transactions they have not booked";
    public static final String OURS_LOW = "ours low: they booked transactions we have not confirmed";
}
