/**
 * Card payments through Stripe: a card play's hold (PaymentIntent, manual capture) and wallet top-ups
 * (automatic capture). Owns the tables payments, pending_payment_jobs, payment_calls and stripe_events, the
 * webhook {@code POST /webhooks/stripe}, the Stripe breaker and the money that follows a card play's state:
 * forwarded once the hold is capturable, captured when the banca confirms, the hold cancelled (or, after a
 * capture, refunded) when the play ends any other way. Every Stripe call goes through stripe-java
 * ({@link dev.yantra.lottery.payments.StripeGateway}); the contract is docs/lottery-payments.md.
 */
package dev.yantra.lottery.payments;
