package dev.yantra.lottery.forwarding;

import dev.yantra.breaker.BreakerSettings;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.jobs.JobsConfiguration;
import dev.yantra.lottery.banca.BancaAnswer;
import dev.yantra.lottery.bancas.BancaCredentials;
import dev.yantra.lottery.bancas.Bancas;
import dev.yantra.lottery.play.PlayState;
import dev.yantra.lottery.play.PlayTransitions;
import dev.yantra.lottery.plays.ForwardingJobs;
import dev.yantra.lottery.plays.PlayRow;
import dev.yantra.lottery.plays.PlayStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asks the banca about one play that is still pending and settles it with the banca's answer — the
 * reconciliation's {@code --force-check}. It goes through the same doors as the forwarding job and the
 * fail-safe: {@link BancaClient} (signed, journaled in banca_calls, under this process's breaker for the banca)
 * and {@link PlayAnswers} (the one code that applies a banca's answer: moves, refunds, liability, whatever the
 * payments side hangs on a move), so nothing here moves money by itself.
 *
 * <p>Which call: the status endpoint when the banca gave us its play id; otherwise the register call again with
 * the same Idempotency-Key, but only while the draw is on sale (never after close: that could sell a ticket for
 * a closed draw). Once the draw has closed, the fail-safe's rule holds: anything but a confirmation or a
 * rejection ends the play {@code failed}, its money released. A dry run makes no register call and changes no
 * play; it says what it would do.
 */
public final class StuckPlayCheck {
    /** What became of one play. */
    public enum Outcome {
        CONFIRMED, REJECTED, FAILED, ACCEPTED, STILL_ACCEPTED, NO_ANSWER, NOT_PENDING,
        WOULD_CONFIRM, WOULD_REJECT, WOULD_FAIL, WOULD_RE_REGISTER;

        /** Whether this outcome moved the play. */
        public boolean moved() {
            return this == CONFIRMED || this == REJECTED || this == FAILED || this == ACCEPTED;
        }
    }

    /**
     * One play's check. {@code asked}: {@code status}, {@code register} or {@code none}; {@code answer} the
     * banca's classified answer when one came (null otherwise); {@code note} why, for a person.
     */
    public record Result(UUID playId, UUID requestId, UUID bancaId, PlayState before, PlayState after, String asked,
                         BancaAnswer answer, Outcome outcome, String note) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PlayStore plays;
    private final BancaClient client;
    private final PlayAnswers answers;

    StuckPlayCheck(JdbcClient jdbc, TransactionTemplate tx, PlayStore plays, BancaClient client, PlayAnswers answers) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.plays = plays;
        this.client = client;
        this.answers = answers;
    }

    /**
     * A check working with its own banca breakers and client, as a one-shot command does (breakers are per
     * process, like every node's). The thresholds are the {@code BREAKER_*} ones every node uses.
     */
    public static StuckPlayCheck create(Database db, YantraEnv env, Bancas bancas, BancaCredentials credentials, PlayStore plays,
                                        MeterRegistry meters, Clock clock, BreakerSettings breakerSettings) {
        BancaClient client = BancaClient.create(db, env, bancas, credentials, BancaClient.breakers(breakerSettings, meters), meters, clock);
        return new StuckPlayCheck(db.jdbc(), JobsConfiguration.transactions(db), plays, client,
                new PlayAnswers(plays, PlayAnswers.STATUS_CHECK_DELAY_MS));
    }

    public Result check(UUID playId, boolean dryRun) {
        Optional<PlayRow> found = plays.find(playId);
        if (found.isEmpty()) throw new IllegalStateException("no play " + playId);
        PlayRow p = found.get();
        if (p.state() != PlayState.QUEUED && p.state() != PlayState.AWAITING_WEBHOOK) {
            return result(p, p.state(), "none", null, Outcome.NOT_PENDING, p.state() == PlayState.AWAITING_PAYMENT
                    ? "the card hold is not capturable yet: nothing was sent to the banca" : "already " + p.state().wireStatus());
        }
        boolean drawOpen = drawOnSale(p.drawId());
        if (p.playIdBanca() == null && !drawOpen) {
            // the banca gave no id to ask about, and a register call after close is never made
            return dryRun ? result(p, p.state(), "none", null, Outcome.WOULD_FAIL, "draw closed; no banca id to ask the status of")
                    : failed(p, "none", null, "not confirmed by the banca when the draw closed (reconciliation)");
        }
        if (p.playIdBanca() == null && dryRun) {
            return result(p, p.state(), "none", null, Outcome.WOULD_RE_REGISTER,
                    "no banca id: a real run sends the register call again with the same Idempotency-Key");
        }
        if (p.playIdBanca() == null && p.state() == PlayState.QUEUED && !plays.markForwarded(p.id())) {
            PlayRow now = plays.find(playId).orElseThrow();
            return result(p, now.state(), "none", null, Outcome.NOT_PENDING, "moved meanwhile: " + now.state().wireStatus());
        }
        String asked = p.playIdBanca() == null ? "register" : "status";
        BancaClient.Result r = client.status(p, null, 0);
        if (!r.sent()) return unanswered(p, asked, null, drawOpen, dryRun, "not sent: " + r.why());
        return switch (r.answer()) {
            case BancaAnswer.Confirmed c -> dryRun ? result(p, p.state(), asked, c, Outcome.WOULD_CONFIRM, "ticket " + c.ticketCode())
                    : settled(p, asked, c, "ticket " + c.ticketCode());
            case BancaAnswer.Rejected rj -> dryRun ? result(p, p.state(), asked, rj, Outcome.WOULD_REJECT, rj.reason())
                    : settled(p, asked, rj, rj.reason());
            case BancaAnswer.Accepted a -> accepted(p, asked, a, r.acceptedAs(), drawOpen, dryRun);
            case BancaAnswer.Retry rt -> {
                if (rt.signatureRefused() && !dryRun) plays.flag(p.id(), "banca refused our signature: " + rt.reason());
                yield unanswered(p, asked, rt, drawOpen, dryRun, rt.reason());
            }
            case BancaAnswer.RetryLimited rl -> unanswered(p, asked, rl, drawOpen, dryRun, rl.reason());
        };
    }

    private Result accepted(PlayRow p, String asked, BancaAnswer.Accepted a, String acceptedAs, boolean drawOpen, boolean dryRun) {
        if (!drawOpen) return unanswered(p, asked, a, false, dryRun, "the banca has still only accepted it");
        if (p.state() == PlayState.AWAITING_WEBHOOK || dryRun) {
            return result(p, p.state(), asked, a, Outcome.STILL_ACCEPTED, "the banca has accepted it and not decided yet");
        }
        PlayState after = tx.execute(s -> {
            answers.apply(jdbc, p.id(), a, acceptedAs);
            return plays.find(p.id()).orElseThrow().state();
        });
        return result(p, after, asked, a, after == PlayState.AWAITING_WEBHOOK ? Outcome.ACCEPTED : Outcome.NOT_PENDING,
                "the banca accepted it: waiting for its webhook or the status check");
    }

    /** No final answer: while the draw is on sale the play stays pending; after close it fails, as the fail-safe would. */
    private Result unanswered(PlayRow p, String asked, BancaAnswer answer, boolean drawOpen, boolean dryRun, String why) {
        if (drawOpen) return result(p, p.state(), asked, answer, Outcome.NO_ANSWER, why);
        if (dryRun) return result(p, p.state(), asked, answer, Outcome.WOULD_FAIL, "draw closed; " + why);
        return failed(p, asked, answer, "not confirmed by the banca when the draw closed (reconciliation: " + why + ")");
    }

    private Result settled(PlayRow p, String asked, BancaAnswer answer, String note) {
        PlayTransitions.AnswerEffect effect = tx.execute(s -> {
            PlayTransitions.AnswerEffect e = answers.apply(jdbc, p.id(), answer);
            ForwardingJobs.closeOpen(jdbc, p.id(), "RECONCILE", "reconcile", "settled by the banca's answer to the force-check");
            return e;
        });
        PlayState after = plays.find(p.id()).orElseThrow().state();
        Outcome o = effect != PlayTransitions.AnswerEffect.APPLY ? Outcome.NOT_PENDING
                : answer instanceof BancaAnswer.Confirmed ? Outcome.CONFIRMED : Outcome.REJECTED;
        return result(p, after, asked, answer, o, effect == PlayTransitions.AnswerEffect.APPLY ? note : effect + ": " + note);
    }

    private Result failed(PlayRow p, String asked, BancaAnswer answer, String reason) {
        Boolean moved = tx.execute(s -> {
            boolean m = answers.fail(p.id(), reason);
            ForwardingJobs.closeOpen(jdbc, p.id(), "RECONCILE", "reconcile", "draw closed");
            return m;
        });
        PlayState after = plays.find(p.id()).orElseThrow().state();
        return result(p, after, asked, answer, Boolean.TRUE.equals(moved) ? Outcome.FAILED : Outcome.NOT_PENDING, reason);
    }

    private boolean drawOnSale(UUID drawId) {
        return jdbc.sql("SELECT state = 'OPEN' AND closes_at > now() FROM draws WHERE id = ?").param(drawId)
                .query(Boolean.class).optional().orElse(false);
    }

    private static Result result(PlayRow p, PlayState after, String asked, BancaAnswer answer, Outcome o, String note) {
        return new Result(p.id(), p.requestId(), p.bancaId(), p.state(), Objects.requireNonNull(after), asked, answer, o, note);
    }
}
