package dev.yantra.lottery.forwarding;

import dev.yantra.db.Rows;
import dev.yantra.lottery.banca.BancaAnswer;
import dev.yantra.lottery.play.PlayState;
import dev.yantra.lottery.plays.PlayRow;
import dev.yantra.lottery.plays.PlayStore;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The draw's fail-safe: a play not confirmed when its draw has closed can never be in that draw. Every few
 * seconds this finds such plays (bounded batch); one awaiting the webhook is polled once (status check), and
 * if the banca still has not confirmed — or the play was never registered — it ends {@code failed}, its money
 * released and its open jobs closed (completion FAILSAFE), in one transaction. Guarded writes make it safe to
 * run on every node; at worst two nodes poll the same play once each.
 */
final class FailSafeSweep {
    private static final Logger log = LoggerFactory.getLogger(FailSafeSweep.class);
    static final int BATCH = 50;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PlayStore plays;
    private final BancaClient client;
    private final PlayAnswers answers;

    FailSafeSweep(JdbcClient jdbc, TransactionTemplate tx, PlayStore plays, BancaClient client, PlayAnswers answers) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.plays = plays;
        this.client = client;
        this.answers = answers;
    }

    /** One pass; returns how many plays it ended or settled. */
    int sweep() {
        List<UUID> due = jdbc.sql("""
                        SELECT p.id FROM plays p JOIN draws d ON d.id = p.draw_id
                        WHERE p.status IN ('QUEUED', 'AWAITING_WEBHOOK')
                          AND (d.state IN ('CLOSED', 'RESULTED', 'SETTLED') OR d.closes_at <= now())
                        ORDER BY d.closes_at LIMIT ?""")
                .param(BATCH).query(UUID.class).list();
        int done = 0;
        for (UUID id : due) {
            try {
                if (settle(id)) done++;
            } catch (RuntimeException e) {
                log.warn("fail-safe of play {} failed (next pass retries): {}", id, e.toString());
            }
        }
        return done;
    }

    private boolean settle(UUID playId) {
        PlayRow p = plays.find(playId).orElse(null);
        if (p == null || !p.state().openToBanca()) return false;
        BancaAnswer polled = null;
        if (p.state() == PlayState.AWAITING_WEBHOOK) {
            BancaClient.Result r = client.status(p, null, 0);
            if (r.sent() && (r.answer() instanceof BancaAnswer.Confirmed || r.answer() instanceof BancaAnswer.Rejected)) polled = r.answer();
        }
        BancaAnswer answer = polled;
        Boolean changed = tx.execute(s -> {
            boolean moved = answer != null
                    ? answers.apply(jdbc, playId, answer) == dev.yantra.lottery.play.PlayTransitions.AnswerEffect.APPLY
                    : answers.fail(playId, "not confirmed by the banca when the draw closed");
            if (moved && answer == null) {
                // a register was sent and its answer never recorded (a node killed mid-call, a timeout): the banca
                // may hold a ticket for a play we just refunded; flag it for reconciliation to settle with the banca
                Rows.one(jdbc.sql("UPDATE plays SET needs_attention = true WHERE id = ? AND forwarded_at IS NOT NULL").param(playId).update(),
                        "attention flag of play " + playId);
            }
            dev.yantra.lottery.plays.ForwardingJobs.closeOpen(jdbc, playId, "FAILSAFE", "fail-safe", "draw closed");
            return moved;
        });
        return Boolean.TRUE.equals(changed);
    }

    /** Runs {@link #sweep} every {@code every} on a daemon virtual thread until {@link Runner#close}. */
    static final class Runner implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;

        Runner(FailSafeSweep sweep, Duration every) {
            thread = Thread.ofVirtual().name("banca-failsafe").start(() -> {
                while (running) {
                    try {
                        sweep.sweep();
                    } catch (RuntimeException e) {
                        log.warn("fail-safe sweep failed: {}", e.toString());
                    }
                    try {
                        Thread.sleep(every.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
