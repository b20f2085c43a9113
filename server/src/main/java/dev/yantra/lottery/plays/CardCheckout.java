package dev.yantra.lottery.plays;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The card side of buying a play, provided by the payments room ({@code dev.yantra.lottery.payments}); without
 * one (no Stripe configured) card plays are refused with 422 {@code payment_method_unavailable}.
 */
public interface CardCheckout {
    /** Refuses, with an ApiException, a card play this node cannot take (payments unavailable, below the card minimum). */
    void check(String currency, long amountMicro);

    /** Inside the play's transaction: records the payment to be taken for the new play (nothing is sent yet). */
    void open(UUID playId, UUID requestId, UUID userId, long amountMicro, String currency, String paymentMethodId);

    /**
     * After the play committed: creates the PaymentIntent (and confirms it when a payment method was given) and
     * applies what Stripe answered. Never throws for Stripe's sake: what is left undone, the payment queue does.
     */
    void start(UUID playId);

    /** The {@code payment} object of a card play as its player sees it (status, clientSecret while they must act). */
    Optional<Map<String, Object>> describe(UUID playId);
}
