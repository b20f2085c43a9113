package dev.yantra.lottery.payments;

import dev.yantra.lottery.play.PlayState;
import dev.yantra.lottery.play.PlayTransitions;
import dev.yantra.lottery.plays.PlayRow;
import dev.yantra.lottery.plays.PlayStore;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rows of pending_payment_jobs that are not the runner's bookkeeping, and the money that follows a card
 * play's moves ({@link PlayStore.CardMoney}, called by {@link PlayStore#move} in the move's transaction):
 * confirmed → a CAPTURE job, rejected / failed / cancelled → a RELEASE job. The unique index on (payment, kind)
 * makes each of them happen at most once per payment, whichever path moved the play.
 */
public final class PaymentJobs implements PlayStore.CardMoney {
    private final JdbcClient jdbc;
    private volatile Runnable wake = () -> { };

    public PaymentJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The runner to wake once a transaction that queued work commits (set when the runner exists). */
    void wakeWith(Runnable r) {
        this.wake = r;
    }

    @Override
    public void followed(PlayRow play, PlayTransitions t) {
        PaymentJob.Kind kind = t.to() == PlayState.CONFIRMED ? PaymentJob.Kind.CAPTURE
                : t.to().moneyReleased() ? PaymentJob.Kind.RELEASE : null;
        if (kind == null) return;
        // a deliberately broken build (chaos harness only): a play that must not keep the money never lets its hold go
        if (kind == PaymentJob.Kind.RELEASE && dev.yantra.config.TestBreaks.on("hold-never-cancelled")) return;
        // a card play's payment has the play's id (CardPayments.open)
        if (open(jdbc, play.id(), play.id(), kind, 0)) afterCommit(wake);
    }

    /** Queues {@code kind} for the payment (due after {@code delayMs}); false when a CAPTURE or RELEASE was already queued. */
    static boolean open(JdbcClient jdbc, UUID paymentId, UUID playId, PaymentJob.Kind kind, long delayMs) {
        return jdbc.sql("""
                        INSERT INTO pending_payment_jobs (id, payment_id, play_id, kind, next_attempt_at)
                        VALUES (?, ?, ?, ?, now() + ? * interval '1 millisecond')
                        ON CONFLICT (payment_id, kind) WHERE kind IN ('CAPTURE', 'RELEASE') DO NOTHING""")
                .params(UUID.randomUUID(), paymentId, playId, kind.name(), delayMs).update() == 1;
    }

    private static void afterCommit(Runnable r) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            r.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                r.run();
            }
        });
    }
}
