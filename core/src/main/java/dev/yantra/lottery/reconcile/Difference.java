package dev.yantra.lottery.reconcile;

import java.util.Objects;
import java.util.UUID;

/** One difference found on one play; {@code detail} says what each side holds, for a person. */
public record Difference(UUID playId, UUID requestId, DifferenceKind kind, Severity severity, String detail) {
    public Difference {
        Objects.requireNonNull(playId, "playId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(detail, "detail");
    }
}
