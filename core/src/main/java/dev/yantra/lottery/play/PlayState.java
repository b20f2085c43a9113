package dev.yantra.lottery.play;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a play is, finer than what clients see: the three ways of being {@code pending} matter to the server
 * (what to do next) but not to the player. Stored as {@link #name()} in {@code plays.status}.
 */
public enum PlayState {
    /** Card play: waiting until the card hold can be captured. Nothing has been sent to the banca. */
    AWAITING_PAYMENT("pending"),
    /** Paid (wallet debited) or held (card): a forwarding job is open and the banca may be being called. */
    QUEUED("pending"),
    /** The banca answered 202 (accepted, not yet registered): waiting for its webhook or a status check. */
    AWAITING_WEBHOOK("pending"),
    /** The banca registered the play ({@code playIdBanca}, {@code ticketCode}); it is in the draw. */
    CONFIRMED("confirmed"),
    /** The banca refused the play; the money went back. */
    REJECTED("rejected"),
    /** Never registered (the draw closed first, payment failed, the banca kept refusing); the money went back. */
    FAILED("failed"),
    /** Cancelled by the player or an admin before forwarding, or its draw was cancelled; the money went back. */
    CANCELLED("cancelled");

    /** No move leaves these. */
    public static final Set<PlayState> TERMINAL = EnumSet.of(REJECTED, FAILED, CANCELLED);
    /** What the banca says can no longer change these (a contradicting answer is recorded and flagged). */
    public static final Set<PlayState> SETTLED_BY_BANCA = EnumSet.of(CONFIRMED, REJECTED, FAILED, CANCELLED);

    private final String wireStatus;

    PlayState(String wireStatus) {
        this.wireStatus = wireStatus;
    }

    /** The {@code status} clients see: pending, confirmed, rejected, failed or cancelled. */
    public String wireStatus() {
        return wireStatus;
    }

    public boolean terminal() {
        return TERMINAL.contains(this);
    }

    /** Whether a banca answer or webhook may still move this play. */
    public boolean openToBanca() {
        return !SETTLED_BY_BANCA.contains(this);
    }

    /** Whether the player's money (debit or card hold) has been given back in this state. */
    public boolean moneyReleased() {
        return TERMINAL.contains(this);
    }

    /** The state stored as {@code name}, or empty. */
    public static Optional<PlayState> fromDb(String name) {
        if (name == null) return Optional.empty();
        for (PlayState s : values()) {
            if (s.name().equals(name)) return Optional.of(s);
        }
        return Optional.empty();
    }
}
