/**
 * The server module's part of the Stripe stand-in: {@link dev.yantra.stripestandin.StripeStandinCommand},
 * {@code yantra stripe-standin serve|faults}, which runs the stand-in alone and sets or shows its faults. The package
 * name is shared with the stripe-standin module, which owns the stand-in itself (the imitation of the Stripe API that
 * stripe-java calls, its signed webhooks and fault injection; docs/stripe-standin.md describes it); this module only
 * adds the command.
 */
package dev.yantra.stripestandin;
