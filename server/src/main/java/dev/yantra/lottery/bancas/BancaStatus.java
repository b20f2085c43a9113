package dev.yantra.lottery.bancas;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A banca's lifecycle as data: pending → active (approval) or rejected; active ⇄ suspended. Applied only as
 * {@code UPDATE ... WHERE status = :from} by {@link Bancas}, so two admins acting at once cannot both win.
 */
public enum BancaStatus {
    PENDING, ACTIVE, REJECTED, SUSPENDED;

    private static final Map<BancaStatus, Set<BancaStatus>> ALLOWED = Map.of(
            PENDING, Set.of(ACTIVE, REJECTED),
            ACTIVE, Set.of(SUSPENDED),
            SUSPENDED, Set.of(ACTIVE),
            REJECTED, Set.of());

    public boolean canMoveTo(BancaStatus to) {
        return ALLOWED.get(this).contains(to);
    }

    /** As stored and on the wire: lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BancaStatus> fromWire(String s) {
        if (s == null) return Optional.empty();
        for (BancaStatus b : values()) if (b.wire().equals(s.toLowerCase(Locale.ROOT))) return Optional.of(b);
        return Optional.empty();
    }

    /** A banca whose plays may still be answered by webhook (a suspended one receives no new plays, but owes answers). */
    public boolean answersWebhooks() {
        return this == ACTIVE || this == SUSPENDED;
    }
}
