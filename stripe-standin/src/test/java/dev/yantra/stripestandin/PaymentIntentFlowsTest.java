package dev.yantra.stripestandin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.RefundCreateParams;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in driven by stripe-java itself, as Yantra drives Stripe: every call below is the official client's. */
class PaymentIntentFlowsTest {
    private StripeStandin stripe;
    private StripeClient client;

    @BeforeEach
    void start() {
        stripe = StripeStandin.start(StripeStandin.Config.defaults());
        client = StripeClient.builder().setApiKey(stripe.secretKey()).setApiBase(stripe.url()).build();
    }

    @AfterEach
    void stop() {
        stripe.close();
    }

    private PaymentIntentCreateParams.Builder hold(long cents, String paymentMethod) {
        return PaymentIntentCreateParams.builder().setAmount(cents).setCurrency("dop")
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
                .setPaymentMethod(paymentMethod).setConfirm(true).putMetadata("playId", UUID.randomUUID().toString());
    }

    private static RequestOptions key(String k) {
        return RequestOptions.builder().setIdempotencyKey(k).build();
    }

    @Test
    void aManualCaptureHoldIsCapturableThenCapturedInFullExactlyOnce() throws Exception {
        PaymentIntent pi = client.v1().paymentIntents().create(hold(5_000, "pm_card_visa").build(), key("play-1"));
        assertThat(pi.getStatus()).isEqualTo("requires_capture");
        assertThat(pi.getAmountCapturable()).isEqualTo(5_000L);
        assertThat(pi.getAmountReceived()).isZero();
        assertThat(pi.getCaptureMethod()).isEqualTo("manual");
        assertThat(pi.getClientSecret()).startsWith(pi.getId() + "_secret_");
        assertThat(pi.getLivemode()).isFalse();
        assertThat(pi.getMetadata()).containsKey("playId");

        PaymentIntent captured = client.v1().paymentIntents().capture(pi.getId(), key("capture:play-1"));
        assertThat(captured.getStatus()).isEqualTo("succeeded");
        assertThat(captured.getAmountReceived()).isEqualTo(5_000L);
        assertThat(captured.getAmountCapturable()).isZero();
        PaymentIntent again = client.v1().paymentIntents().capture(pi.getId(), key("capture:play-1"));
        assertThat(again.getStatus()).isEqualTo("succeeded");
        assertThat(again.getAmountReceived()).isEqualTo(5_000L);
        assertThat(events("charge.captured")).hasSize(1);

        Charge charge = client.v1().charges().retrieve(captured.getLatestCharge());
        assertThat(charge.getCaptured()).isTrue();
        assertThat(charge.getAmountCaptured()).isEqualTo(5_000L);
        assertThat(charge.getPaymentIntent()).isEqualTo(pi.getId());
    }

    @Test
    void aPartialCaptureTakesOnlyAmountToCaptureAndReleasesTheRest() throws Exception {
        PaymentIntent pi = client.v1().paymentIntents().create(hold(5_000, "pm_card_visa").build());
        PaymentIntent captured = client.v1().paymentIntents().capture(pi.getId(), PaymentIntentCaptureParams.builder().setAmountToCapture(3_000L).build());
        assertThat(captured.getAmountReceived()).isEqualTo(3_000L);
        Charge charge = client.v1().charges().retrieve(captured.getLatestCharge());
        assertThat(charge.getAmountCaptured()).isEqualTo(3_000L);
        assertThat(charge.getAmountRefunded()).isEqualTo(2_000L);
        assertThatThrownBy(() -> client.v1().paymentIntents().capture(pi.getId()))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).getCode()).isEqualTo("payment_intent_unexpected_state"));
    }

    @Test
    void capturingMoreThanTheHoldIsRefusedAndChangesNothing() throws Exception {
        PaymentIntent pi = client.v1().paymentIntents().create(hold(5_000, "pm_card_visa").build());
        assertThatThrownBy(() -> client.v1().paymentIntents().capture(pi.getId(), PaymentIntentCaptureParams.builder().setAmountToCapture(5_001L).build()))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).getParam()).isEqualTo("amount_to_capture"));
        assertThat(client.v1().paymentIntents().retrieve(pi.getId()).getStatus()).isEqualTo("requires_capture");
    }

    @Test
    void aCanceledHoldIsReleasedAndCanNeverBeCaptured() throws Exception {
        PaymentIntent pi = client.v1().paymentIntents().create(hold(2_500, "pm_card_visa").build());
        PaymentIntent canceled = client.v1().paymentIntents().cancel(pi.getId(), key("cancel:play"));
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getAmountCapturable()).isZero();
        assertThat(canceled.getCanceledAt()).isNotNull();
        assertThatThrownBy(() -> client.v1().paymentIntents().capture(pi.getId()))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> {
                    InvalidRequestException ire = (InvalidRequestException) e;
                    assertThat(ire.getCode()).isEqualTo("payment_intent_unexpected_state");
                    assertThat(ire.getStripeError().getPaymentIntent().getStatus()).isEqualTo("canceled");
                });
        assertThat(client.v1().charges().retrieve(canceled.getLatestCharge()).getRefunded()).isTrue();
    }

    @Test
    void aDeclinedCardIsA402CardErrorAndLeavesThePaymentIntentAwaitingAnotherMethod() throws Exception {
        for (String pm : List.of("pm_card_chargeDeclined", "pm_card_visa_chargeDeclined")) {
            assertThatThrownBy(() -> client.v1().paymentIntents().create(hold(5_000, pm).build()))
                    .isInstanceOf(CardException.class)
                    .satisfies(e -> {
                        CardException ce = (CardException) e;
                        assertThat(ce.getStatusCode()).isEqualTo(402);
                        assertThat(ce.getCode()).isEqualTo("card_declined");
                        assertThat(ce.getDeclineCode()).isEqualTo("generic_decline");
                        PaymentIntent pi = ce.getStripeError().getPaymentIntent();
                        assertThat(pi.getStatus()).isEqualTo("requires_payment_method");
                        assertThat(pi.getLastPaymentError().getCode()).isEqualTo("card_declined");
                        assertThat(pi.getAmountCapturable()).isZero();
                    });
        }
        assertThat(events("payment_intent.payment_failed")).hasSize(2);
        assertThat(events("payment_intent.amount_capturable_updated")).isEmpty();
    }

    @Test
    void threeDSecureWaitsForTheCustomerThenBecomesCapturable() throws Exception {
        PaymentIntent pi = client.v1().paymentIntents().create(hold(5_000, "pm_card_threeDSecure2Required").build());
        assertThat(pi.getStatus()).isEqualTo("requires_action");
        assertThat(pi.getNextAction().getType()).isEqualTo("use_stripe_sdk");
        assertThat(pi.getClientSecret()).isNotBlank();
        assertThatThrownBy(() -> client.v1().paymentIntents().capture(pi.getId())).isInstanceOf(InvalidRequestException.class);

        stripe.authenticate(pi.getId(), true);
        PaymentIntent after = client.v1().paymentIntents().retrieve(pi.getId());
        assertThat(after.getStatus()).isEqualTo("requires_capture");
        assertThat(after.getAmountCapturable()).isEqualTo(5_000L);
        assertThat(after.getNextAction()).isNull();
        assertThat(events("payment_intent.requires_action")).hasSize(1);
        assertThat(events("payment_intent.amount_capturable_updated")).hasSize(1);
    }

    @Test
    void aFailedThreeDSecureChallengeIsAPaymentFailure() throws Exception {
        PaymentIntent pi = client.v1().paymentIntents().create(hold(5_000, "pm_card_authenticationRequired").build());
        stripe.authenticate(pi.getId(), false);
        PaymentIntent after = client.v1().paymentIntents().retrieve(pi.getId());
        assertThat(after.getStatus()).isEqualTo("requires_payment_method");
        assertThat(after.getLastPaymentError().getCode()).isEqualTo("payment_intent_authentication_failure");
        assertThat(events("payment_intent.payment_failed")).hasSize(1);
    }

    @Test
    void theClientConfirmsWithItsClientSecretAndThePublishableKey() throws Exception {
        PaymentIntent pi = client.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(5_000L).setCurrency("dop")
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL).build());
        assertThat(pi.getStatus()).isEqualTo("requires_payment_method");
        StripeClient browser = StripeClient.builder().setApiKey(stripe.publishableKey()).setApiBase(stripe.url()).build();
        assertThatThrownBy(() -> browser.v1().paymentIntents().retrieve(pi.getId())).isInstanceOf(InvalidRequestException.class);
        PaymentIntent confirmed = browser.v1().paymentIntents().confirm(pi.getId(), com.stripe.param.PaymentIntentConfirmParams.builder()
                .setPaymentMethod("pm_card_visa").putExtraParam("client_secret", pi.getClientSecret()).build());
        assertThat(confirmed.getStatus()).isEqualTo("requires_capture");
        assertThatThrownBy(() -> browser.v1().paymentIntents().capture(pi.getId())).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void theSameIdempotencyKeyWithTheSameParamsReturnsTheSamePaymentIntent() throws Exception {
        PaymentIntentCreateParams params = hold(5_000, "pm_card_visa").build();
        PaymentIntent first = client.v1().paymentIntents().create(params, key("play-42"));
        PaymentIntent second = client.v1().paymentIntents().create(params, key("play-42"));
        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(second.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(stripe.paymentIntents()).hasSize(1);
        assertThat(events("payment_intent.amount_capturable_updated")).hasSize(1);
    }

    @Test
    void theSameIdempotencyKeyWithOtherParamsIsAnIdempotencyError() throws Exception {
        client.v1().paymentIntents().create(hold(5_000, "pm_card_visa").putMetadata("playId", "a").build(), key("play-43"));
        assertThatThrownBy(() -> client.v1().paymentIntents().create(hold(6_000, "pm_card_visa").putMetadata("playId", "a").build(), key("play-43")))
                .isInstanceOf(IdempotencyException.class)
                .satisfies(e -> assertThat(((IdempotencyException) e).getStatusCode()).isEqualTo(400));
        assertThat(stripe.paymentIntents()).hasSize(1);
    }

    @Test
    void aReplayedDeclineIsTheSameDeclineAndNoSecondAttempt() throws Exception {
        PaymentIntentCreateParams params = hold(5_000, "pm_card_chargeDeclined").build();
        CardException first = catchCard(() -> client.v1().paymentIntents().create(params, key("play-44")));
        CardException second = catchCard(() -> client.v1().paymentIntents().create(params, key("play-44")));
        assertThat(second.getStripeError().getPaymentIntent().getId()).isEqualTo(first.getStripeError().getPaymentIntent().getId());
        assertThat(events("charge.failed")).hasSize(1);
    }

    @Test
    void aCapturedPaymentIsRefundedInFullOrInPartsButNeverBeyondWhatWasCaptured() throws Exception {
        PaymentIntent pi = client.v1().paymentIntents().create(hold(5_000, "pm_card_visa").build());
        client.v1().paymentIntents().capture(pi.getId());
        Refund part = client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(pi.getId()).setAmount(1_000L).build(), key("refund:1"));
        assertThat(part.getStatus()).isEqualTo("succeeded");
        assertThat(part.getAmount()).isEqualTo(1_000L);
        assertThat(part.getPaymentIntent()).isEqualTo(pi.getId());
        Refund rest = client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(pi.getId()).build());
        assertThat(rest.getAmount()).isEqualTo(4_000L);
        assertThat(client.v1().refunds().retrieve(rest.getId()).getCharge()).isEqualTo(rest.getCharge());
        assertThat(client.v1().charges().retrieve(rest.getCharge()).getRefunded()).isTrue();
        assertThatThrownBy(() -> client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(pi.getId()).build()))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).getCode()).isEqualTo("charge_already_refunded"));
        assertThat(events("charge.refunded")).hasSize(2);
    }

    @Test
    void aHoldThatWasNeverCapturedCannotBeRefunded() throws Exception {
        PaymentIntent pi = client.v1().paymentIntents().create(hold(5_000, "pm_card_visa").build());
        assertThatThrownBy(() -> client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(pi.getId()).build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(client.v1().paymentIntents().retrieve(pi.getId()).getStatus()).isEqualTo("requires_capture");
    }

    @Test
    void anExpiredHoldIsCanceledAutomaticallyAndCanNoLongerBeCaptured() throws Exception {
        PaymentIntent pi = client.v1().paymentIntents().create(hold(5_000, "pm_card_visa").build());
        stripe.expireHold(pi.getId());
        PaymentIntent after = client.v1().paymentIntents().retrieve(pi.getId());
        assertThat(after.getStatus()).isEqualTo("canceled");
        assertThat(after.getCancellationReason()).isEqualTo("automatic");
        assertThatThrownBy(() -> client.v1().paymentIntents().capture(pi.getId())).isInstanceOf(InvalidRequestException.class);
        assertThat(events("payment_intent.canceled")).hasSize(1);
    }

    @Test
    void aHoldExpiresByItselfOnceItsLifetimeHasPassed() throws Exception {
        try (StripeStandin shortHolds = StripeStandin.start(StripeStandin.Config.defaults().withHoldLifetime(Duration.ofSeconds(1)))) {
            StripeClient c = StripeClient.builder().setApiKey(shortHolds.secretKey()).setApiBase(shortHolds.url()).build();
            PaymentIntent pi = c.v1().paymentIntents().create(hold(5_000, "pm_card_visa").build());
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!c.v1().paymentIntents().retrieve(pi.getId()).getStatus().equals("canceled") && System.nanoTime() < end) Thread.sleep(100);
            assertThat(c.v1().paymentIntents().retrieve(pi.getId()).getCancellationReason()).isEqualTo("automatic");
        }
    }

    @Test
    void automaticCaptureSucceedsAtOnce() throws Exception {
        PaymentIntent pi = client.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(10_000L).setCurrency("usd")
                .setPaymentMethod("pm_card_visa").setConfirm(true).build(), key("topup-1"));
        assertThat(pi.getStatus()).isEqualTo("succeeded");
        assertThat(pi.getAmountReceived()).isEqualTo(10_000L);
        assertThat(events("payment_intent.succeeded")).hasSize(1);
    }

    @Test
    void expandingLatestChargeReturnsTheChargeObject() throws Exception {
        PaymentIntent pi = client.v1().paymentIntents().create(hold(5_000, "pm_card_visa").build());
        PaymentIntent expanded = client.v1().paymentIntents().retrieve(pi.getId(), PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build());
        assertThat(expanded.getLatestChargeObject().getId()).isEqualTo(pi.getLatestCharge());
        assertThat(expanded.getLatestChargeObject().getCaptured()).isFalse();
    }

    @Test
    void aWrongApiKeyIsA401InStripesShape() {
        StripeClient wrong = StripeClient.builder().setApiKey("sk_test_not_the_key").setApiBase(stripe.url()).build();
        assertThatThrownBy(() -> wrong.v1().paymentIntents().create(hold(5_000, "pm_card_visa").build()))
                .isInstanceOf(AuthenticationException.class)
                .satisfies(e -> assertThat(((AuthenticationException) e).getStatusCode()).isEqualTo(401))
                .hasMessageContaining("Invalid API Key provided");
        assertThat(stripe.paymentIntents()).isEmpty();
    }

    @Test
    void anUnknownPaymentMethodOrPaymentIntentIsResourceMissing() {
        assertThatThrownBy(() -> client.v1().paymentIntents().create(hold(5_000, "pm_card_nope").build()))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).getCode()).isEqualTo("resource_missing"));
        assertThatThrownBy(() -> client.v1().paymentIntents().retrieve("pi_missing"))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).getStatusCode()).isEqualTo(404));
    }

    @Test
    void everyEventCarriesTheApiVersionStripeJavaPins() throws Exception {
        assertThat(StripeStandin.API_VERSION).isEqualTo(Stripe.API_VERSION);
        PaymentIntent pi = client.v1().paymentIntents().create(hold(5_000, "pm_card_visa").build());
        client.v1().paymentIntents().capture(pi.getId());
        List<Event> all = client.v1().events().list(EventListParams.builder().setLimit(100L).build()).getData();
        assertThat(all).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getApiVersion()).isEqualTo(Stripe.API_VERSION);
            assertThat(e.getDataObjectDeserializer().getObject()).isPresent();
        });
        assertThat(all.get(0).getType()).isEqualTo("payment_intent.succeeded");   // newest first
        Event one = client.v1().events().retrieve(all.get(0).getId());
        assertThat(((PaymentIntent) one.getDataObjectDeserializer().getObject().orElseThrow()).getId()).isEqualTo(pi.getId());
    }

    private List<Event> events(String type) throws Exception {
        return client.v1().events().list(EventListParams.builder().setType(type).setLimit(100L).build()).getData();
    }

    private interface Call {
        void run() throws Exception;
    }

    private static CardException catchCard(Call call) throws Exception {
        try {
            call.run();
        } catch (CardException e) {
            return e;
        }
        throw new AssertionError("expected a card error");
    }
}
