package dev.yantra.lottery.plays;

import static dev.yantra.lottery.plays.LotteryHubFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Card plays and top-ups through real HTTP: stripe-java against the real Stripe stand-in (its signed webhooks
 * aimed at the node), the real demo banca, real Postgres. Money is checked on both sides: the stand-in's
 * PaymentIntents and our payments, payment_calls, banca_calls and the player ledger.
 */
class CardPlaysEndToEndTest {
    static LotteryHubFixture hub;

    @BeforeAll
    static void start() {
        hub = new LotteryHubFixture();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @AfterEach
    void clearFaults() {
        hub.banca.setFaults(hub.banca.clearedFaults());
        hub.stripe.changeFaults(Map.of("clear", true));
    }

    static JsonNode json(HttpResponse<String> r) {
        return Json.parse(r.body());
    }

    static String cardPlay(UUID requestId, UUID userId, String numbers, String amount, String paymentMethodId) {
        String payment = paymentMethodId == null ? "{\"method\":\"card\"}" : "{\"method\":\"card\",\"paymentMethodId\":\"" + paymentMethodId + "\"}";
        return """
                {"requestId":"%s","userId":"%s","lotteryId":"%s","betType":"quiniela","numbers":%s,"amount":%s,"currency":"DOP",
                 "payment":%s}""".formatted(requestId, userId, LotteryHubFixture.LOTTERY, numbers, amount, payment);
    }

    UUID buyCard(LotteryHubFixture.Player p, String paymentMethodId) {
        HttpResponse<String> r = hub.buy(p, cardPlay(UUID.randomUUID(), p.id(), "[\"17\"]", "\"75.50\"", paymentMethodId));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return UUID.fromString(json(r).get("playId").stringValue());
    }

    Map<String, Object> payment(UUID playId) {
        return hub.jdbc().sql("SELECT * FROM payments WHERE play_id = ?").param(playId).query().singleRow();
    }

    String intentId(UUID playId) {
        return (String) payment(playId).get("payment_intent_id");
    }

    /** The PaymentIntent as the stand-in holds it: the other side of the money. */
    Map<String, Object> standInIntent(String id) {
        return hub.stripe.paymentIntents().stream().filter(m -> id.equals(m.get("id"))).findFirst().orElseThrow();
    }

    long calls(UUID playId, String operation, String outcome) {
        return hub.jdbc().sql("SELECT count(*) FROM payment_calls WHERE play_id = ? AND operation = ? AND outcome = ?")
                .params(playId, operation, outcome).query(Long.class).single();
    }

    long bancaCalls(UUID playId) {
        return hub.jdbc().sql("SELECT count(*) FROM banca_calls WHERE play_id = ?").param(playId).query(Long.class).single();
    }

    boolean openJobs(UUID playId) {
        return hub.jdbc().sql("SELECT count(*) FROM pending_payment_jobs WHERE play_id = ? AND completed_at IS NULL AND kind <> 'SYNC'")
                .param(playId).query(Long.class).single() > 0;
    }

    @Test
    void a_confirmed_card_play_is_forwarded_once_its_hold_is_capturable_and_captured_exactly_once() {
        LotteryHubFixture.Player a = hub.player(0);
        UUID requestId = UUID.randomUUID();
        String body = cardPlay(requestId, a.id(), "[\"17\"]", "\"75.50\"", "pm_card_visa");
        HttpResponse<String> created = hub.buy(a, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode play = json(created);
        UUID playId = UUID.fromString(play.get("playId").stringValue());
        assertThat(play.get("payment").get("method").stringValue()).isEqualTo("card");
        assertThat(play.get("payment").get("paymentIntentId").stringValue()).startsWith("pi_");
        assertThat(play.get("payment").has("clientSecret")).as("nothing left for the customer to do").isFalse();

        await("the card play confirmed and captured", Duration.ofSeconds(30),
                () -> hub.status(playId).equals("CONFIRMED") && "succeeded".equals(payment(playId).get("status")));
        Map<String, Object> pi = standInIntent(intentId(playId));
        assertThat(pi.get("status")).isEqualTo("succeeded");
        assertThat(((Number) pi.get("amount_received")).longValue()).isEqualTo(7_550L);
        assertThat(pi.get("capture_method")).isEqualTo("manual");
        assertThat(calls(playId, "capture", "ok")).isEqualTo(1);
        assertThat(hub.jdbc().sql("SELECT idempotency_key FROM payment_calls WHERE play_id = ? AND operation IN ('create', 'capture') ORDER BY created_at")
                .param(playId).query(String.class).list()).containsExactly(playId.toString(), "capture:" + playId);
        // forwarded only after the hold: the register call comes after the PaymentIntent was created with the hold
        assertThat(bancaCalls(playId)).isEqualTo(1);
        assertThat(hub.balanceMicro(a)).as("a card play does not touch the wallet").isZero();

        // the same requestId again: the same play, no second PaymentIntent
        HttpResponse<String> again = hub.buy(a, body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("playId").stringValue()).isEqualTo(playId.toString());
        assertThat(calls(playId, "create", "ok")).isEqualTo(1);
        JsonNode read = json(hub.call("GET", "/api/v1/plays/" + playId, a.token(), null, Map.of()));
        assertThat(read.get("status").stringValue()).isEqualTo("confirmed");
        assertThat(read.get("payment").get("status").stringValue()).isEqualTo("succeeded");
        assertThat(read.get("payment").get("captured").decimalValue()).isEqualByComparingTo("75.50");
    }

    @Test
    void a_rejected_card_play_has_its_hold_cancelled_and_is_never_captured() {
        hub.banca.changeFaults(Map.of("confirmRate", 0.0));
        LotteryHubFixture.Player a = hub.player(0);
        UUID playId = buyCard(a, "pm_card_mastercard");
        await("the play rejected and its hold cancelled", Duration.ofSeconds(30),
                () -> hub.status(playId).equals("REJECTED") && "canceled".equals(payment(playId).get("status")));
        assertThat(standInIntent(intentId(playId)).get("status")).isEqualTo("canceled");
        assertThat(calls(playId, "capture", "ok") + calls(playId, "capture", "retry")).isZero();
        assertThat(calls(playId, "cancel", "ok")).isEqualTo(1);
        assertThat(hub.jdbc().sql("SELECT idempotency_key FROM payment_calls WHERE play_id = ? AND operation = 'cancel'")
                .param(playId).query(String.class).single()).isEqualTo("cancel:" + playId);
    }

    @Test
    void a_declined_card_fails_the_play_at_once_and_the_banca_is_never_called() {
        LotteryHubFixture.Player a = hub.player(0);
        HttpResponse<String> r = hub.buy(a, cardPlay(UUID.randomUUID(), a.id(), "[\"93\"]", "60", "pm_card_chargeDeclinedInsufficientFunds"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode play = json(r);
        UUID playId = UUID.fromString(play.get("playId").stringValue());
        assertThat(play.get("status").stringValue()).isEqualTo("failed");
        assertThat(play.get("reason").stringValue()).contains("insufficient_funds");
        assertThat(play.get("payment").get("error").stringValue()).isEqualTo("insufficient_funds");
        assertThat(play.get("payment").has("clientSecret")).as("a failed play hands out no client secret").isFalse();
        await("the declined PaymentIntent cancelled", Duration.ofSeconds(20), () -> "canceled".equals(payment(playId).get("status")));
        assertThat(bancaCalls(playId)).isZero();
        assertThat(hub.jdbc().sql("SELECT count(*) FROM pending_banca_jobs WHERE play_id = ?").param(playId).query(Long.class).single()).isZero();
        assertThat(hub.jdbc().sql("SELECT coalesce(sum(liability_micro), 0) FROM play_liability WHERE draw_id = ? AND limit_key = '93'")
                .param(hub.drawId).query(Long.class).single()).as("the failed play's liability is released").isZero();
    }

    @Test
    void a_three_d_secure_play_waits_for_the_customer_and_completes_after_authentication() {
        LotteryHubFixture.Player a = hub.player(0);
        HttpResponse<String> r = hub.buy(a, cardPlay(UUID.randomUUID(), a.id(), "[\"17\"]", "80", "pm_card_threeDSecure2Required"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode play = json(r);
        UUID playId = UUID.fromString(play.get("playId").stringValue());
        assertThat(play.get("status").stringValue()).isEqualTo("pending");
        assertThat(play.get("payment").get("status").stringValue()).isEqualTo("requires_action");
        assertThat(play.get("payment").get("clientSecret").stringValue()).startsWith(play.get("payment").get("paymentIntentId").stringValue() + "_secret_");
        assertThat(play.get("payment").get("nextAction").get("type").stringValue()).isEqualTo("use_stripe_sdk");
        assertThat(hub.status(playId)).isEqualTo("AWAITING_PAYMENT");
        assertThat(bancaCalls(playId)).as("nothing is forwarded before the hold").isZero();

        hub.stripe.authenticate(intentId(playId), true);   // the customer passes 3-D Secure in their browser
        await("the 3-D Secure play confirmed and captured", Duration.ofSeconds(30),
                () -> hub.status(playId).equals("CONFIRMED") && "succeeded".equals(payment(playId).get("status")));
        assertThat(calls(playId, "capture", "ok")).isEqualTo(1);
        JsonNode read = json(hub.call("GET", "/api/v1/plays/" + playId, a.token(), null, Map.of()));
        assertThat(read.get("payment").has("clientSecret")).as("the secret is shown only while the customer must act").isFalse();
    }

    @Test
    void a_client_confirmed_play_gets_its_client_secret_and_goes_on_once_the_browser_confirms() throws Exception {
        LotteryHubFixture.Player a = hub.player(0);
        HttpResponse<String> r = hub.buy(a, cardPlay(UUID.randomUUID(), a.id(), "[\"17\"]", "55", null));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode payment = json(r).get("payment");
        UUID playId = UUID.fromString(json(r).get("playId").stringValue());
        assertThat(payment.get("status").stringValue()).isEqualTo("requires_payment_method");
        String clientSecret = payment.get("clientSecret").stringValue();
        // what Stripe.js does in the player's browser: confirm with the publishable key and the client secret
        com.stripe.StripeClient browser = com.stripe.StripeClient.builder().setApiKey(hub.stripe.publishableKey())
                .setApiBase(hub.stripe.url()).build();
        browser.v1().paymentIntents().confirm(payment.get("paymentIntentId").stringValue(),
                com.stripe.param.PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").putExtraParam("client_secret", clientSecret).build());
        await("the client-confirmed play confirmed and captured", Duration.ofSeconds(30),
                () -> hub.status(playId).equals("CONFIRMED") && "succeeded".equals(payment(playId).get("status")));
        assertThat(calls(playId, "capture", "ok")).isEqualTo(1);
    }

    @Test
    void a_card_play_whose_draw_closes_before_the_banca_confirms_has_its_hold_cancelled() {
        UUID draw = hub.openDraw(Duration.ofSeconds(4));
        hub.banca.changeFaults(Map.of("down", true));
        LotteryHubFixture.Player a = hub.player(0);
        HttpResponse<String> r = hub.buy(a, cardPlay(UUID.randomUUID(), a.id(), "[\"17\"]", "90", "pm_card_visa")
                .replace("\"payment\"", "\"drawId\":\"" + draw + "\",\"payment\""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        UUID playId = UUID.fromString(json(r).get("playId").stringValue());
        await("the fail-safe failed the play and its hold was cancelled", Duration.ofSeconds(40),
                () -> hub.status(playId).equals("FAILED") && "canceled".equals(payment(playId).get("status")));
        assertThat(calls(playId, "capture", "ok")).isZero();
        assertThat(standInIntent(intentId(playId)).get("status")).isEqualTo("canceled");
    }

    @Test
    void duplicated_and_reordered_stripe_webhooks_change_nothing() {
        hub.stripe.changeFaults(Map.of("duplicateRate", 1.0, "reorder", true));
        LotteryHubFixture.Player a = hub.player(0);
        List<UUID> confirmed = new ArrayList<>();
        for (int i = 0; i < 3; i++) confirmed.add(buyCard(a, "pm_card_visa"));
        UUID declined = buyCard(a, "pm_card_chargeDeclined");
        UUID threeDs = buyCard(a, "pm_card_threeDSecureRequired");
        hub.stripe.authenticate(intentId(threeDs), true);
        confirmed.add(threeDs);
        for (UUID id : confirmed) {
            await("play " + id + " captured", Duration.ofSeconds(40),
                    () -> hub.status(id).equals("CONFIRMED") && "succeeded".equals(payment(id).get("status")) && !openJobs(id));
        }
        await("the declined play's PaymentIntent cancelled", Duration.ofSeconds(20), () -> "canceled".equals(payment(declined).get("status")));
        // every event came twice: more deliveries were answered 200 than there are distinct events stored
        await("duplicates delivered and answered", Duration.ofSeconds(20), () -> hub.stripe.deliveries().stream().filter(d -> d.ok()).count()
                > hub.jdbc().sql("SELECT count(*) FROM stripe_events").query(Long.class).single());
        for (UUID id : confirmed) {
            assertThat(calls(id, "capture", "ok")).as("captured once: " + id).isEqualTo(1);
            assertThat(((Number) standInIntent(intentId(id)).get("amount_received")).longValue()).isEqualTo(7_550L);
        }
        assertThat(hub.status(declined)).isEqualTo("FAILED");
        assertThat(bancaCalls(declined)).isZero();

        // one stored event delivered again, freshly signed: answered as a duplicate, nothing moves
        Map<String, Object> ev = hub.jdbc().sql("SELECT event_id, payload FROM stripe_events WHERE payment_intent_id = ? LIMIT 1")
                .param(intentId(confirmed.getFirst())).query().singleRow();
        HttpResponse<String> dup = stripeWebhook((String) ev.get("payload"), LotteryHubFixture.STRIPE_WEBHOOK_SECRET);
        assertThat(dup.statusCode()).isEqualTo(200);
        assertThat(json(dup).get("outcome").stringValue()).isEqualTo("duplicate");
        assertThat(calls(confirmed.getFirst(), "capture", "ok")).isEqualTo(1);
        String metrics = hub.call("GET", "/metrics", null, null, Map.of()).body();
        assertThat(metrics).containsPattern("stripe_webhook_requests_total\\{[^}]*outcome=\"duplicate\"[^}]*} [1-9]")
                .containsPattern("payment_operations_total\\{[^}]*operation=\"capture\",outcome=\"ok\"[^}]*} [1-9]")
                .contains("stripe_webhook_requests_total{outcome=\"rejected_signature\"")
                .contains("stripe_circuit_breaker_state{counterparty=\"stripe\"}");
    }

    @Test
    void a_webhook_with_a_bad_signature_is_refused_and_stored_nowhere() {
        String payload = "{\"id\":\"evt_forged\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"id\":\"pi_x\",\"object\":\"payment_intent\"}}}";
        HttpResponse<String> forged = stripeWebhook(payload, "whsec_not_ours");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(json(forged).get("error").stringValue()).isEqualTo("invalid_signature");
        assertThat(hub.call("POST", "/webhooks/stripe", null, payload, Map.of()).statusCode()).isEqualTo(400);
        HttpResponse<String> stale = hub.call("POST", "/webhooks/stripe", null, payload, Map.of("Stripe-Signature",
                signature(payload, LotteryHubFixture.STRIPE_WEBHOOK_SECRET, System.currentTimeMillis() / 1000 - 301)));
        assertThat(stale.statusCode()).as("older than the 300 s tolerance").isEqualTo(400);
        assertThat(hub.jdbc().sql("SELECT count(*) FROM stripe_events WHERE event_id = 'evt_forged'").query(Long.class).single()).isZero();
        // several v1 values (a secret being rolled): one that verifies is enough
        long t = System.currentTimeMillis() / 1000;
        String both = signature(payload, "whsec_old_one", t) + "," + signature(payload, LotteryHubFixture.STRIPE_WEBHOOK_SECRET, t).replaceFirst("t=\\d+,", "");
        HttpResponse<String> rolled = hub.call("POST", "/webhooks/stripe", null, payload, Map.of("Stripe-Signature", both));
        assertThat(rolled.statusCode()).isEqualTo(200);
        assertThat(json(rolled).get("outcome").stringValue()).isEqualTo("unknown_payment");
        String huge = "{\"pad\":\"" + "x".repeat(300_000) + "\"}";
        HttpResponse<String> tooLarge = stripeWebhook(huge, LotteryHubFixture.STRIPE_WEBHOOK_SECRET);
        assertThat(tooLarge.statusCode()).as("above 256 KiB, refused unread").isEqualTo(413);
        assertThat(json(tooLarge).get("error").stringValue()).isEqualTo("body_too_large");
    }

    @Test
    void a_top_up_is_credited_only_when_its_payment_has_succeeded_and_only_once() {
        LotteryHubFixture.Player a = hub.player(0);
        UUID requestId = UUID.randomUUID();
        String body = "{\"requestId\":\"" + requestId + "\",\"amount\":\"250\",\"currency\":\"DOP\",\"paymentMethodId\":\"pm_card_threeDSecure2Required\"}";
        String path = "/api/v1/users/" + a.id() + "/wallet/topups";
        HttpResponse<String> created = hub.call("POST", path, a.token(), body, Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode topUp = json(created);
        assertThat(topUp.get("status").stringValue()).isEqualTo("pending");
        assertThat(topUp.get("payment").get("clientSecret").isString()).isTrue();
        String topUpId = topUp.get("topupId").stringValue();
        assertThat(hub.balanceMicro(a)).as("nothing credited before the payment succeeded").isZero();
        assertThat(hub.call("POST", "/api/v1/users/" + UUID.randomUUID() + "/wallet/topups", a.token(), body, Map.of()).statusCode())
                .as("own account only").isEqualTo(403);

        String pi = topUp.get("payment").get("paymentIntentId").stringValue();
        hub.stripe.authenticate(pi, true);
        await("the top-up credited", Duration.ofSeconds(20), () -> hub.balanceMicro(a) == 250L * 100_000);
        HttpResponse<String> again = hub.call("POST", path, a.token(), body, Map.of());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("topupId").stringValue()).isEqualTo(topUpId);
        assertThat(json(again).get("status").stringValue()).isEqualTo("succeeded");
        assertThat(hub.call("POST", path, a.token(), body.replace("250", "251"), Map.of()).statusCode()).isEqualTo(409);
        assertThat(hub.jdbc().sql("SELECT count(*) FROM player_ledger WHERE user_id = ? AND kind = 'deposit' AND idempotency_key = ?")
                .params(a.id(), "topup:" + topUpId).query(Long.class).single()).isEqualTo(1);
        assertThat(hub.balanceMicro(a)).isEqualTo(250L * 100_000);
        assertThat(standInIntent(pi).get("status")).isEqualTo("succeeded");

        // a declined top-up credits nothing
        HttpResponse<String> declined = hub.call("POST", path, a.token(),
                "{\"requestId\":\"" + UUID.randomUUID() + "\",\"amount\":\"100\",\"currency\":\"DOP\",\"paymentMethodId\":\"pm_card_chargeDeclined\"}", Map.of());
        assertThat(declined.statusCode()).isEqualTo(201);
        assertThat(json(declined).get("status").stringValue()).isEqualTo("failed");
        assertThat(hub.balanceMicro(a)).isEqualTo(250L * 100_000);
    }

    @Test
    void the_money_check_holds_captured_equals_confirmed_card_plays_and_the_ledger_equals_its_sources() {
        LotteryHubFixture.Player a = hub.player(0);
        String topups = "/api/v1/users/" + a.id() + "/wallet/topups";
        HttpResponse<String> topUp = hub.call("POST", topups, a.token(),
                "{\"requestId\":\"" + UUID.randomUUID() + "\",\"amount\":\"300\",\"currency\":\"DOP\",\"paymentMethodId\":\"pm_card_visa\"}", Map.of());
        assertThat(topUp.statusCode()).as(topUp.body()).isEqualTo(201);
        await("the top-up credited", Duration.ofSeconds(20), () -> hub.balanceMicro(a) == 300L * 100_000);
        UUID walletConfirmed = UUID.fromString(json(hub.buy(a, LotteryHubFixture.playBody(UUID.randomUUID(), a.id(), "quiniela", "[\"41\"]", "50")))
                .get("playId").stringValue());
        UUID cardConfirmed = buyCard(a, "pm_card_visa");
        UUID cardDeclined = buyCard(a, "pm_card_visa_chargeDeclined");
        await("the confirmations", Duration.ofSeconds(30), () -> hub.status(walletConfirmed).equals("CONFIRMED")
                && hub.status(cardConfirmed).equals("CONFIRMED") && "succeeded".equals(payment(cardConfirmed).get("status")));
        hub.banca.changeFaults(Map.of("confirmRate", 0.0));
        UUID walletRejected = UUID.fromString(json(hub.buy(a, LotteryHubFixture.playBody(UUID.randomUUID(), a.id(), "quiniela", "[\"42\"]", "20")))
                .get("playId").stringValue());
        UUID cardRejected = buyCard(a, "pm_card_amex");
        await("the rejections and releases", Duration.ofSeconds(30), () -> hub.status(walletRejected).equals("REJECTED")
                && hub.status(cardRejected).equals("REJECTED") && "canceled".equals(payment(cardRejected).get("status"))
                && "canceled".equals(payment(cardDeclined).get("status")));

        // captured = confirmed card plays, on our side and on Stripe's
        long capturedMinor = hub.jdbc().sql("SELECT coalesce(sum(captured_minor), 0) FROM payments WHERE user_id = ? AND kind = 'PLAY'")
                .param(a.id()).query(Long.class).single();
        long confirmedCardMicro = hub.jdbc().sql("SELECT coalesce(sum(amount_micro), 0) FROM plays WHERE user_id = ? AND payment_method = 'card' AND status = 'CONFIRMED'")
                .param(a.id()).query(Long.class).single();
        assertThat(capturedMinor * 1_000).isEqualTo(confirmedCardMicro).isEqualTo(7_550L * 1_000);
        long stripeReceived = 0;
        for (UUID id : List.of(cardConfirmed, cardDeclined, cardRejected)) {
            stripeReceived += ((Number) standInIntent(intentId(id)).get("amount_received")).longValue();
        }
        assertThat(stripeReceived).isEqualTo(capturedMinor);
        // no hold left open: every card play is captured (confirmed) or its PaymentIntent cancelled
        assertThat(hub.jdbc().sql("SELECT count(*) FROM payments WHERE user_id = ? AND status = 'requires_capture'").param(a.id())
                .query(Long.class).single()).isZero();
        // ledger = top-ups + prizes + refunds - wallet stakes
        long toppedUp = hub.jdbc().sql("SELECT coalesce(sum(amount_micro), 0) FROM payments WHERE user_id = ? AND kind = 'TOPUP' AND credited")
                .param(a.id()).query(Long.class).single();
        long walletStakes = hub.jdbc().sql("SELECT coalesce(sum(amount_micro), 0) FROM plays WHERE user_id = ? AND payment_method = 'wallet'")
                .param(a.id()).query(Long.class).single();
        long walletRefundsDue = hub.jdbc().sql("""
                        SELECT coalesce(sum(amount_micro), 0) FROM plays WHERE user_id = ? AND payment_method = 'wallet'
                           AND status IN ('REJECTED', 'FAILED', 'CANCELLED')""").param(a.id()).query(Long.class).single();
        long prizes = hub.jdbc().sql("SELECT coalesce(sum(amount_micro), 0) FROM player_ledger WHERE user_id = ? AND kind = 'prize_credit'")
                .param(a.id()).query(Long.class).single();
        assertThat(hub.balanceMicro(a)).isEqualTo(toppedUp + prizes + walletRefundsDue - walletStakes)
                .isEqualTo((300L + 20 - 50 - 20) * 100_000);
    }

    @Test
    void a_card_play_bought_while_stripe_is_down_is_paid_by_the_queue_once_stripe_is_back() {
        hub.stripe.changeFaults(Map.of("down", true));
        LotteryHubFixture.Player a = hub.player(0);
        HttpResponse<String> r = hub.buy(a, cardPlay(UUID.randomUUID(), a.id(), "[\"17\"]", "75.50", "pm_card_visa"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        UUID playId = UUID.fromString(json(r).get("playId").stringValue());
        assertThat(json(r).get("status").stringValue()).isEqualTo("pending");
        assertThat(json(r).get("payment").get("status").stringValue()).isEqualTo("creating");
        // the buy's own try, and maybe already a try of the SYNC job: each journaled, none answered
        assertThat(calls(playId, "create", "retry")).isPositive();
        assertThat(calls(playId, "create", "ok")).isZero();
        hub.stripe.changeFaults(Map.of("down", false));
        await("the queue created the PaymentIntent, the banca confirmed, the hold was captured", Duration.ofSeconds(40),
                () -> hub.status(playId).equals("CONFIRMED") && "succeeded".equals(payment(playId).get("status")));
        assertThat(calls(playId, "create", "ok")).isEqualTo(1);
        assertThat(calls(playId, "capture", "ok")).isEqualTo(1);
        assertThat(hub.jdbc().sql("SELECT DISTINCT idempotency_key FROM payment_calls WHERE play_id = ? AND operation = 'create'")
                .param(playId).query(String.class).list()).containsExactly(playId.toString());
    }

    @Test
    void a_capture_failing_after_the_banca_confirmed_is_retried_and_flagged_then_taken_exactly_once() {
        hub.banca.changeFaults(Map.of("down", true));
        LotteryHubFixture.Player a = hub.player(0);
        UUID playId = buyCard(a, "pm_card_visa");
        await("the hold placed and the play queued for the banca", Duration.ofSeconds(20), () -> hub.status(playId).equals("QUEUED")
                && "requires_capture".equals(payment(playId).get("status")));
        hub.stripe.changeFaults(Map.of("down", true));
        hub.banca.changeFaults(Map.of("down", false));
        await("the banca confirmed and the capture failed", Duration.ofSeconds(40), () -> hub.status(playId).equals("CONFIRMED")
                && Boolean.TRUE.equals(payment(playId).get("needs_attention")) && calls(playId, "capture", "retry") > 0);
        assertThat((String) payment(playId).get("attention_reason")).startsWith("capture failing after the banca confirmed");
        // the payment is flagged while the try runs; the job's flag comes with the try's outcome, a moment later
        await("the capture job flagged", Duration.ofSeconds(10), () -> hub.jdbc()
                .sql("SELECT needs_attention FROM pending_payment_jobs WHERE play_id = ? AND kind = 'CAPTURE'")
                .param(playId).query(Boolean.class).single());
        hub.stripe.changeFaults(Map.of("down", false));
        await("the capture retried from the queue", Duration.ofSeconds(40), () -> "succeeded".equals(payment(playId).get("status")));
        assertThat(calls(playId, "capture", "ok")).isEqualTo(1);
        assertThat(((Number) standInIntent(intentId(playId)).get("amount_received")).longValue()).isEqualTo(7_550L);
    }

    @Test
    void a_captured_play_that_ends_afterwards_is_refunded_to_the_card_once() {
        LotteryHubFixture.Player a = hub.player(0);
        UUID playId = buyCard(a, "pm_card_visa");
        await("captured", Duration.ofSeconds(30), () -> hub.status(playId).equals("CONFIRMED") && "succeeded".equals(payment(playId).get("status")));
        // what cancelling the draw does to a confirmed play: the one move after a capture that gives the money back
        PlayStore store = hub.node.context().getBean(PlayStore.class);
        dev.yantra.jobs.JobsConfiguration.transactions(hub.node.database()).executeWithoutResult(tx -> assertThat(store.move(
                store.lock(playId).orElseThrow(), dev.yantra.lottery.play.PlayTransitions.DRAW_CANCELLED, "the draw was cancelled",
                PlayStore.BancaIds.NONE)).isTrue());
        await("refunded", Duration.ofSeconds(30), () -> ((Number) payment(playId).get("refunded_minor")).longValue() == 7_550L);
        assertThat(calls(playId, "refund", "ok")).isEqualTo(1);
        assertThat(hub.jdbc().sql("SELECT idempotency_key FROM payment_calls WHERE play_id = ? AND operation = 'refund'")
                .param(playId).query(String.class).single()).isEqualTo("refund:" + playId);
        assertThat(calls(playId, "cancel", "ok")).as("a captured payment is refunded, not cancelled").isZero();
        assertThat(hub.balanceMicro(a)).as("a card refund goes back to the card, not the wallet").isZero();
    }

    HttpResponse<String> stripeWebhook(String payload, String secret) {
        return hub.call("POST", "/webhooks/stripe", null, payload,
                Map.of("Stripe-Signature", signature(payload, secret, System.currentTimeMillis() / 1000)));
    }

    /** Stripe's scheme: t=<unix seconds>,v1=hex(HMAC-SHA256(secret, t + "." + payload)). */
    static String signature(String payload, String secret, long t) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1=" + java.util.HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
