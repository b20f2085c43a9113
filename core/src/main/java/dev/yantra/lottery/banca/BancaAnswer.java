package dev.yantra.lottery.banca;

import dev.yantra.lottery.play.PlayState;
import java.util.Objects;
import java.util.Optional;

/** What one call to a banca came to; see {@link BancaClassification} for which answer gives which. */
public sealed interface BancaAnswer {

    enum Kind { CONFIRMED, REJECTED, ACCEPTED, RETRY, RETRY_LIMITED }

    Kind kind();

    /** Whether the circuit breaker of this banca counts the call as a failure. */
    default boolean countsAsBreakerFailure() {
        return false;
    }

    /** The state the banca put the play in, or empty when it said nothing final (retry). */
    default Optional<PlayState> answeredState() {
        return switch (kind()) {
            case CONFIRMED -> Optional.of(PlayState.CONFIRMED);
            case REJECTED -> Optional.of(PlayState.REJECTED);
            case ACCEPTED -> Optional.of(PlayState.AWAITING_WEBHOOK);
            case RETRY, RETRY_LIMITED -> Optional.empty();
        };
    }

    /** Registered: the play is in the draw under the banca's id and ticket. */
    record Confirmed(String playIdBanca, String ticketCode) implements BancaAnswer {
        public Confirmed {
            Objects.requireNonNull(playIdBanca, "playIdBanca");
            Objects.requireNonNull(ticketCode, "ticketCode");
        }

        @Override
        public Kind kind() {
            return Kind.CONFIRMED;
        }
    }

    /** Refused by the banca (a business answer): the player's money goes back. */
    record Rejected(String reason) implements BancaAnswer {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.REJECTED;
        }
    }

    /** 202: taken but not yet registered; the webhook (or a status check after a while) will tell. */
    record Accepted() implements BancaAnswer {
        @Override
        public Kind kind() {
            return Kind.ACCEPTED;
        }
    }

    /**
     * No usable answer: try again with the same Idempotency-Key until the draw's fail-safe. Never a rejection.
     * {@code signatureRefused}: the banca refused our signature (401/403), which a human must look at.
     */
    record Retry(String reason, boolean countsAsBreakerFailure, boolean signatureRefused) implements BancaAnswer {
        public Retry {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.RETRY;
        }
    }

    /**
     * A 4xx that is neither a signature refusal nor a rejection: probably our request is wrong, so it is
     * retried only {@link BancaClassification#OTHER_4XX_MAX_ATTEMPTS} times in all, then the play fails, is
     * refunded and flagged for review.
     */
    record RetryLimited(String reason) implements BancaAnswer {
        public RetryLimited {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.RETRY_LIMITED;
        }
    }
}
