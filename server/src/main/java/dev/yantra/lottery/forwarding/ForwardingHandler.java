package dev.yantra.lottery.forwarding;

import dev.yantra.jobs.JobHandler;
import dev.yantra.jobs.JobOutcome;
import dev.yantra.lottery.banca.BancaAnswer;
import dev.yantra.lottery.banca.BancaClassification;
import dev.yantra.lottery.play.PlayState;
import dev.yantra.lottery.plays.PlayRow;
import dev.yantra.lottery.plays.PlayStore;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One try of a forwarding job. REGISTER: the play must still be QUEUED and its draw on sale; it is marked
 * forwarded (no player cancel after) and sent. STATUS: asked about a play still awaiting the webhook.
 * Final answers are applied by {@link #onCompleted} in the transaction that completes the job, so the job and
 * the play change together; the answer travels from the try to its completion in {@link #answers} (same node,
 * same try: the runner completes what this node tried).
 */
final class ForwardingHandler implements JobHandler<BancaJob> {
    /** What to do at completion: apply a banca answer, or fail the play. */
    private sealed interface Verdict {
        record Answer(BancaAnswer answer, String acceptedAs) implements Verdict {
            Answer(BancaAnswer answer) {
                this(answer, null);
            }
        }

        record Fail(String reason) implements Verdict {
        }
    }

    private static final int MAX_PENDING_VERDICTS = 100_000;

    private final PlayStore plays;
    private final BancaClient client;
    private final PlayAnswers answers;
    private final JdbcClient jdbc;
    private final Map<UUID, Verdict> verdicts = new ConcurrentHashMap<>();

    ForwardingHandler(PlayStore plays, BancaClient client, PlayAnswers answers, JdbcClient jdbc) {
        this.plays = plays;
        this.client = client;
        this.answers = answers;
        this.jdbc = jdbc;
    }

    @Override
    public JobOutcome attempt(BancaJob job) {
        verdicts.remove(job.id());    // a verdict of an earlier try that lost its completion race
        if (verdicts.size() > MAX_PENDING_VERDICTS) verdicts.clear();
        Optional<PlayRow> found = plays.find(job.playId());
        if (found.isEmpty()) return new JobOutcome.Done("no_play", true);
        PlayRow play = found.get();
        int attempt = job.attempts() + 1;
        BancaClient.Result result;
        if (job.kind() == BancaJob.Kind.REGISTER) {
            if (play.state() != PlayState.QUEUED) return new JobOutcome.Done("already_" + play.state().wireStatus(), true);
            if (!drawOnSale(play)) return done(job, new Verdict.Fail("the draw closed before the banca registered the play"), "draw_closed");
            if (!plays.markForwarded(play.id())) return new JobOutcome.Done("not_queued", true);
            result = client.register(play, job.id(), attempt);
        } else {
            if (play.state() != PlayState.AWAITING_WEBHOOK) return new JobOutcome.Done("settled", true);
            result = client.status(play, job.id(), attempt);
        }
        if (!result.sent()) {
            if ("breaker_open".equals(result.why())) return new JobOutcome.NotAttempted(result.why());
            return new JobOutcome.Retry(result.why(), result.why(), true);
        }
        return switch (result.answer()) {
            case BancaAnswer.Confirmed c -> done(job, new Verdict.Answer(c), "confirmed");
            case BancaAnswer.Rejected r -> done(job, new Verdict.Answer(r), "rejected");
            case BancaAnswer.Accepted a -> job.kind() == BancaJob.Kind.REGISTER
                    ? done(job, new Verdict.Answer(a, result.acceptedAs()), "accepted")
                    : new JobOutcome.Retry("accepted", "still accepted, no confirmation yet", false);
            case BancaAnswer.Retry r -> {
                if (r.signatureRefused()) plays.flag(play.id(), "banca refused our signature: " + r.reason());
                yield new JobOutcome.Retry("retry", r.reason(), r.signatureRefused());
            }
            case BancaAnswer.RetryLimited r -> attempt >= BancaClassification.OTHER_4XX_MAX_ATTEMPTS
                    ? done(job, new Verdict.Fail("the banca kept refusing the request: " + r.reason()), "failed_4xx")
                    : new JobOutcome.Retry("retry_limited", r.reason(), false);
        };
    }

    private JobOutcome done(BancaJob job, Verdict v, String result) {
        verdicts.put(job.id(), v);
        return new JobOutcome.Done(result, false);
    }

    @Override
    public void onCompleted(JdbcClient tx, BancaJob job, JobOutcome.Done done) {
        Verdict v = verdicts.remove(job.id());
        if (v == null) return;
        switch (v) {
            case Verdict.Answer a -> answers.apply(tx, job.playId(), a.answer(), a.acceptedAs());
            case Verdict.Fail f -> {
                if (answers.fail(job.playId(), f.reason()) && done.resultStatus().equals("failed_4xx")) {
                    plays.flag(job.playId(), f.reason());
                }
            }
        }
    }

    private boolean drawOnSale(PlayRow play) {
        return jdbc.sql("SELECT state = 'OPEN' AND closes_at > now() FROM draws WHERE id = ?").param(play.drawId())
                .query(Boolean.class).optional().orElse(false);
    }
}
