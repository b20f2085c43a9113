package dev.yantra.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.config.MasterKey;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.edge.FailedAuthLimiter;
import dev.yantra.operator.Operators;
import dev.yantra.play.PlayLimiter;
import dev.yantra.inbound.InboundObservations;
import dev.yantra.signing.OperatorFixture;
import dev.yantra.signing.SpecClient;
import dev.yantra.testing.Await;
import dev.yantra.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What a hostile client sends to every inbound surface, and what it must get back: a clear 4xx that stores
 * nothing, names no Java type, and costs the server little. Text at the edge (NUL and other control characters,
 * invalid UTF-8, lone surrogates), signature timestamps, amounts, bet idempotency, error bodies, rate limits on
 * rejected traffic and the player API, and the player's balance served from the wallet's last answer.
 * (Path spellings are in the sibling HostilePathsTest.)
 */
class HostileInputTest {
    static final String FAST = "{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":3000,"
            + "\"bettingMs\":4000,\"rollingMs\":200,\"cooldownMs\":200,\"minBetMicro\":10000}";
    /** Tables a running table engine writes to by itself; every other table must not move when a request is refused. */
    static final Set<String> MOVING_BY_THEMSELVES = Set.of("rounds", "fairness_chains", "table_leases", "bets",
            "wallet_calls", "pending_wallet_jobs", "signature_rejections", "flyway_schema_history", "node_heartbeats",
            "demo_wallet_accounts", "demo_wallet_transactions", "demo_wallet_players", "game_tables");

    static TestServer server;
    static JdbcClient jdbc;
    static DemoWallet wallet;
    static DemoProvisioner demo;
    static OperatorFixture op;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jdbc = server.running.database().jdbc();
        byte[] key = MasterKey.resolve(server.env);
        wallet = DemoWallet.start(server.running.database().dataSource(), 0, 0,
                Map.of(DemoProvisioner.OUTBOUND_KID, DemoProvisioner.walletSecret(key)), Clock.systemUTC(), 1_000_000_000L);
        demo = new DemoProvisioner(jdbc, key);
        demo.provision(wallet.callbackUrl(), FAST);
        op = OperatorFixture.create(server, "hostile-op");
    }

    @AfterAll
    static void stop() {
        wallet.close();
        server.close();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static String error(HttpResponse<String> r) {
        return Json.parse(r.body()).path("error").asString();
    }

    static long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    /** Row counts of every table of ours but those a running table writes to by itself. */
    static Map<String, Long> rowCounts() {
        Map<String, Long> out = new TreeMap<>();
        for (String t : jdbc.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").query(String.class).list()) {
            if (!MOVING_BY_THEMSELVES.contains(t)) out.put(t, count(t));
        }
        return out;
    }

    static String session(String mode) {
        return demo.createSession("player-" + UUID.randomUUID(), mode, "demo".equals(mode) ? 100_000_000L : null,
                Duration.ofHours(1), Instant.now());
    }

    static HttpResponse<String> play(String method, String pathAndQuery, String token, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(pathAndQuery))).timeout(Duration.ofSeconds(15))
                .header("content-type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> bet(String token, String body) {
        return play("POST", "/v1/play/bets", token, body.getBytes(StandardCharsets.UTF_8));
    }

    static String betBody(UUID requestUuid, String amountJson, String side) {
        return "{\"requestUuid\":\"" + requestUuid + "\",\"amountMicro\":" + amountJson + ",\"selection\":{\"side\":\"" + side + "\"}}";
    }

    /** Signs with the exact timestamp text given, the way a client that formats its own header would. */
    static HttpResponse<String> signedWithTimestamp(String path, String timestamp) {
        String canonical = "GET\n" + path + "\n" + timestamp + "\n" + SpecClient.sha256Hex(new byte[0]);
        HttpRequest req = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(10))
                .header("x-yantra-key-id", op.kid()).header("x-yantra-timestamp", timestamp)
                .header("x-yantra-signature", SpecClient.hmac(op.secret(), canonical)).GET().build();
        try {
            return server.http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            else out.writeBytes((byte[]) p);
        }
        return out.toByteArray();
    }

    static void await(String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        // the tests' one wait: testing.Await
        Await.until(what, Duration.ofMillis(timeoutMs), condition);
    }

    static void awaitBettingOpen(String token) throws InterruptedException {
        await("a round open for bets", 30_000, () -> {
            JsonNode s = Json.parse(play("GET", "/v1/play/state", token, null).body());
            return "BETTING_OPEN".equals(s.path("state").asString()) && s.path("msLeft").asLong() >= 2500;
        });
    }

    static void assertInvalidText(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(error(r)).isEqualTo("invalid_text");
        assertCleanMessage(r);
    }

    static void assertCleanMessage(HttpResponse<String> r) {
        assertThat(r.body()).doesNotContain("java.", "Exception", "Invalid UUID string", "For input string", "SQL", "\\u0000");
    }

    // ---- 3: NUL and control characters in query parameters and JSON text ------------------------------------

    @Test
    void a_nul_byte_in_a_query_parameter_is_a_400_invalid_text_not_a_500() {
        Map<String, Long> before = rowCounts();
        assertInvalidText(op.client().get("/v1/rounds?currency=%00"));
        assertInvalidText(op.client().get("/v1/reports/daily?gameCode=a%00b"));
        assertInvalidText(op.client().get("/v1/rounds?gameCode=ketapola%07dice"));
        assertInvalidText(op.client().get("/v1/rounds?currency=%C3%28"));  // percent-encoded invalid UTF-8
        assertThat(rowCounts()).isEqualTo(before);
        // ordinary text in the same parameters still works
        assertThat(op.client().get("/v1/rounds?currency=LKR&gameCode=ketapola-dice").statusCode()).isEqualTo(200);
    }

    @Test
    void a_nul_escaped_in_a_json_string_is_a_400_invalid_text_and_the_session_stays_active() {
        HttpResponse<String> created = op.client().post("/v1/session", op.sessionBody(UUID.randomUUID(), "nul-player"));
        assertThat(created.statusCode()).isEqualTo(201);
        String sessionId = Json.parse(created.body()).get("sessionId").stringValue();
        Map<String, Long> before = rowCounts();
        HttpResponse<String> r = op.client().post("/v1/session/" + sessionId + "/terminate",
                "{\"requestUuid\":\"" + UUID.randomUUID() + "\",\"reason\":\"a\\u0000b\"}");
        assertInvalidText(r);
        assertInvalidText(op.client().post("/v1/session/" + sessionId + "/terminate",
                "{\"requestUuid\":\"" + UUID.randomUUID() + "\",\"reason\":\"line\\u001bbreak\"}"));
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(Json.parse(op.client().get("/v1/session/" + sessionId).body()).get("status").stringValue()).isEqualTo("ACTIVE");
    }

    @Test
    void webhook_routes_are_left_to_their_own_handlers_which_verify_the_raw_bytes_first() {
        // the text check steps aside: the banca webhook's own handler answers (unsigned: 401), not invalid_text
        HttpResponse<String> r = play("POST", "/webhooks/plays/confirmation", null, bytes("{\"reason\":\"a\\u0000b\"}", new byte[] {(byte) 0xFF}));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(Json.parse(r.body()).get("error").stringValue()).isEqualTo("missing_signature");
        HttpResponse<String> elsewhere = play("POST", "/v1/play/bets", null, bytes("{\"reason\":\"a\\u0000b\"}"));
        assertInvalidText(elsewhere);
    }

    // ---- 5: invalid UTF-8 and lone surrogates in bodies -----------------------------------------------------

    @Test
    void two_player_refs_differing_only_in_invalid_utf8_bytes_are_refused_and_never_become_one_player() {
        Map<String, Long> before = rowCounts();
        for (byte[] bad : List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})) {  // the last: a surrogate encoded as UTF-8
            String json = op.sessionBody(UUID.randomUUID(), "PLACEHOLDER");
            int at = json.indexOf("PLACEHOLDER");
            byte[] body = bytes(json.substring(0, at), "p", bad, json.substring(at + "PLACEHOLDER".length()));
            HttpResponse<String> r = op.client().send("POST", "/v1/session", body, null);
            assertInvalidText(r);
        }
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void a_lone_surrogate_escaped_in_json_is_refused_and_nothing_is_stored() {
        Map<String, Long> before = rowCounts();
        assertInvalidText(op.client().post("/v1/session", op.sessionBody(UUID.randomUUID(), "p\\ud800")));
        assertInvalidText(op.client().post("/v1/session", op.sessionBody(UUID.randomUUID(), "p\\udfff")));
        assertThat(rowCounts()).isEqualTo(before);
        // a correct surrogate pair (an emoji) is text like any other
        assertThat(op.client().post("/v1/session", op.sessionBody(UUID.randomUUID(), "p\\ud83d\\ude00")).statusCode()).isEqualTo(201);
    }

    @Test
    void a_player_bet_with_invalid_utf8_in_its_body_is_refused_before_any_bet_is_written() {
        String token = session("demo");
        Map<String, Long> before = rowCounts();
        long bets = count("bets");
        String json = betBody(UUID.randomUUID(), "\"100000\"", "LOW");
        int at = json.indexOf("LOW");
        assertInvalidText(play("POST", "/v1/play/bets", token, bytes(json.substring(0, at), new byte[] {(byte) 0xFF}, json.substring(at))));
        assertThat(count("bets")).isEqualTo(bets);
        assertThat(rowCounts()).isEqualTo(before);
    }

    // ---- 4: signature timestamps ----------------------------------------------------------------------------

    @Test
    void a_timestamp_of_now_minus_two_to_the_63_does_not_overflow_into_the_window() {
        // offset − now overflows to exactly Long.MIN_VALUE when both clocks read the same second, whose abs() is
        // negative; the neighbours cover the test and the server reading different seconds
        for (long d = -1; d <= 1; d++) {
            long now = Instant.now().getEpochSecond();
            HttpResponse<String> r = signedWithTimestamp("/v1/rounds", Long.toString(Long.MIN_VALUE + now + d));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
            assertThat(error(r)).isEqualTo("clock_skew_outside_window");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "000", "-", "0x"})
    void a_timestamp_with_a_sign_or_thirteen_digits_or_any_other_spelling_is_refused(String prefix) {
        long now = Instant.now().getEpochSecond();
        String ts = prefix.equals("0x") ? "0x" + Long.toHexString(now) : prefix + now;
        HttpResponse<String> r = signedWithTimestamp("/v1/rounds", ts);
        assertThat(r.statusCode()).as(ts + " " + r.body()).isEqualTo(401);
        assertThat(error(r)).isEqualTo("clock_skew_outside_window");
        assertThat(signedWithTimestamp("/v1/rounds", Long.toString(now)).statusCode()).isEqualTo(200);
    }

    @Test
    void a_timestamp_of_thirteen_digits_is_refused_without_overflow() {
        HttpResponse<String> r = signedWithTimestamp("/v1/rounds", "9999999999999");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(error(r)).isEqualTo("clock_skew_outside_window");
    }

    // ---- 6: amounts -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"\" 100000\"", "\"100000 \"", "\"+100000\"", "\"١٠٠٠٠٠\"", "100000", "\"0100000\"", "\"0\"",
            "\"-100000\"", "\"1e5\"", "\"100000.0\"", "\"9223372036854775808\"", "\"99999999999999999999\"", "null", "true", "\"\""})
    void an_amount_that_is_not_a_plain_positive_decimal_string_is_a_400_and_debits_nothing(String amount) throws Exception {
        String token = session("demo");
        awaitBettingOpen(token);
        long bets = count("bets");
        HttpResponse<String> r = bet(token, betBody(UUID.randomUUID(), amount, "LOW"));
        assertThat(r.statusCode()).as(amount + " " + r.body()).isEqualTo(400);
        assertThat(error(r)).isEqualTo("invalid_amount");
        assertCleanMessage(r);
        assertThat(count("bets")).isEqualTo(bets);
        // the same bet with a well-formed amount goes through: the refusal was about the spelling
        assertThat(bet(token, betBody(UUID.randomUUID(), "\"100000\"", "LOW")).statusCode()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\" 20000\"", "\"20000 \"", "\"+20000\"", "20000", "\"0\"", "\"٢٠٠٠٠\""})
    void a_table_limit_in_micro_units_is_set_only_from_a_plain_decimal_string(String amount) {
        Map<String, Long> before = rowCounts();
        String config = jdbc.sql("SELECT config::text FROM operator_game_configs WHERE operator_id = ?")
                .param(DemoProvisioner.OPERATOR_ID).query(String.class).single();
        HttpResponse<String> r = admin("PUT", "/v1/admin/operators/" + DemoProvisioner.OPERATOR_ID + "/game-configs/ketapola-dice/LKR",
                "{\"changes\":{\"minBetMicro\":" + amount + "},\"reason\":\"hostile\"}");
        assertThat(r.statusCode()).as(amount + " " + r.body()).isEqualTo(400);
        assertThat(error(r)).isEqualTo("invalid_amount");
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT config::text FROM operator_game_configs WHERE operator_id = ?")
                .param(DemoProvisioner.OPERATOR_ID).query(String.class).single()).isEqualTo(config);
    }

    static HttpResponse<String> admin(String method, String path, String body) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").header("Authorization", "Bearer test-admin-token")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return server.http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- 9: bet idempotency ---------------------------------------------------------------------------------

    @Test
    void a_bet_repeated_after_its_round_stopped_taking_bets_gets_the_first_answer_and_places_nothing() throws Exception {
        String token = session("demo");
        awaitBettingOpen(token);
        UUID requestUuid = UUID.randomUUID();
        String body = betBody(requestUuid, "\"100000\"", "HIGH");
        HttpResponse<String> first = bet(token, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String roundId = Json.parse(first.body()).path("roundId").asString();
        await("the bet's round no longer open for bets", 30_000, () -> {
            JsonNode st = Json.parse(play("GET", "/v1/play/state", token, null).body());
            return !(roundId.equals(st.path("roundId").asString()) && "BETTING_OPEN".equals(st.path("state").asString()));
        });
        long bets = count("bets");
        // the repeat meets a closed round (or the next one): it is answered with the first bet, never refused or re-placed
        HttpResponse<String> again = bet(token, body);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(Json.parse(again.body()).path("betId").asString()).isEqualTo(Json.parse(first.body()).path("betId").asString());
        assertThat(count("bets")).isEqualTo(bets);
    }

    @Test
    void a_bet_replayed_with_the_same_request_uuid_and_another_body_is_409_idempotency_key_reused() throws Exception {
        String token = session("demo");
        awaitBettingOpen(token);
        UUID requestUuid = UUID.randomUUID();
        HttpResponse<String> first = bet(token, betBody(requestUuid, "\"100000\"", "LOW"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        long bets = count("bets");
        HttpResponse<String> otherAmount = bet(token, betBody(requestUuid, "\"200000\"", "LOW"));
        assertThat(otherAmount.statusCode()).as(otherAmount.body()).isEqualTo(409);
        assertThat(error(otherAmount)).isEqualTo("idempotency_key_reused");
        HttpResponse<String> otherSide = bet(token, betBody(requestUuid, "\"100000\"", "HIGH"));
        assertThat(otherSide.statusCode()).isEqualTo(409);
        assertThat(error(otherSide)).isEqualTo("idempotency_key_reused");
        // the same body, spelled differently (key order, whitespace), is the same request: the original bet
        HttpResponse<String> same = bet(token, "{ \"selection\" : {\"side\":\"LOW\"}, \"amountMicro\":\"100000\", \"requestUuid\":\"" + requestUuid + "\" }");
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(Json.parse(same.body()).path("betId").asString()).isEqualTo(Json.parse(first.body()).path("betId").asString());
        assertThat(count("bets")).isEqualTo(bets);
    }

    // ---- 10: error bodies -----------------------------------------------------------------------------------

    @Test
    void a_malformed_path_or_query_parameter_gets_a_message_without_java_type_names() {
        HttpResponse<String> uuid = server.get("/v1/public/tables/not-a-uuid/chains");
        assertThat(uuid.statusCode()).isEqualTo(400);
        assertThat(error(uuid)).isEqualTo("invalid_request");
        assertCleanMessage(uuid);
        assertThat(Json.parse(uuid.body()).path("message").asString()).contains("tableId");

        HttpResponse<String> limit = op.client().get("/v1/rounds?limit=lots");
        assertThat(limit.statusCode()).isEqualTo(400);
        assertCleanMessage(limit);
        assertThat(Json.parse(limit.body()).path("message").asString()).contains("limit").doesNotContain("lots");
    }

    @Test
    void get_error_is_a_clean_404_json() {
        HttpResponse<String> r = server.get("/error");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        assertThat(error(r)).isEqualTo("not_found");
        assertCleanMessage(r);
    }

    @Test
    void an_operator_over_its_rate_limit_gets_429_with_retry_after() {
        OperatorFixture slow = OperatorFixture.create(server, "hostile-slow");
        Operators operators = server.running.context().getBean(Operators.class);
        operators.update(slow.operatorId().toString(), new Operators.OperatorChanges(null, null, null, 2, null, null), "test");
        HttpResponse<String> limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            HttpResponse<String> r = slow.client().get("/v1/rounds");
            if (r.statusCode() == 429) limited = r;
        }
        assertThat(limited).isNotNull();
        assertThat(limited.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
    }

    // ---- 8: rejected traffic costs little -------------------------------------------------------------------

    @Test
    void fifty_rejected_signatures_from_one_source_become_at_most_one_row_per_minute_that_counts_them_all() {
        server.running.context().getBean(FailedAuthLimiter.class).forgetAll();  // other tests' failures share 127.0.0.1
        OperatorFixture victim = OperatorFixture.create(server, "hostile-rejections");
        SpecClient wrongSecret = new SpecClient(server.url(""), victim.kid(), "not-the-secret");
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> r = wrongSecret.get("/v1/rounds");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(error(r)).isEqualTo("invalid_signature");
        }
        server.running.context().getBean(InboundObservations.class).flush();
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT reason, source_ip, kid, rejection_count FROM signature_rejections WHERE operator_id = ?""")
                .param(victim.operatorId()).query().listOfRows();
        assertThat(rows).hasSizeBetween(1, 2);  // two only when the fifty straddle a minute
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("reason")).isEqualTo("invalid_signature");
            assertThat(row.get("source_ip")).isEqualTo("127.0.0.1");
            assertThat(row.get("kid")).isEqualTo(victim.kid());
        });
        assertThat(rows.stream().mapToLong(row -> ((Number) row.get("rejection_count")).longValue()).sum()).isEqualTo(50);
    }

    @Test
    void thirty_invented_kids_from_one_source_cost_no_more_rows_than_one() {
        server.running.context().getBean(FailedAuthLimiter.class).forgetAll();
        InboundObservations observations = server.running.context().getBean(InboundObservations.class);
        observations.flush();
        String unknown = "FROM signature_rejections WHERE operator_id IS NULL AND reason = 'unknown_or_revoked_kid'";
        long rowsBefore = jdbc.sql("SELECT count(*) " + unknown).query(Long.class).single();
        long countBefore = jdbc.sql("SELECT coalesce(sum(rejection_count), 0) " + unknown).query(Long.class).single();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = new SpecClient(server.url(""), "ik_invented_" + i, "whatever").get("/v1/rounds");
            assertThat(error(r)).isEqualTo("unknown_or_revoked_kid");
        }
        observations.flush();
        assertThat(jdbc.sql("SELECT count(*) " + unknown).query(Long.class).single() - rowsBefore).isBetween(0L, 2L);
        assertThat(jdbc.sql("SELECT coalesce(sum(rejection_count), 0) " + unknown).query(Long.class).single() - countBefore).isEqualTo(30);
    }

    @Test
    void a_source_that_keeps_failing_authentication_gets_429_with_retry_after_and_costs_no_more_rows() {
        FailedAuthLimiter limiter = server.running.context().getBean(FailedAuthLimiter.class);
        FailedAuthLimiter.Limits saved = limiter.limits();
        try {
            limiter.setLimits(new FailedAuthLimiter.Limits(5, 0.2));
            SpecClient stranger = new SpecClient(server.url(""), "ik_hostile_unknown", "whatever");
            int unauthorized = 0;
            HttpResponse<String> limited = null;
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> r = stranger.get("/v1/rounds");
                if (r.statusCode() == 401) unauthorized++;
                if (r.statusCode() == 429) limited = r;
            }
            assertThat(unauthorized).isEqualTo(5);
            assertThat(limited).isNotNull();
            assertThat(error(limited)).isEqualTo("too_many_failed_authentications");
            assertThat(limited.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
            // failing player tokens count against the same source
            HttpResponse<String> player = play("GET", "/v1/play/state", "no-such-token", null);
            assertThat(player.statusCode()).isEqualTo(429);
            assertThat(player.headers().firstValue("retry-after")).isPresent();
        } finally {
            limiter.setLimits(saved);
            limiter.forgetAll();
        }
    }

    @Test
    void the_player_api_is_limited_per_session_with_retry_after() {
        PlayLimiter limiter = server.running.context().getBean(PlayLimiter.class);
        PlayLimiter.Limits saved = limiter.limits();
        try {
            limiter.setLimits(new PlayLimiter.Limits(5, 0.5));
            String token = session("demo");
            String other = session("demo");
            HttpResponse<String> limited = null;
            int ok = 0;
            for (int i = 0; i < 15; i++) {
                HttpResponse<String> r = play("GET", "/v1/play/state", token, null);
                if (r.statusCode() == 200) ok++;
                if (r.statusCode() == 429) limited = r;
            }
            assertThat(ok).isEqualTo(5);
            assertThat(limited).isNotNull();
            assertThat(error(limited)).isEqualTo("rate_limited");
            assertThat(limited.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
            // another session of the same operator is not affected
            assertThat(play("GET", "/v1/play/state", other, null).statusCode()).isEqualTo(200);
        } finally {
            limiter.setLimits(saved);
        }
    }

    @Test
    void many_tabs_polling_state_ask_the_wallet_for_the_balance_at_most_once_per_five_seconds() throws Exception {
        String player = "tabs-" + UUID.randomUUID();
        String token = demo.createSession(player, "real", null, Duration.ofHours(1), Instant.now());
        ExecutorService tabs = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> polls = new ArrayList<>();
            for (int i = 0; i < 40; i++) polls.add(tabs.submit(() -> play("GET", "/v1/play/state", token, null)));
            for (Future<HttpResponse<String>> f : polls) {
                assertThat(f.get().statusCode()).isEqualTo(200);
                // the tabs that did not ask the wallet waited for the one that did: every tab shows the balance
                assertThat(Json.parse(f.get().body()).path("balanceMicro").asString()).isEqualTo("1000000000");
            }
        } finally {
            tabs.shutdownNow();
        }
        assertThat(balanceCalls(player)).isEqualTo(1);
        assertThat(Json.parse(play("GET", "/v1/play/state", token, null).body()).path("balanceMicro").asString()).isEqualTo("1000000000");

        // a bet's reply carries the balance: the next read shows it without asking the wallet again
        awaitBettingOpen(token);
        long callsBefore = balanceCalls(player);
        HttpResponse<String> placed = bet(token, betBody(UUID.randomUUID(), "\"100000\"", "LOW"));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(Json.parse(play("GET", "/v1/play/state", token, null).body()).path("balanceMicro").asString()).isEqualTo("999900000");
        assertThat(balanceCalls(player)).isEqualTo(callsBefore);
    }

    static long balanceCalls(String playerRef) {
        return jdbc.sql("SELECT count(*) FROM wallet_calls WHERE endpoint = 'BALANCE' AND request_body::jsonb ->> 'playerRef' = ?")
                .param(playerRef).query(Long.class).single();
    }
}
