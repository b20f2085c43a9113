package dev.yantra.lottery.payments;

import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import dev.yantra.jobs.JobHandler;
import dev.yantra.jobs.JobOutcome;
import dev.yantra.lottery.play.PlayState;
import dev.yantra.lottery.plays.PlayRow;
import dev.yantra.lottery.plays.PlayStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One try of a payment job. Each try reads where the payment stands, makes at most the Stripe calls it needs
 * (idempotency keys {@code capture:<play>}, {@code cancel:<play>}, {@code refund:<play>}) and applies the answer
 * through {@link PaymentSync} in its own transaction; applying is idempotent, so completing the job afterwards
 * needs nothing more ({@link #onCompleted} is empty) and a try repeated after a lost lease changes nothing.
 */
final class PaymentJobHandler implements JobHandler<PaymentJob> {
    /** A top-up the customer has not paid within this long is abandoned: its PaymentIntent is cancelled. */
    static final Duration TOPUP_ABANDONED_AFTER = Duration.ofHours(1);
    /** Tries a RELEASE waits for a create that may still be under way before it asks Stripe itself. */
    static final int RELEASE_WAITS_FOR_CREATE = 3;

    private final PaymentStore payments;
    private final PlayStore plays;
    private final StripeGateway stripe;
    private final PaymentSync sync;
    private final Clock clock;

    PaymentJobHandler(PaymentStore payments, PlayStore plays, StripeGateway stripe, PaymentSync sync, Clock clock) {
        this.payments = payments;
        this.plays = plays;
        this.stripe = stripe;
        this.sync = sync;
        this.clock = clock;
    }

    @Override
    public JobOutcome attempt(PaymentJob job) {
        Optional<Payment> found = payments.find(job.paymentId());
        if (found.isEmpty()) return new JobOutcome.Done("no_payment", true);
        Payment p = found.get();
        StripeGateway.Context ctx = new StripeGateway.Context(p.id(), p.playId(), job.id(), job.attempts() + 1);
        return switch (job.kind()) {
            case SYNC -> syncTry(job, p, ctx);
            case CAPTURE -> captureTry(p, ctx);
            case RELEASE -> releaseTry(job, p, ctx);
        };
    }

    @Override
    public void onCompleted(JdbcClient tx, PaymentJob job, JobOutcome.Done done) {
        // every try applied its answer already (PaymentSync), in its own transaction
    }

    private JobOutcome syncTry(PaymentJob job, Payment p, StripeGateway.Context ctx) {
        if (settled(p)) return new JobOutcome.Done("settled", true);
        if (p.paymentIntentId() == null) {
            if ("create_refused".equals(p.status())) return new JobOutcome.Done("create_refused", true);
            if (!IntentCreation.createAndApply(stripe, sync, p, ctx)) return new JobOutcome.Retry("stripe_unavailable", "creating the PaymentIntent", false);
        } else {
            StripeGateway.Result<PaymentIntent> r = stripe.retrieve(ctx, p.paymentIntentId());
            if (!(r instanceof StripeGateway.Result.Ok<PaymentIntent> ok)) return retry("retrieve", r);
            sync.apply(p.id(), IntentState.of(ok.value()));
        }
        Payment now = payments.find(p.id()).orElseThrow();
        if (settled(now)) return new JobOutcome.Done("settled", false);
        if (now.kind() == Payment.Kind.TOPUP && now.createdAt().plus(TOPUP_ABANDONED_AFTER).isBefore(clock.instant())
                && now.paymentIntentId() != null) {
            StripeGateway.Result<PaymentIntent> c = stripe.cancel(ctx, now.paymentIntentId(), "cancel:" + now.id());
            if (c instanceof StripeGateway.Result.Ok<PaymentIntent> ok) {
                sync.apply(now.id(), IntentState.of(ok.value()));
                return new JobOutcome.Done("abandoned", false);
            }
            return retry("cancel", c);
        }
        return new JobOutcome.Retry("awaiting_customer", "the payment is " + now.status(), false);
    }

    /** Nothing more for SYNC to do: the play left AWAITING_PAYMENT, or the top-up is credited or over. */
    private boolean settled(Payment p) {
        if (p.kind() == Payment.Kind.PLAY) {
            return plays.find(p.playId()).map(x -> x.state() != PlayState.AWAITING_PAYMENT).orElse(true);
        }
        return p.credited() || "canceled".equals(p.status()) || "create_refused".equals(p.status());
    }

    private JobOutcome captureTry(Payment p, StripeGateway.Context ctx) {
        if (p.capturedMinor() > 0 || "succeeded".equals(p.status())) return new JobOutcome.Done("already_captured", true);
        PlayRow play = plays.find(p.playId()).orElse(null);
        if (play == null || play.state() != PlayState.CONFIRMED) return new JobOutcome.Done("play_not_confirmed", true);
        StripeGateway.Result<PaymentIntent> r = stripe.capture(ctx, p.paymentIntentId(), "capture:" + p.playId());
        if (r instanceof StripeGateway.Result.Ok<PaymentIntent> ok) {
            sync.apply(p.id(), IntentState.of(ok.value()));
            return new JobOutcome.Done("captured", false);
        }
        if (r instanceof StripeGateway.Result.Refused<PaymentIntent>) {
            // not capturable: already captured by an earlier try whose answer was lost, or the hold is gone
            StripeGateway.Result<PaymentIntent> again = stripe.retrieve(ctx, p.paymentIntentId());
            if (again instanceof StripeGateway.Result.Ok<PaymentIntent> ok) {
                IntentState s = IntentState.of(ok.value());
                sync.apply(p.id(), s);
                if ("succeeded".equals(s.status())) return new JobOutcome.Done("captured", false);
                if ("canceled".equals(s.status())) {
                    payments.flag(p.id(), "the hold lapsed before capture: a confirmed play whose stake was not collected");
                    plays.flag(p.playId(), "its card hold lapsed before capture: the stake was not collected");
                    return new JobOutcome.Done("hold_lost", false);
                }
            }
        }
        if (r instanceof StripeGateway.Result.Unavailable<PaymentIntent> u && "breaker_open".equals(u.why())) {
            return new JobOutcome.NotAttempted("breaker_open");
        }
        // the banca confirmed: this money is owed, so every failed capture is retried and a person is told
        String why = describe(r);
        payments.flag(p.id(), "capture failing after the banca confirmed: " + why);
        return new JobOutcome.Retry("capture_failed", why, true);
    }

    private JobOutcome releaseTry(PaymentJob job, Payment p, StripeGateway.Context ctx) {
        if ("create_refused".equals(p.status())) return new JobOutcome.Done("nothing_to_release", true);
        String intentId = p.paymentIntentId();
        if (intentId == null) {
            // a create may still be under way on another path; after a few tries ask Stripe with the create's own key
            if (job.attempts() < RELEASE_WAITS_FOR_CREATE) return new JobOutcome.Retry("waiting_for_create", "no PaymentIntent recorded yet", false);
            if (!IntentCreation.createAndApply(stripe, sync, p, ctx)) return new JobOutcome.Retry("stripe_unavailable", "replaying the create", false);
            Payment now = payments.find(p.id()).orElseThrow();
            if (now.paymentIntentId() == null) return new JobOutcome.Done("nothing_to_release", false);
            intentId = now.paymentIntentId();
        }
        StripeGateway.Result<PaymentIntent> read = stripe.retrieve(ctx, intentId);
        if (!(read instanceof StripeGateway.Result.Ok<PaymentIntent> ok)) return retry("retrieve", read);
        IntentState s = IntentState.of(ok.value());
        sync.apply(p.id(), s);
        switch (s.status()) {
            case "canceled" -> {
                return new JobOutcome.Done("canceled", false);
            }
            case "processing" -> {
                return new JobOutcome.Retry("processing", "the payment is processing", false);
            }
            case "succeeded" -> {
                // captured, then the play ended otherwise (its draw was cancelled): the one case for a refund
                StripeGateway.Result<Refund> rf = stripe.refund(ctx, intentId, "refund:" + p.playId(), "play " + p.playId() + " did not stand");
                if (rf instanceof StripeGateway.Result.Ok<Refund> r) {
                    payments.recordRefund(p.id(), r.value().getId(), r.value().getStatus(),
                            "succeeded".equals(r.value().getStatus()) ? nz(r.value().getAmount()) : 0);
                    return new JobOutcome.Done("refunded", false);
                }
                return retry("refund", rf);
            }
            default -> {
                StripeGateway.Result<PaymentIntent> c = stripe.cancel(ctx, intentId, "cancel:" + p.playId());
                if (c instanceof StripeGateway.Result.Ok<PaymentIntent> canceled) {
                    sync.apply(p.id(), IntentState.of(canceled.value()));
                    return new JobOutcome.Done("canceled", false);
                }
                return retry("cancel", c);
            }
        }
    }

    private static JobOutcome retry(String what, StripeGateway.Result<?> r) {
        if (r instanceof StripeGateway.Result.Unavailable<?> u && "breaker_open".equals(u.why())) return new JobOutcome.NotAttempted("breaker_open");
        return new JobOutcome.Retry(what + "_failed", describe(r), r instanceof StripeGateway.Result.Refused<?>);
    }

    private static String describe(StripeGateway.Result<?> r) {
        return switch (r) {
            case StripeGateway.Result.Ok<?> ok -> "ok";
            case StripeGateway.Result.Declined<?> d -> "declined " + d.code() + ": " + d.message();
            case StripeGateway.Result.Refused<?> f -> "refused " + f.status() + " " + f.code() + ": " + f.message();
            case StripeGateway.Result.Unavailable<?> u -> u.why();
        };
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }
}
