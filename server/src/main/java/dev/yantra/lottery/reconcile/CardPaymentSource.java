package dev.yantra.lottery.reconcile;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Where the card checks get each card play's payment: "captured payments against confirmed card plays" and
 * "a hold that expired uncaptured is MAJOR" are decided by the core's PlayComparison from a {@link CardPayment}.
 * The command reads them from the payments room's table ({@link PaymentsTable}); plays missing from the map
 * are counted as card plays not checked against their payment.
 */
public interface CardPaymentSource {
    /** The card payment of each given card play that has one. */
    Map<UUID, CardPayment> forPlays(Collection<UUID> cardPlayIds);

    /** Nothing read (tests of the comparison alone). */
    CardPaymentSource NONE = ids -> Map.of();
}
