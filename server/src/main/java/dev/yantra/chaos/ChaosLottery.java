package dev.yantra.chaos;

import dev.yantra.api.Json;
import dev.yantra.config.JwtSecret;
import dev.yantra.config.YantraEnv;
import dev.yantra.demobanca.DemoBanca;
import dev.yantra.lottery.bet.PayoutTable;
import dev.yantra.lottery.player.PlayerPrincipal;
import dev.yantra.lottery.player.PlayerTokens;
import dev.yantra.stripestandin.StripeStandin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The lottery half of a run: the Stripe stand-in and a webhook relay (started before the nodes, which get their
 * addresses), then the demo banca (its ledger in the same database) registered and approved through a node's admin
 * API like any banca, a chaos lottery routed to it with two draws closing during the run and one after it, and
 * buyers with an audited deposit each. The buyers ({@link ChaosBuyers}) pay by wallet or by card.
 */
final class ChaosLottery implements AutoCloseable {
    static final String LOTTERY = "chaos-lottery";
    static final String STRIPE_WEBHOOK_SECRET = "whsec_yantra_chaos";
    static final long DEPOSIT_MICRO = 100_000L * 100_000;   // 100,000 DOP

    record Buyer(UUID id, String token) {
    }

    final ChaosRelay relay;
    final StripeStandin stripe;
    DemoBanca banca;
    UUID bancaId;
    final List<UUID> draws = new ArrayList<>();
    final List<Buyer> buyers = new ArrayList<>();

    private ChaosLottery(ChaosRelay relay, StripeStandin stripe) {
        this.relay = relay;
        this.stripe = stripe;
    }

    /** The relay and the stand-in; adds to {@code nodeEnv} what the nodes need to reach them. */
    static ChaosLottery before(List<ChaosNode> nodes, Map<String, String> nodeEnv) throws IOException {
        ChaosRelay relay = new ChaosRelay(nodes);
        StripeStandin stripe = StripeStandin.start(StripeStandin.Config.defaults().withPort(ChaosNode.freePort())
                .withWebhook(relay.url() + "/webhooks/stripe", STRIPE_WEBHOOK_SECRET));
        nodeEnv.put("STRIPE_SECRET_KEY", stripe.secretKey());
        nodeEnv.put("STRIPE_API_BASE", stripe.url());
        nodeEnv.put("STRIPE_WEBHOOK_SECRET", STRIPE_WEBHOOK_SECRET);
        nodeEnv.put("BANCA_CALL_TIMEOUT_MS", "2000");
        return new ChaosLottery(relay, stripe);
    }

    /** Once the nodes run: the banca, the lottery and its draws, and the buyers. */
    void after(ChaosRig rig, long durationMs, int buyerCount) {
        JdbcClient j = rig.jdbc();
        ChaosNode node = rig.nodes.getFirst();
        banca = DemoBanca.start(DemoBanca.Config.of(rig.db.dataSource()).withYantraBaseUrl(relay.url())
                .withSyncRate(0.6).withConfirmRate(0.8).withWebhookDelayMs(500));
        String admin = rig.nodeEnv.get("YANTRA_ADMIN_TOKENS").split(":", 2)[1];
        JsonNode created = admin(node, admin, "POST", "/v1/admin/bancas", """
                {"name":"Chaos Banca","rnc":"131246796","endpointUrl":"%s","contact":"ops@demo-banca.example"}""".formatted(banca.url()));
        bancaId = UUID.fromString(created.get("id").asString());
        JsonNode credential = admin(node, admin, "POST", "/v1/admin/bancas/" + bancaId + "/approve", null).get("credential");
        banca.addSecret(credential.get("keyId").asString(), credential.get("secret").asString().getBytes(StandardCharsets.UTF_8));
        // the per-number liability cap is a business limit, not what a chaos run is about
        j.sql("UPDATE bancas SET number_liability_cap_micro = ? WHERE id = ?").params(Long.MAX_VALUE / 4, bancaId).update();
        ZonedDateTime far = ZonedDateTime.now(dev.yantra.config.NodeClock.system().withZone(ZoneId.of("America/Santo_Domingo"))).plusHours(12);
        String schedule = Json.write(Map.of("kind", "weekly", "days", Map.of(far.getDayOfWeek().name().toLowerCase(Locale.ROOT),
                List.of(String.format("%02d:%02d", far.getHour(), far.getMinute())))));
        j.sql("""
                        INSERT INTO lotteries (id, name, time_zone, schedule, close_minutes, bet_types, payout_table, has_pick3,
                                               default_banca_id, min_amount_micro, max_amount_micro, currencies)
                        VALUES (?, 'Chaos Lottery', 'America/Santo_Domingo', CAST(? AS jsonb), 1, ARRAY['quiniela','pale'], CAST(? AS jsonb),
                                false, ?, 100000, 1000000000, ARRAY['DOP'])""")
                .params(LOTTERY, schedule, Json.write(PayoutTable.DEFAULTS.toMap()), bancaId).update();
        for (long closesIn : new long[]{durationMs * 35 / 100, durationMs * 70 / 100, Duration.ofHours(2).toMillis()}) {
            UUID id = UUID.randomUUID();
            j.sql("""
                            INSERT INTO draws (id, lottery_id, draw_time, closes_at, state)
                            VALUES (?, ?, now() + ? * interval '1 millisecond' + interval '1 minute', now() + ? * interval '1 millisecond', 'OPEN')""")
                    .params(id, LOTTERY, closesIn, closesIn).update();
            draws.add(id);
        }
        PlayerTokens tokens = new PlayerTokens(JwtSecret.resolve(YantraEnv.from(rig.nodeEnv)), dev.yantra.config.NodeClock.system());
        for (int i = 0; i < buyerCount; i++) {
            UUID id = UUID.nameUUIDFromBytes(("yantra:chaos:buyer:" + i + ":" + bancaId).getBytes(StandardCharsets.UTF_8));
            String phone = String.format("+1829%07d", i);
            j.sql("INSERT INTO players (id, phone, name, date_of_birth, password_hash) VALUES (?, ?, 'Chaos Buyer', DATE '1990-01-01', '!chaos')")
                    .params(id, phone).update();
            admin(node, admin, "POST", "/v1/admin/players/" + id + "/credit", """
                    {"currency":"DOP","amount":"%d","reason":"chaos run deposit","idempotencyKey":"deposit:%s"}"""
                    .formatted(DEPOSIT_MICRO / 100_000, id));
            buyers.add(new Buyer(id, tokens.issue(new PlayerPrincipal(id, phone, null, "player")).value()));
        }
    }

    /** Starts a banca or Stripe fault; returns a note for the report. */
    String begin(Fault f) {
        switch (f.kind()) {
            case BANCA_DOWN -> banca.changeFaults(Map.of("down", true));
            case BANCA_SLOW -> banca.changeFaults(Map.of("slowMs", f.param()));
            case BANCA_LOST_WEBHOOKS -> banca.changeFaults(Map.of("lostWebhooks", f.param() / 1000.0));
            case BANCA_DUPLICATE_WEBHOOKS -> banca.changeFaults(Map.of("duplicateWebhooks", f.param() / 1000.0));
            case STRIPE_WEBHOOK_DELAY -> stripe.changeFaults(Map.of("webhookDelayMs", f.param()));
            case STRIPE_WEBHOOK_REORDER -> stripe.changeFaults(Map.of("reorder", true));
            default -> throw new IllegalArgumentException("not a lottery fault: " + f.kind());
        }
        return "";
    }

    String end(Fault f) {
        if (f.kind().name().startsWith("BANCA_")) banca.changeFaults(Map.of("clear", true));
        else stripe.changeFaults(Map.of("clear", true));
        return "";
    }

    void clearFaults() {
        if (banca != null) banca.changeFaults(Map.of("clear", true));
        stripe.changeFaults(Map.of("clear", true));
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static JsonNode admin(ChaosNode node, String token, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + path)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
            return Json.parse(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (banca != null) banca.close();
        stripe.close();
        relay.close();
    }
}
