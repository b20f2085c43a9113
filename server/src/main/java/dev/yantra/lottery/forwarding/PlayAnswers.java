package dev.yantra.lottery.forwarding;

import dev.yantra.lottery.banca.BancaAnswer;
import dev.yantra.lottery.play.PlayState;
import dev.yantra.lottery.play.PlayTransitions;
import dev.yantra.lottery.plays.PlayRow;
import dev.yantra.lottery.plays.PlayStore;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Applies what a banca said about a play (a register reply, a status check, the fail-safe), inside the
 * caller's transaction, with the play locked: the core's {@link PlayTransitions#onBancaAnswer} decides whether
 * it moves, is a repeat, or contradicts a settled play (then it is flagged, never applied).
 */
final class PlayAnswers {
    /** After a 202, how long we wait for the webhook before asking ourselves. */
    static final long STATUS_CHECK_DELAY_MS = 60_000;

    private final PlayStore plays;
    private final long statusCheckDelayMs;

    PlayAnswers(PlayStore plays, long statusCheckDelayMs) {
        this.plays = plays;
        this.statusCheckDelayMs = statusCheckDelayMs;
    }

    PlayTransitions.AnswerEffect apply(JdbcClient tx, UUID playId, BancaAnswer answer) {
        return apply(tx, playId, answer, null);
    }

    /**
     * Returns the effect; moves and refunds happen in the caller's transaction. {@code acceptedAs}: the banca's
     * play id that came with a 202, kept so the status check can ask the status endpoint.
     */
    PlayTransitions.AnswerEffect apply(JdbcClient tx, UUID playId, BancaAnswer answer, String acceptedAs) {
        PlayRow p = plays.lock(playId).orElseThrow(() -> new IllegalStateException("no play " + playId));
        PlayState answered = answer.answeredState().orElseThrow(() -> new IllegalArgumentException("not a final answer: " + answer));
        PlayTransitions.Decision d = PlayTransitions.onBancaAnswer(p.state(), answered);
        switch (d.effect()) {
            case APPLY -> {
                PlayTransitions t = d.transition().orElseThrow();
                PlayStore.BancaIds ids = answer instanceof BancaAnswer.Confirmed c
                        ? new PlayStore.BancaIds(c.playIdBanca(), c.ticketCode()) : new PlayStore.BancaIds(acceptedAs, null);
                String reason = answer instanceof BancaAnswer.Rejected r ? r.reason() : null;
                if (!plays.move(p, t, reason, ids)) throw new IllegalStateException("locked play " + playId + " moved under its lock");
                if (t == PlayTransitions.BANCA_ACCEPTED) scheduleStatusCheck(tx, p);
            }
            case CONTRADICTS -> plays.flag(playId, "banca answered " + answered + " for a play that is " + p.state());
            case REPEAT, STALE -> {
                if (answer instanceof BancaAnswer.Confirmed c && p.ticketCode() != null && !p.ticketCode().equals(c.ticketCode())) {
                    plays.flag(playId, "banca confirmed again with ticket " + c.ticketCode() + " but we hold " + p.ticketCode());
                }
            }
        }
        return d.effect();
    }

    /** Ends a play that was never registered (retries of a plain 4xx ran out, its draw closed first). */
    boolean fail(UUID playId, String reason) {
        Optional<PlayRow> p = plays.lock(playId);
        if (p.isEmpty() || !p.get().state().openToBanca()) return false;
        PlayTransitions t = p.get().state() == PlayState.AWAITING_WEBHOOK ? PlayTransitions.CONFIRMATION_FAILED
                : PlayTransitions.FORWARDING_FAILED;
        if (p.get().state() != t.from()) return false;
        return plays.move(p.get(), t, reason, PlayStore.BancaIds.NONE);
    }

    private void scheduleStatusCheck(JdbcClient tx, PlayRow p) {
        dev.yantra.lottery.plays.ForwardingJobs.openStatusCheck(tx, p.bancaId(), p.id(), statusCheckDelayMs);
    }
}
