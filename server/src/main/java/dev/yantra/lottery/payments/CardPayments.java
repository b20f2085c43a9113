package dev.yantra.lottery.payments;

import dev.yantra.api.ApiException;
import dev.yantra.lottery.money.LotteryAmount;
import dev.yantra.lottery.plays.CardCheckout;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A card play's checkout: the payment row and its SYNC job written in the play's transaction, then — once the
 * play is committed — the PaymentIntent created with manual capture and the play id as idempotency key
 * (confirmed at once when the client sent a payment method). The answer decides the play: a capturable hold
 * queues it for the banca, a decline fails it, {@code requires_action} leaves it waiting with the client secret
 * for 3-D Secure. A Stripe outage leaves it waiting too: the SYNC job creates the PaymentIntent later.
 */
public final class CardPayments implements CardCheckout {
    private static final Logger log = LoggerFactory.getLogger(CardPayments.class);

    private final StripeSettings settings;
    private final JdbcClient jdbc;
    private final PaymentStore payments;
    private final StripeGateway stripe;
    private final PaymentSync sync;
    private final long syncDelayMs;

    /** @param stripe null when Stripe is not configured: every card play is refused as unavailable */
    public CardPayments(StripeSettings settings, JdbcClient jdbc, PaymentStore payments, StripeGateway stripe, PaymentSync sync,
                        long syncDelayMs) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.payments = payments;
        this.stripe = stripe;
        this.sync = sync;
        this.syncDelayMs = syncDelayMs;
    }

    @Override
    public void check(String currency, long amountMicro) {
        if (stripe == null) {
            throw new ApiException(422, "payment_method_unavailable", "card payments are not configured on this server; pay from the wallet");
        }
        long min = settings.cardMinimumMicro(currency);
        if (amountMicro < min) {
            throw new ApiException(422, "amount_below_card_minimum", "a card payment in " + currency + " must be at least "
                    + LotteryAmount.format(min));
        }
    }

    @Override
    public void open(UUID playId, UUID requestId, UUID userId, long amountMicro, String currency, String paymentMethodId) {
        if (!payments.insert(playId, Payment.Kind.PLAY, playId, requestId, null, userId, amountMicro, currency, "manual", paymentMethodId)) {
            throw new IllegalStateException("a payment for request " + requestId + " exists though its play was just created");
        }
        PaymentJobs.open(jdbc, playId, playId, PaymentJob.Kind.SYNC, syncDelayMs);
    }

    @Override
    public void start(UUID playId) {
        try {
            payments.find(playId).ifPresent(p -> IntentCreation.createAndApply(stripe, sync, p, StripeGateway.Context.of(p.id(), playId)));
        } catch (RuntimeException e) {
            log.warn("card payment of play {} not started now (the payment queue retries): {}", playId, e.toString());
        }
    }

    @Override
    public Optional<Map<String, Object>> describe(UUID playId) {
        return payments.findByPlay(playId).map(Payment::toJson);
    }
}
