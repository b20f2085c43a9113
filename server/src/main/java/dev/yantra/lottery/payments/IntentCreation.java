package dev.yantra.lottery.payments;

import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentCreateParams;
import java.util.Locale;

/**
 * Creating a payment's PaymentIntent: the same parameters and the same idempotency key (the payment's id — for a
 * card play, the play id) on every try, so a repeat after a lost answer gets Stripe's first answer again, and
 * whatever Stripe answered applied through {@link PaymentSync}.
 */
final class IntentCreation {
    private IntentCreation() {
    }

    static PaymentIntentCreateParams params(Payment p) {
        PaymentIntentCreateParams.Builder b = PaymentIntentCreateParams.builder()
                .setAmount(p.amountMinor())
                .setCurrency(p.currency().toLowerCase(Locale.ROOT))
                .setCaptureMethod("manual".equals(p.captureMethod()) ? PaymentIntentCreateParams.CaptureMethod.MANUAL
                        : PaymentIntentCreateParams.CaptureMethod.AUTOMATIC)
                .putMetadata("paymentId", p.id().toString())
                .putMetadata("kind", p.kind().name().toLowerCase(Locale.ROOT))
                .putMetadata("userId", p.userId().toString())
                .setDescription(p.kind() == Payment.Kind.PLAY ? "Yantra lottery play " + p.playId() : "Yantra wallet top-up " + p.id());
        if (p.playId() != null) b.putMetadata("playId", p.playId().toString());
        if (p.paymentMethodId() != null) b.setPaymentMethod(p.paymentMethodId()).setConfirm(true);
        return b.build();
    }

    /** True when Stripe gave an answer about the payment (applied); false when the queue has to try again. */
    static boolean createAndApply(StripeGateway stripe, PaymentSync sync, Payment p, StripeGateway.Context ctx) {
        StripeGateway.Result<PaymentIntent> r = stripe.create(ctx, params(p), p.id().toString());
        switch (r) {
            case StripeGateway.Result.Ok<PaymentIntent> ok -> sync.apply(p.id(), IntentState.of(ok.value()));
            case StripeGateway.Result.Declined<PaymentIntent> d -> {
                if (d.intent() != null) sync.apply(p.id(), IntentState.of(d.intent()));
                else sync.failWithoutIntent(p.id(), d.declineCode() != null ? d.declineCode() : d.code(), d.message());
            }
            case StripeGateway.Result.Refused<PaymentIntent> f -> {
                if (f.intent() != null) sync.apply(p.id(), IntentState.of(f.intent()));
                else sync.failWithoutIntent(p.id(), f.code(), "Stripe refused the request (" + f.status() + " " + f.code() + "): " + f.message());
            }
            case StripeGateway.Result.Unavailable<PaymentIntent> u -> {
                return false;
            }
        }
        return true;
    }
}
