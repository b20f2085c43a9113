package dev.yantra.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A manual correction entry ({@code yantra reconcile adjust}): part of ours for its (operator, UTC day,
 * currency, kind) from the moment it was made, and listed in every report it affects. The amount is
 * signed (a correction may lower ours) and never 0.
 */
public record ManualAdjustment(String id, String operatorId, LocalDate date, String currency, Kind kind,
                               long amountMicro, String reason, String author, Instant createdAt) {
    public ManualAdjustment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
        if (amountMicro == 0) {
            throw new IllegalArgumentException("adjustment amountMicro must not be 0 (adjustment " + id + ")");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("adjustment " + id + " needs a reason");
        }
    }

    boolean affects(String operatorId, LocalDate date, String currency) {
        return this.operatorId.equals(operatorId) && this.date.equals(date) && this.currency.equals(currency);
    }
}
