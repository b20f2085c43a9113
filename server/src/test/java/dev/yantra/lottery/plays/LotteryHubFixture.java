package dev.yantra.lottery.plays;

import dev.yantra.api.Json;
import dev.yantra.demobanca.DemoBanca;
import dev.yantra.jobs.JobsConfiguration;
import dev.yantra.lottery.bet.PayoutTable;
import dev.yantra.lottery.forwarding.ForwardingConfiguration;
import dev.yantra.lottery.ledger.LedgerKind;
import dev.yantra.lottery.ledger.PlayerLedger;
import dev.yantra.lottery.player.PlayerPrincipal;
import dev.yantra.lottery.player.PlayerTokens;
import dev.yantra.server.ServerLauncher;
import dev.yantra.testing.Await;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A real node and the real demo banca over one test database: the banca created and approved through the admin
 * API, its issued secret handed to the demo banca, a lottery with an open draw routed to it, and players with
 * tokens and deposits. Short delays (status check 1.5 s, fail-safe pass 0.5 s) keep the tests quick.
 */
public final class LotteryHubFixture implements AutoCloseable {
    static final String ADMIN = "test-admin-token";
    static final String LOTTERY = "test-fast";

    final ServerLauncher.Running node;
    final int port;
    final DemoBanca banca;
    /** The Stripe stand-in card payments go to; its webhooks are aimed at the node's /webhooks/stripe. */
    final dev.yantra.stripestandin.StripeStandin stripe;
    static final String STRIPE_WEBHOOK_SECRET = "whsec_yantra_test_fixture";
    final UUID bancaId;
    final String bancaSecret;
    final String bancaKeyId;
    final UUID drawId;
    /** The test database's URL, for running {@code yantra} commands against the node's database. */
    final String databaseUrl;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Player(UUID id, String phone, String token) {
    }

    LotteryHubFixture() {
        this(1_500);
    }

    /**
     * With the wait after a 202 set to {@code statusCheckDelayMs}: a long one keeps the node's own status checks
     * out of the way, so a play whose webhook is lost stays pending (reconciliation tests).
     */
    LotteryHubFixture(long statusCheckDelayMs) {
        port = TestServer.freePort();
        dev.yantra.config.YantraEnv env = TestPostgres.freshEnv(port);
        databaseUrl = env.databaseUrl().orElseThrow();
        stripe = dev.yantra.stripestandin.StripeStandin.start(dev.yantra.stripestandin.StripeStandin.Config.defaults()
                .withPort(TestServer.freePort()).withWebhook(url("/webhooks/stripe"), STRIPE_WEBHOOK_SECRET));
        node = ServerLauncher.start(env, gac -> {
            gac.registerBean(dev.yantra.lottery.payments.StripeSettings.class, () -> dev.yantra.lottery.payments.StripeSettings.standIn(
                    stripe.url(), stripe.secretKey(), STRIPE_WEBHOOK_SECRET));
            // the SYNC re-read 3 s after a card play or top-up, the awaiting-payment fail-safe every 0.5 s
            gac.registerBean(dev.yantra.lottery.payments.PaymentsConfiguration.Timing.class, () -> new dev.yantra.lottery.payments.PaymentsConfiguration.Timing(
                    3_000, Duration.ofMillis(500), Duration.ofMillis(50),
                    new dev.yantra.jobs.Backoff(Duration.ofMillis(200), 2.0, 0.2, Duration.ofSeconds(2))));
            gac.registerBean(ForwardingConfiguration.BancaForwarding.Timing.class, () -> new ForwardingConfiguration.BancaForwarding.Timing(
                    statusCheckDelayMs, Duration.ofMillis(500), Duration.ofMillis(50),
                    new dev.yantra.jobs.Backoff(Duration.ofMillis(100), 2.0, 0.2, Duration.ofSeconds(1))));
            // the default thresholds (5 failures in a row open it), open for 1 s instead of 30
            gac.registerBean(dev.yantra.breaker.BreakerSettings.class,
                    () -> dev.yantra.breaker.BreakerSettings.fromEnv(Map.of()).withOpenDuration(Duration.ofSeconds(1)));
        });
        banca = DemoBanca.start(DemoBanca.Config.of(node.database().dataSource()).withYantraBaseUrl(url(""))
                .withSyncRate(1.0).withConfirmRate(1.0).withWebhookDelayMs(300));
        JsonNode created = admin("POST", "/v1/admin/bancas", """
                {"name":"Demo Banca","rnc":"131246796","endpointUrl":"%s","contact":"ops@demo-banca.example"}""".formatted(banca.url()));
        bancaId = UUID.fromString(created.get("id").stringValue());
        JsonNode approved = admin("POST", "/v1/admin/bancas/" + bancaId + "/approve", null);
        bancaSecret = approved.get("credential").get("secret").stringValue();
        bancaKeyId = approved.get("credential").get("keyId").stringValue();
        banca.addSecret(bancaKeyId, bancaSecret.getBytes(StandardCharsets.UTF_8));
        jdbc().sql("""
                        INSERT INTO lotteries (id, name, time_zone, schedule, close_minutes, bet_types, payout_table, has_pick3,
                                               default_banca_id, min_amount_micro, max_amount_micro, currencies)
                        VALUES (?, 'Test Fast', 'America/Santo_Domingo', CAST(? AS jsonb), 1,
                                ARRAY['quiniela','pale','tripleta','pega3','toca3','straight','box'], CAST(? AS jsonb), true, ?,
                                100000, 1000000000, ARRAY['DOP','USD'])""")
                .params(LOTTERY, farScheduleJson(), Json.write(PayoutTable.DEFAULTS.toMap()), bancaId).update();
        drawId = openDraw(Duration.ofHours(1));
    }

    /**
     * A weekly schedule whose one draw is 12 hours away: the node's draw scheduler plans draws from it, but none
     * that would close before the tests' own draws, so a play without a drawId lands on the fixture's draw.
     */
    public static String farScheduleJson() {
        java.time.ZonedDateTime at = java.time.ZonedDateTime.now(java.time.ZoneId.of("America/Santo_Domingo")).plusHours(12);
        return Json.write(Map.of("kind", "weekly", "days", Map.of(at.getDayOfWeek().name().toLowerCase(java.util.Locale.ROOT),
                java.util.List.of(String.format("%02d:%02d", at.getHour(), at.getMinute())))));
    }

    /** A new OPEN draw of the test lottery that closes after {@code closesIn}. */
    UUID openDraw(Duration closesIn) {
        UUID id = UUID.randomUUID();
        jdbc().sql("""
                        INSERT INTO draws (id, lottery_id, draw_time, closes_at, state)
                        VALUES (?, ?, now() + ? * interval '1 millisecond' + interval '1 minute', now() + ? * interval '1 millisecond', 'OPEN')""")
                .params(id, LOTTERY, closesIn.toMillis(), closesIn.toMillis()).update();
        return id;
    }

    Player player(long depositUnits) {
        UUID id = UUID.randomUUID();
        String phone = "+1809" + (1_000_000 + Math.floorMod(id.getLeastSignificantBits(), 8_999_999));
        jdbc().sql("INSERT INTO players (id, phone, name, date_of_birth, password_hash) VALUES (?, ?, 'Test Player', DATE '1990-01-01', 'x')")
                .params(id, phone).update();
        PlayerLedger ledger = node.context().getBean(PlayerLedger.class);
        if (depositUnits > 0) {   // 0: a player who pays by card only
            JobsConfiguration.transactions(node.database()).executeWithoutResult(s ->
                    ledger.credit(id, "DOP", depositUnits * 100_000, LedgerKind.DEPOSIT, "deposit:" + id, "test deposit", "test"));
        }
        String token = node.context().getBean(PlayerTokens.class).issue(new PlayerPrincipal(id, phone, null, "player")).value();
        return new Player(id, phone, token);
    }

    long balanceMicro(Player p) {
        return node.context().getBean(PlayerLedger.class).balanceMicro(p.id(), "DOP");
    }

    static String playBody(UUID requestId, UUID userId, String betType, String numbers, String amount) {
        return """
                {"requestId":"%s","userId":"%s","lotteryId":"%s","betType":"%s","numbers":%s,"amount":%s,"currency":"DOP",
                 "payment":{"method":"wallet"},"clientVersion":"9.9"}""".formatted(requestId, userId, LOTTERY, betType, numbers, amount);
    }

    HttpResponse<String> buy(Player p, String body) {
        return call("POST", "/api/v1/plays", p == null ? null : p.token(), body, Map.of());
    }

    HttpResponse<String> call(String method, String path, String bearer, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode admin(String method, String path, String body) {
        HttpResponse<String> r = call(method, path, ADMIN, body, Map.of());
        if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        return Json.parse(r.body());
    }

    /** Sends a webhook signed with {@code secret} at {@code timestampHeader} (null headers are left out). */
    HttpResponse<String> webhook(String body, String secret, String timestampHeader) {
        Map<String, String> h = new LinkedHashMap<>();
        if (timestampHeader != null) h.put("X-Timestamp", timestampHeader);
        if (secret != null) {
            h.put("X-Signature", dev.yantra.signing.BancaSignature.sign(secret.getBytes(StandardCharsets.UTF_8), "POST",
                    "/webhooks/plays/confirmation", timestampHeader == null ? "" : timestampHeader, body.getBytes(StandardCharsets.UTF_8)));
        }
        return call("POST", "/webhooks/plays/confirmation", null, body, h);
    }

    String now() {
        return dev.yantra.signing.BancaSignature.formatTimestamp(java.time.Instant.now());
    }

    JdbcClient jdbc() {
        return node.database().jdbc();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    ForwardingConfiguration.BancaForwarding forwarding() {
        return node.context().getBean(ForwardingConfiguration.BancaForwarding.class);
    }

    static void await(String what, Duration within, BooleanSupplier done) {
        // the tests' one wait: testing.Await
        Await.until(what, within, done);
    }

    String status(UUID playId) {
        return jdbc().sql("SELECT status FROM plays WHERE id = ?").param(playId).query(String.class).single();
    }

    @Override
    public void close() {
        banca.close();
        stripe.close();
        node.context().close();
        node.database().close(false);
    }
}
