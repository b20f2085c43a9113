package dev.yantra.stripestandin;

import java.util.Map;

/**
 * Stripe's test payment methods, by the ids its documentation gives them, and what confirming a PaymentIntent
 * with each does. An id that is not here is "No such PaymentMethod", as on Stripe.
 */
final class TestPaymentMethods {
    enum Kind { SUCCEEDS, DECLINED, REQUIRES_AUTHENTICATION }

    /**
     * @param code        the error code of a decline ({@code card_declined}, {@code expired_card}, ...)
     * @param declineCode the issuer's reason, when the code is {@code card_declined}
     */
    record Outcome(Kind kind, String brand, String last4, String code, String declineCode, String message) {
        static Outcome ok(String brand, String last4) {
            return new Outcome(Kind.SUCCEEDS, brand, last4, null, null, null);
        }

        static Outcome declined(String last4, String code, String declineCode, String message) {
            return new Outcome(Kind.DECLINED, "visa", last4, code, declineCode, message);
        }

        static Outcome authentication(String last4) {
            return new Outcome(Kind.REQUIRES_AUTHENTICATION, "visa", last4, null, null, null);
        }
    }

    private static final Map<String, Outcome> METHODS = Map.ofEntries(
            Map.entry("pm_card_visa", Outcome.ok("visa", "4242")),
            Map.entry("pm_card_visa_debit", Outcome.ok("visa", "5556")),
            Map.entry("pm_card_mastercard", Outcome.ok("mastercard", "4444")),
            Map.entry("pm_card_amex", Outcome.ok("amex", "8431")),
            Map.entry("pm_card_discover", Outcome.ok("discover", "1117")),
            Map.entry("pm_card_chargeDeclined", Outcome.declined("0002", "card_declined", "generic_decline", "Your card was declined.")),
            Map.entry("pm_card_visa_chargeDeclined", Outcome.declined("0002", "card_declined", "generic_decline", "Your card was declined.")),
            Map.entry("pm_card_chargeDeclinedInsufficientFunds", Outcome.declined("9995", "card_declined", "insufficient_funds", "Your card has insufficient funds.")),
            Map.entry("pm_card_visa_chargeDeclinedInsufficientFunds", Outcome.declined("9995", "card_declined", "insufficient_funds", "Your card has insufficient funds.")),
            Map.entry("pm_card_visa_chargeDeclinedLostCard", Outcome.declined("9987", "card_declined", "lost_card", "Your card was declined.")),
            Map.entry("pm_card_visa_chargeDeclinedStolenCard", Outcome.declined("9979", "card_declined", "stolen_card", "Your card was declined.")),
            Map.entry("pm_card_chargeDeclinedFraudulent", Outcome.declined("0019", "card_declined", "fraudulent", "Your card was declined.")),
            Map.entry("pm_card_chargeDeclinedExpiredCard", Outcome.declined("0069", "expired_card", "expired_card", "Your card has expired.")),
            Map.entry("pm_card_chargeDeclinedIncorrectCvc", Outcome.declined("0127", "incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect.")),
            Map.entry("pm_card_chargeDeclinedProcessingError", Outcome.declined("0119", "processing_error", "processing_error", "An error occurred while processing your card. Try again in a little bit.")),
            Map.entry("pm_card_threeDSecure2Required", Outcome.authentication("3220")),
            Map.entry("pm_card_threeDSecureRequired", Outcome.authentication("3063")),
            Map.entry("pm_card_authenticationRequired", Outcome.authentication("3184")));

    private TestPaymentMethods() {
    }

    static Outcome lookup(String paymentMethod) {
        Outcome o = METHODS.get(paymentMethod);
        if (o == null) throw StripeError.noSuch("PaymentMethod", "payment_method", paymentMethod);
        return o;
    }

    /** The PaymentMethod object as Stripe embeds it in {@code last_payment_error.payment_method}. */
    static Map<String, Object> object(String id, Outcome o, long created) {
        return Map.of("id", id, "object", "payment_method", "type", "card", "created", created, "livemode", false,
                "card", Map.of("brand", o.brand(), "last4", o.last4(), "exp_month", 12, "exp_year", 2034, "funding", "credit", "country", "US"));
    }
}
