/**
 * The Stripe stand-in: an in-memory imitation of the part of Stripe's API that Yantra calls through stripe-java
 * (PaymentIntents with manual or automatic capture, refunds, events), with Stripe's test payment methods, its
 * idempotency and error shapes, signed webhooks and fault injection. It exists for the demo and the tests — no
 * Stripe test server can be downloaded, and users should not need one; production talks to Stripe itself.
 * What it simulates is described in docs/stripe-standin.md.
 */
package dev.yantra.stripestandin;
