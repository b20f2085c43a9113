package dev.yantra.lottery.play;

import static dev.yantra.lottery.play.PlayState.AWAITING_PAYMENT;
import static dev.yantra.lottery.play.PlayState.AWAITING_WEBHOOK;
import static dev.yantra.lottery.play.PlayState.CANCELLED;
import static dev.yantra.lottery.play.PlayState.CONFIRMED;
import static dev.yantra.lottery.play.PlayState.FAILED;
import static dev.yantra.lottery.play.PlayState.QUEUED;
import static dev.yantra.lottery.play.PlayState.REJECTED;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every move a play may make, one constant per (from, to) pair; nothing else is ever written. A wallet play
 * is created {@link PlayState#QUEUED} (debited in the same transaction), a card play
 * {@link PlayState#AWAITING_PAYMENT}. Apply a move as {@code WHERE status = :from}; 0 rows means someone moved
 * the play first, and the caller re-reads it.
 */
public enum PlayTransitions {
    /** The card hold became capturable: the play may be forwarded. */
    PAYMENT_AUTHORIZED(AWAITING_PAYMENT, QUEUED),
    /** The card payment failed, or the draw closed before the hold was capturable. */
    PAYMENT_FAILED(AWAITING_PAYMENT, FAILED),
    /** Cancelled before payment: by the player or an admin, or the draw was cancelled. */
    CANCELLED_BEFORE_PAYMENT(AWAITING_PAYMENT, CANCELLED),
    /** The banca answered 200 confirmed. */
    BANCA_CONFIRMED(QUEUED, CONFIRMED),
    /** The banca answered 200 rejected, or a 4xx whose body says rejected. */
    BANCA_REJECTED(QUEUED, REJECTED),
    /** The banca answered 202 accepted: its webhook (or a status check) will tell. */
    BANCA_ACCEPTED(QUEUED, AWAITING_WEBHOOK),
    /** Never registered: the draw closed while retrying, the retry limit for other 4xx ran out, the banca is gone. */
    FORWARDING_FAILED(QUEUED, FAILED),
    /**
     * Cancelled while queued: by the player or an admin, which the caller allows only while no call has been
     * sent to the banca yet; or the draw was cancelled.
     */
    CANCELLED_BEFORE_FORWARDING(QUEUED, CANCELLED),
    /** The webhook (or the status check) says confirmed. */
    WEBHOOK_CONFIRMED(AWAITING_WEBHOOK, CONFIRMED),
    /** The webhook (or the status check) says rejected. */
    WEBHOOK_REJECTED(AWAITING_WEBHOOK, REJECTED),
    /** Fail-safe: still unconfirmed when the draw closed (after one last poll), so it can never be in the draw. */
    CONFIRMATION_FAILED(AWAITING_WEBHOOK, FAILED),
    /** The draw was cancelled while the banca had only accepted the play. */
    CANCELLED_AWAITING_CONFIRMATION(AWAITING_WEBHOOK, CANCELLED),
    /** The draw was cancelled after the banca had registered the play: it is refunded. */
    DRAW_CANCELLED(CONFIRMED, CANCELLED);

    private final PlayState from;
    private final PlayState to;

    PlayTransitions(PlayState from, PlayState to) {
        this.from = from;
        this.to = to;
    }

    public PlayState from() {
        return from;
    }

    public PlayState to() {
        return to;
    }

    public static Optional<PlayTransitions> find(PlayState from, PlayState to) {
        for (PlayTransitions t : values()) {
            if (t.from == from && t.to == to) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** The move from {@code from} to {@code to}; an illegal pair is a bug in the caller, so it throws. */
    public static PlayTransitions of(PlayState from, PlayState to) {
        return find(from, to).orElseThrow(() -> new IllegalStateException("illegal play transition " + from + " -> " + to));
    }

    public static boolean allowed(PlayState from, PlayState to) {
        return find(from, to).isPresent();
    }

    /** The states a play in {@code from} may move to. */
    public static Set<PlayState> targets(PlayState from) {
        Set<PlayState> out = EnumSet.noneOf(PlayState.class);
        for (PlayTransitions t : values()) {
            if (t.from == from) out.add(t.to);
        }
        return out;
    }

    /** What to do with a banca's answer (a register reply, a status check or a webhook) given where the play is. */
    public enum AnswerEffect {
        /** Move the play with {@link Decision#transition()}. */
        APPLY,
        /** The play is already there: a repeat, answered as success and changing nothing. */
        REPEAT,
        /** A 202 that arrived after the webhook had already settled the play: nothing to do, nothing wrong. */
        STALE,
        /** The answer contradicts a settled play: record it, flag it, never apply it (409 to a webhook). */
        CONTRADICTS
    }

    public record Decision(AnswerEffect effect, Optional<PlayTransitions> transition) {
        public Decision {
            Objects.requireNonNull(effect, "effect");
            Objects.requireNonNull(transition, "transition");
        }
    }

    /**
     * The effect of the banca saying {@code answered} (CONFIRMED, REJECTED, or AWAITING_WEBHOOK for a 202)
     * about a play in {@code current}. A webhook can beat the 202 that announced it, so a 202 arriving after a
     * confirmation or rejection is {@link AnswerEffect#STALE}, not a contradiction.
     */
    public static Decision onBancaAnswer(PlayState current, PlayState answered) {
        if (answered != CONFIRMED && answered != REJECTED && answered != AWAITING_WEBHOOK) {
            throw new IllegalArgumentException("a banca can only answer confirmed, rejected or accepted, not " + answered);
        }
        if (current == answered) return new Decision(AnswerEffect.REPEAT, Optional.empty());
        Optional<PlayTransitions> t = find(current, answered);
        if (t.isPresent()) return new Decision(AnswerEffect.APPLY, t);
        if (answered == AWAITING_WEBHOOK && (current == CONFIRMED || current == REJECTED)) {
            return new Decision(AnswerEffect.STALE, Optional.empty());
        }
        return new Decision(AnswerEffect.CONTRADICTS, Optional.empty());
    }
}
