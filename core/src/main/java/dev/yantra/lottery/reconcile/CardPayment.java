package dev.yantra.lottery.reconcile;

import java.util.Objects;

/**
 * The card payment behind a card play, as the payments side holds it (one PaymentIntent per play): where the
 * hold is and how much was captured and refunded, in micro-units. "Captured payments against confirmed card
 * plays" and "a hold that expired uncaptured is a loss" are checked by {@link PlayComparison} when these facts
 * are given; a card play without them is counted as unchecked.
 */
public record CardPayment(Hold hold, long capturedMicro, long refundedMicro) {
    public enum Hold {
        /** Not capturable yet (authorizing, 3-D Secure). */
        AUTHORIZING,
        /** Capturable: money held on the card, neither captured nor released. */
        HELD,
        /** Captured (in full or in part: see capturedMicro). */
        CAPTURED,
        /** Released by us (cancelled hold) before capture. */
        CANCELLED,
        /** The card network let the hold lapse before we captured it. */
        EXPIRED_UNCAPTURED,
        /** Declined, or failed before any hold. */
        FAILED
    }

    public CardPayment {
        Objects.requireNonNull(hold, "hold");
        if (capturedMicro < 0) throw new IllegalArgumentException("capturedMicro must be >= 0, was " + capturedMicro);
        if (refundedMicro < 0) throw new IllegalArgumentException("refundedMicro must be >= 0, was " + refundedMicro);
    }
}
