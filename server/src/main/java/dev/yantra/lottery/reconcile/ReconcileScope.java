package dev.yantra.lottery.reconcile;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What one run looks at, validated by the command. {@code dateGiven}: --date was named; with --request-ids and
 * no --date the named plays are compared whatever their day. {@code olderThan} matters only with forceCheck.
 */
public record ReconcileScope(LocalDate date, boolean dateGiven, Optional<UUID> bancaId, List<UUID> requestIds, boolean forceCheck,
                             Duration olderThan, boolean dryRun) {
    public static final Duration DEFAULT_OLDER_THAN = Duration.ofMinutes(10);

    public ReconcileScope {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(bancaId, "bancaId");
        Objects.requireNonNull(olderThan, "olderThan");
        requestIds = List.copyOf(requestIds);
        if (olderThan.isNegative()) throw new IllegalArgumentException("olderThan must be >= 0, was " + olderThan);
    }

    /** Whether plays are picked by their day (else by --request-ids alone). */
    public boolean byDay() {
        return requestIds.isEmpty() || dateGiven;
    }
}
