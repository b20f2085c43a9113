package dev.yantra.lottery.reconcile;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * EXTENSION POINT for the card-payment checks: "captured payments against confirmed card plays" and "a hold
 * that expired uncaptured is MAJOR". The core's PlayComparison already decides both from a {@link CardPayment};
 * what is missing is reading it from the payments side (table {@code payments}, one row per PaymentIntent).
 * Until an implementation reading that table is wired in {@link LotteryReconciliation}, {@link #NONE} is used:
 * card plays are compared with the banca and their play state only, and each report says how many card plays
 * were not checked against their payment.
 */
public interface CardPayments {
    /** The card payment of each given card play that has one; plays missing from the map are unchecked. */
    Map<UUID, CardPayment> forPlays(Collection<UUID> cardPlayIds);

    /** Nothing read: no payments source is wired yet. */
    CardPayments NONE = ids -> Map.of();
}
