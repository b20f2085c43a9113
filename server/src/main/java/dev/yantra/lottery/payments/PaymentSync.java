package dev.yantra.lottery.payments;

import dev.yantra.db.Rows;
import dev.yantra.lottery.ledger.LedgerKind;
import dev.yantra.lottery.ledger.PlayerLedger;
import dev.yantra.lottery.play.PlayState;
import dev.yantra.lottery.play.PlayTransitions;
import dev.yantra.lottery.plays.ForwardingJobs;
import dev.yantra.lottery.plays.PlayRow;
import dev.yantra.lottery.plays.PlayStore;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place a PaymentIntent's state is applied — whether it came in the answer to our call, in a card
 * error, or from a re-read after a webhook — with the payment row locked, so the create path, the webhook and
 * the queue take turns. A state older than the one recorded is ignored (an answer that lost the race to a
 * webhook), so the order things arrive in does not matter. For a card play: a capturable hold moves the play
 * to QUEUED and opens its forwarding job (or fails it when its draw closed meanwhile); a failed or cancelled
 * payment fails a play still waiting for it. For a top-up: {@code succeeded} credits the ledger once.
 */
public final class PaymentSync {
    private static final Logger log = LoggerFactory.getLogger(PaymentSync.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PaymentStore payments;
    private final PlayStore plays;
    private final PlayerLedger ledger;
    private final Runnable wakeForwarding;

    public PaymentSync(JdbcClient jdbc, TransactionTemplate tx, PaymentStore payments, PlayStore plays, PlayerLedger ledger,
                       Runnable wakeForwarding) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.payments = payments;
        this.plays = plays;
        this.ledger = ledger;
        this.wakeForwarding = wakeForwarding;
    }

    /** Applies {@code s} to the payment in its own transaction; returns the payment as it is afterwards. */
    public Optional<Payment> apply(UUID paymentId, IntentState s) {
        return Optional.ofNullable(tx.execute(st -> {
            // lock order: the play first, then its payment — the order of every play move that queues payment work
            Payment unlocked = payments.find(paymentId).orElse(null);
            if (unlocked == null) return null;
            if (unlocked.playId() != null) plays.lock(unlocked.playId());
            Payment p = payments.lock(paymentId).orElseThrow();
            if (p.paymentIntentId() != null && !p.paymentIntentId().equals(s.id())) {
                payments.flag(p.id(), "a PaymentIntent " + s.id() + " claims this payment, which has " + p.paymentIntentId());
                return p;
            }
            if (rank(s.status(), s.errorCode()) < rank(p.status(), p.lastErrorCode())) return p;   // older news
            payments.recordIntent(p.id(), s);
            if (p.kind() == Payment.Kind.PLAY) applyToPlay(p, s);
            else applyToTopUp(p, s);
            return payments.find(paymentId).orElseThrow();
        }));
    }

    /** The payment could not be made at all (Stripe refused the request, no PaymentIntent exists): a waiting play fails. */
    void failWithoutIntent(UUID paymentId, String code, String why) {
        tx.executeWithoutResult(st -> {
            Payment unlocked = payments.find(paymentId).orElse(null);
            if (unlocked == null) return;
            if (unlocked.playId() != null) plays.lock(unlocked.playId());
            Payment p = payments.lock(paymentId).orElseThrow();
            if (p.paymentIntentId() != null) return;
            Rows.exactlyOne(jdbc.sql("UPDATE payments SET status = 'create_refused', last_error_code = ?, last_error_message = ?, updated_at = now() WHERE id = ?")
                    .params(code, why, paymentId).update(), "refused creation of payment " + paymentId);
            if (p.kind() == Payment.Kind.PLAY) failWaitingPlay(p.playId(), "the card payment could not be created: " + why);
        });
    }

    private void applyToPlay(Payment p, IntentState s) {
        PlayRow play = plays.lock(p.playId()).orElseThrow(() -> new IllegalStateException("payment " + p.id() + " has no play"));
        switch (s.status()) {
            case "requires_capture" -> {
                if (play.state() != PlayState.AWAITING_PAYMENT) return;
                if (s.amountCapturableMinor() < p.amountMinor()) {
                    payments.flag(p.id(), "hold of " + s.amountCapturableMinor() + " for a play of " + p.amountMinor() + " minor units");
                    move(play, PlayTransitions.PAYMENT_FAILED, "the card hold was smaller than the stake");
                } else if (drawOnSale(play.drawId())) {
                    move(play, PlayTransitions.PAYMENT_AUTHORIZED, null);
                    ForwardingJobs.openRegister(jdbc, play.bancaId(), play.id());
                    afterCommit(wakeForwarding);
                } else {
                    move(play, PlayTransitions.PAYMENT_FAILED, "the draw closed before the card hold was ready");
                }
            }
            case "canceled" -> {
                if (play.state() == PlayState.AWAITING_PAYMENT) {
                    move(play, PlayTransitions.PAYMENT_FAILED, "the card payment was canceled");
                } else if (!play.state().moneyReleased() && p.capturedMinor() == 0) {
                    // the hold lapsed (or was cancelled outside Yantra) while the play is with the banca or in the draw
                    payments.flag(p.id(), "the card hold was canceled before capture while the play is " + play.state());
                    plays.flag(play.id(), "its card hold was canceled before capture: the stake will not be collected");
                }
            }
            case "requires_payment_method" -> {
                if (s.failedAttempt() && play.state() == PlayState.AWAITING_PAYMENT) {
                    move(play, PlayTransitions.PAYMENT_FAILED, "card payment failed: " + s.errorCode());
                }
            }
            default -> { }   // requires_action, requires_confirmation, processing: the customer or the bank acts; succeeded: captured
        }
    }

    private void applyToTopUp(Payment p, IntentState s) {
        if (!"succeeded".equals(s.status()) || p.credited()) return;
        ledger.credit(p.userId(), p.currency(), p.amountMicro(), LedgerKind.DEPOSIT, "topup:" + p.id(), "topup:" + p.id(), "stripe");
        payments.markCredited(p.id());
        log.atInfo().addKeyValue("paymentId", p.id().toString()).log("topup_credited {} {} {}", p.id(), p.currency(), p.amountMicro());
    }

    private void failWaitingPlay(UUID playId, String reason) {
        plays.lock(playId).filter(x -> x.state() == PlayState.AWAITING_PAYMENT)
                .ifPresent(x -> move(x, PlayTransitions.PAYMENT_FAILED, reason));
    }

    private void move(PlayRow play, PlayTransitions t, String reason) {
        if (!plays.move(play, t, reason, PlayStore.BancaIds.NONE)) {
            throw new IllegalStateException("locked play " + play.id() + " moved under its lock");
        }
    }

    private boolean drawOnSale(UUID drawId) {
        return jdbc.sql("SELECT state = 'OPEN' AND closes_at > now() FROM draws WHERE id = ?").param(drawId)
                .query(Boolean.class).optional().orElse(false);
    }

    /**
     * How far along a payment is, so an older answer never overwrites a newer one. A failed attempt ranks above
     * the customer's pending action it ended; final states rank highest.
     */
    static int rank(String status, String errorCode) {
        return switch (status) {
            case Payment.CREATING -> 0;
            case "requires_payment_method" -> errorCode == null ? 1 : 3;
            case "requires_confirmation" -> 1;
            case "requires_action" -> 2;
            case "processing" -> 3;
            case "requires_capture" -> 4;
            case "succeeded", "canceled" -> 5;
            default -> 0;
        };
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
