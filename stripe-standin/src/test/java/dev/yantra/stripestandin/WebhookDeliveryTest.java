package dev.yantra.stripestandin;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.net.Webhook;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every webhook the stand-in sends is verified by stripe-java's own {@code Webhook.constructEvent}, with 300 s tolerance. */
class WebhookDeliveryTest {
    private static final String SECRET = "whsec_test_current";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private WebhookReceiver receiver;
    private StripeStandin stripe;
    private StripeClient client;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver(SECRET);
        stripe = StripeStandin.start(StripeStandin.Config.defaults().withWebhook(receiver.url(), SECRET).withWebhookRetries(4, 50));
        client = StripeClient.builder().setApiKey(stripe.secretKey()).setApiBase(stripe.url()).build();
    }

    @AfterEach
    void stop() {
        stripe.close();
        receiver.close();
    }

    private PaymentIntent hold(String pm) throws Exception {
        return client.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(5_000L).setCurrency("dop")
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL).setPaymentMethod(pm).setConfirm(true).build());
    }

    private static List<String> types(List<Event> events) {
        return events.stream().map(Event::getType).toList();
    }

    @Test
    void aHoldCapturedAndRefundedSendsTheSignedEventsYantraHandlesInOrder() throws Exception {
        PaymentIntent pi = hold("pm_card_visa");
        client.v1().paymentIntents().capture(pi.getId());
        client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(pi.getId()).build());
        List<Event> got = receiver.await(WAIT, e -> e.size() >= 3);
        assertThat(types(got)).containsExactly("payment_intent.amount_capturable_updated", "payment_intent.succeeded", "charge.refunded");
        assertThat(receiver.received()).allSatisfy(r -> {
            assertThat(r.verificationError()).isNull();
            assertThat(r.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
        });
        assertThat(got).allSatisfy(e -> {
            assertThat(e.getApiVersion()).isEqualTo(com.stripe.Stripe.API_VERSION);
            assertThat(e.getDataObjectDeserializer().getObject()).isPresent();
        });
        PaymentIntent inEvent = (PaymentIntent) got.get(0).getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(inEvent.getId()).isEqualTo(pi.getId());
        assertThat(inEvent.getAmountCapturable()).isEqualTo(5_000L);
    }

    @Test
    void declinesThreeDSecureAndCancellationsSendTheirEvents() throws Exception {
        try {
            hold("pm_card_chargeDeclined");
        } catch (com.stripe.exception.CardException expected) {
            // the decline is also a webhook
        }
        PaymentIntent secure = hold("pm_card_threeDSecure2Required");
        client.v1().paymentIntents().cancel(secure.getId());
        List<Event> got = receiver.await(WAIT, e -> e.size() >= 3);
        assertThat(types(got)).containsExactlyInAnyOrder("payment_intent.payment_failed", "payment_intent.requires_action", "payment_intent.canceled");
        // deliveries about different payments go in parallel; those about one payment arrive in order
        assertThat(types(got.stream().filter(e -> e.toJson().contains(secure.getId())).toList()))
                .containsExactly("payment_intent.requires_action", "payment_intent.canceled");
    }

    @Test
    void duringSecretRotationEveryDeliveryIsSignedWithBothSecretsAndEitherVerifiesIt() throws Exception {
        stripe.webhookSecrets(SECRET, "whsec_test_next");
        hold("pm_card_visa");
        receiver.await(WAIT, e -> e.size() >= 1);
        WebhookReceiver.Received r = receiver.received().get(0);
        assertThat(r.signature()).matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
        assertThat(Webhook.constructEvent(r.payload(), r.signature(), "whsec_test_next", 300).getType()).isEqualTo("payment_intent.amount_capturable_updated");
        assertThat(Webhook.constructEvent(r.payload(), r.signature(), SECRET, 300).getId()).isEqualTo(r.event().getId());
    }

    @Test
    void withDuplicateRateOneEveryEventArrivesTwiceWithTheSameId() throws Exception {
        stripe.changeFaults(Map.of("duplicateRate", 1.0));
        hold("pm_card_visa");
        List<Event> got = receiver.await(WAIT, e -> e.size() >= 2);
        Thread.sleep(300);
        assertThat(receiver.events()).hasSize(2);
        assertThat(got.get(0).getId()).isEqualTo(got.get(1).getId());
    }

    @Test
    void withReorderOnALaterEventArrivesBeforeAnEarlierOne() throws Exception {
        stripe.changeFaults(Map.of("reorder", true));
        PaymentIntent pi = hold("pm_card_visa");
        client.v1().paymentIntents().capture(pi.getId());
        assertThat(types(receiver.await(WAIT, e -> e.size() >= 2)))
                .containsExactly("payment_intent.succeeded", "payment_intent.amount_capturable_updated");
    }

    @Test
    void aDroppedWebhookIsNeverSentButTheEventIsStillListed() throws Exception {
        stripe.changeFaults(Map.of("dropRate", 1.0));
        hold("pm_card_visa");
        Thread.sleep(500);
        assertThat(receiver.received()).isEmpty();
        assertThat(stripe.deliveries()).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo(-1));
        assertThat(client.v1().events().list(com.stripe.param.EventListParams.builder()
                .setType("payment_intent.amount_capturable_updated").build()).getData()).hasSize(1);
    }

    @Test
    void aDeliveryAnsweredNon2xxIsRetriedUntilItIsAccepted() throws Exception {
        receiver.failNext(2);
        hold("pm_card_visa");
        receiver.await(WAIT, e -> e.size() >= 1);
        assertThat(receiver.received()).hasSize(3);
        // the stand-in records a delivery after the receiver answered it: wait for the third record, not just the request
        long until = System.nanoTime() + 5_000_000_000L;
        while (stripe.deliveries().size() < 3 && System.nanoTime() < until) Thread.sleep(10);
        assertThat(stripe.deliveries()).extracting(WebhookDelivery::attempt, WebhookDelivery::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 500), org.assertj.core.groups.Tuple.tuple(2, 500), org.assertj.core.groups.Tuple.tuple(3, 200));
    }

    @Test
    void aDelayHoldsEachWebhookBackAndDownHoldsThemUntilStripeIsBack() throws Exception {
        stripe.changeFaults(Map.of("webhookDelayMs", 400));
        long t0 = System.nanoTime();
        hold("pm_card_visa");
        receiver.await(WAIT, e -> e.size() >= 1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));

        PaymentIntent second = hold("pm_card_visa");
        stripe.changeFaults(Map.of("clear", true, "down", true, "webhookDelayMs", 0));
        Thread.sleep(700);
        assertThat(receiver.events()).hasSize(1);   // the second hold's webhook waited 400 ms, then found Stripe down
        stripe.changeFaults(Map.of("down", false));
        assertThat(receiver.await(WAIT, e -> e.size() >= 2).get(1).getDataObjectDeserializer().getObject().orElseThrow())
                .satisfies(o -> assertThat(((PaymentIntent) o).getId()).isEqualTo(second.getId()));
    }

    @Test
    void anEndpointMayAskForEveryEventType() throws Exception {
        stripe.changeWebhook(Map.of("enabledEvents", List.of("*")));
        hold("pm_card_visa");
        assertThat(Set.copyOf(types(receiver.await(WAIT, e -> e.size() >= 3))))
                .contains("payment_intent.created", "charge.succeeded", "payment_intent.amount_capturable_updated");
    }
}
