package dev.yantra.lottery.player;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.yantra.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Register, login, refresh and the bearer filter, through real HTTP on a real node and Postgres. */
class PlayerAuthEndToEndTest {
    static TestServer server;
    static PlayerApi api;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new PlayerApi(server);
        jdbc = server.running.database().jdbc();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void registering_returns_tokens_and_the_user_with_the_phone_in_e164() {
        String local = PlayerApi.newLocalPhone();
        HttpResponse<String> r = api.register("(" + local.substring(0, 3) + ") " + local.substring(3, 6) + "-" + local.substring(6),
                "correct horse battery", "1990-04-01");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode b = PlayerApi.json(r);
        assertThat(b.get("user").get("phone").stringValue()).isEqualTo("+1" + local);
        assertThat(b.get("user").get("email").stringValue()).isEqualTo("p" + local + "@example.com");
        assertThat(b.get("user").get("id").stringValue()).isNotBlank();
        assertThat(b.get("accessToken").stringValue()).contains(".");
        assertThat(b.get("refreshToken").stringValue()).startsWith("yrt_");
        String hash = jdbc.sql("SELECT password_hash FROM players WHERE phone = ?").param("+1" + local).query(String.class).single();
        assertThat(hash).startsWith("$2").doesNotContain("correct horse");
    }

    @Test
    void an_existing_phone_is_409_and_returns_no_tokens() {
        PlayerApi.Session first = api.registered();
        HttpResponse<String> again = api.register(first.phone(), "another password", "1985-01-01");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(PlayerApi.json(again).get("error").stringValue()).isEqualTo("phone_taken");
        assertThat(again.body()).doesNotContain("accessToken").doesNotContain("refreshToken");
        assertThat(jdbc.sql("SELECT count(*) FROM players WHERE phone = ?").param(first.phone()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void twenty_concurrent_registrations_of_one_phone_make_one_account_and_the_others_get_409_without_tokens() throws Exception {
        String phone = PlayerApi.newLocalPhone();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return api.register(phone, "correct horse battery", "1990-04-01");
            }));
        }
        go.countDown();
        int created = 0;
        int conflicts = 0;
        for (var f : answers) {
            HttpResponse<String> r = f.get(120, TimeUnit.SECONDS);
            if (r.statusCode() == 201) created++;
            if (r.statusCode() == 409) {
                conflicts++;
                assertThat(r.body()).doesNotContain("Token");
            }
        }
        pool.shutdown();
        assertThat(created).isEqualTo(1);
        assertThat(conflicts).isEqualTo(19);
        assertThat(jdbc.sql("SELECT count(*) FROM players WHERE phone = ?").param("+1" + phone).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM player_refresh_tokens t JOIN players p ON p.id = t.user_id WHERE p.phone = ?")
                .param("+1" + phone).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_player_under_18_is_refused_and_one_of_exactly_18_is_accepted() {
        String underage = LocalDate.now().minusYears(18).plusDays(2).toString();
        String phone = PlayerApi.newLocalPhone();
        HttpResponse<String> r = api.register(phone, "correct horse battery", underage);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(PlayerApi.json(r).get("error").stringValue()).isEqualTo("underage");
        assertThat(jdbc.sql("SELECT count(*) FROM players WHERE phone = ?").param("+1" + phone).query(Long.class).single()).isZero();
        HttpResponse<String> adult = api.register(phone, "correct horse battery", LocalDate.now().minusYears(18).minusDays(1).toString());
        assertThat(adult.statusCode()).as(adult.body()).isEqualTo(201);
    }

    @Test
    void an_invalid_phone_is_400_in_spanish_when_asked() {
        HttpResponse<String> r = api.send("POST", "/api/v1/auth/register",
                "{\"phone\":\"12\",\"name\":\"x\",\"dateOfBirth\":\"1990-01-01\",\"password\":\"correct horse\"}", null,
                Map.of("Accept-Language", "es-DO,es;q=0.9,en;q=0.5"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(PlayerApi.json(r).get("error").stringValue()).isEqualTo("invalid_phone");
        assertThat(PlayerApi.json(r).get("message").stringValue()).isEqualTo("El número de teléfono no es válido.");
    }

    @Test
    void login_with_the_right_password_returns_a_session_and_a_wrong_one_is_401() {
        PlayerApi.Session s = api.registered();
        HttpResponse<String> wrong = api.post("/api/v1/auth/login", Map.of("phone", s.phone(), "password", "wrong password"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(PlayerApi.json(wrong).get("error").stringValue()).isEqualTo("invalid_credentials");
        HttpResponse<String> ok = api.post("/api/v1/auth/login", Map.of("phone", s.phone(), "password", "correct horse battery"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(PlayerApi.session(PlayerApi.json(ok)).userId()).isEqualTo(s.userId());
    }

    @Test
    void logins_of_one_phone_are_limited_with_429_and_retry_after() {
        PlayerApi.Session s = api.registered();
        for (int i = 0; i < LoginThrottle.PER_PHONE; i++) {
            assertThat(api.post("/api/v1/auth/login", Map.of("phone", s.phone(), "password", "wrong password")).statusCode())
                    .isEqualTo(401);
        }
        HttpResponse<String> limited = api.post("/api/v1/auth/login", Map.of("phone", s.phone(), "password", "correct horse battery"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(PlayerApi.json(limited).get("error").stringValue()).isEqualTo("too_many_attempts");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, LoginThrottle.WINDOW.toSeconds() + 1);
    }

    @Test
    void a_refresh_rotates_the_token_and_reusing_the_old_one_revokes_the_family() {
        PlayerApi.Session s = api.registered();
        HttpResponse<String> first = api.post("/api/v1/auth/refresh", Map.of("refreshToken", s.refreshToken()));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        PlayerApi.Session rotated = PlayerApi.session(PlayerApi.json(first));
        assertThat(rotated.refreshToken()).isNotEqualTo(s.refreshToken());
        assertThat(api.get("/api/v1/users/" + s.userId() + "/wallet", rotated.accessToken()).statusCode()).isEqualTo(200);

        HttpResponse<String> reuse = api.post("/api/v1/auth/refresh", Map.of("refreshToken", s.refreshToken()));
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(PlayerApi.json(reuse).get("error").stringValue()).isEqualTo("refresh_token_reused");
        HttpResponse<String> newest = api.post("/api/v1/auth/refresh", Map.of("refreshToken", rotated.refreshToken()));
        assertThat(newest.statusCode()).as("the family is revoked, the newest token included").isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM player_refresh_tokens WHERE user_id = ? AND revoked_at IS NULL")
                .param(s.userId()).query(Long.class).single()).isZero();
    }

    @Test
    void an_access_token_is_not_a_refresh_token_and_a_refresh_token_is_not_an_access_token() {
        PlayerApi.Session s = api.registered();
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", s.accessToken())).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/users/" + s.userId() + "/wallet", s.refreshToken()).statusCode()).isEqualTo(401);
    }

    @Test
    void logout_revokes_the_refresh_token() {
        PlayerApi.Session s = api.registered();
        assertThat(api.post("/api/v1/auth/logout", Map.of("refreshToken", s.refreshToken())).statusCode()).isEqualTo(204);
        HttpResponse<String> r = api.post("/api/v1/auth/refresh", Map.of("refreshToken", s.refreshToken()));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(PlayerApi.json(r).get("error").stringValue()).isEqualTo("invalid_refresh_token");
    }

    @Test
    void a_missing_malformed_wrongly_signed_or_expired_token_is_401_invalid_token() throws Exception {
        PlayerApi.Session s = api.registered();
        String wallet = "/api/v1/users/" + s.userId() + "/wallet";
        String wrongKey = jwt("a-different-secret-that-is-32-bytes-or-more!", s, Instant.now().plusSeconds(600));
        String expired = jwt(server.env.jwtSecret().orElseThrow(), s, Instant.now().minusSeconds(5));
        String valid = jwt(server.env.jwtSecret().orElseThrow(), s, Instant.now().plusSeconds(600));
        for (String bad : new String[]{null, "not-a-jwt", wrongKey, expired, s.accessToken() + "x"}) {
            HttpResponse<String> r = api.get(wallet, bad);
            assertThat(r.statusCode()).as(String.valueOf(bad)).isEqualTo(401);
            assertThat(PlayerApi.json(r).get("error").stringValue()).isEqualTo("invalid_token");
            assertThat(PlayerApi.json(r).get("message").stringValue()).isNotBlank();
        }
        assertThat(api.get(wallet, valid).statusCode()).as("the same claims signed with JWT_SECRET pass").isEqualTo(200);
    }

    @Test
    void an_unsigned_token_naming_alg_none_is_refused() {
        PlayerApi.Session s = api.registered();
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = b64("{\"sub\":\"" + s.userId() + "\",\"phone\":\"" + s.phone() + "\",\"role\":\"player\",\"exp\":"
                + (Instant.now().getEpochSecond() + 600) + "}");
        assertThat(api.get("/api/v1/users/" + s.userId() + "/wallet", header + "." + claims + ".").statusCode()).isEqualTo(401);
    }

    @Test
    void the_public_catalog_and_auth_need_no_token_but_other_player_paths_do() {
        assertThat(PlayerAuthFilter.protects("GET", "/api/v1/lotteries")).isFalse();
        assertThat(PlayerAuthFilter.protects("GET", "/api/v1/lotteries/loteka/draws")).isFalse();
        assertThat(PlayerAuthFilter.protects("POST", "/api/v1/lotteries/loteka")).isTrue();
        assertThat(PlayerAuthFilter.protects("POST", "/api/v1/auth/login")).isFalse();
        assertThat(PlayerAuthFilter.protects("POST", "/api/v1/plays")).isTrue();
        assertThat(PlayerAuthFilter.protects("GET", "/api/v1/authx")).isTrue();
        assertThat(PlayerAuthFilter.protects("GET", "/v1/sessions")).isFalse();
        HttpResponse<String> plays = api.get("/api/v1/plays/user/" + UUID.randomUUID(), null);
        assertThat(plays.statusCode()).isEqualTo(401);
        HttpResponse<String> sneaky = api.get("/api/v1/auth/../users/" + UUID.randomUUID() + "/wallet", null);
        assertThat(sneaky.statusCode()).as("a dot-segment through auth/ does not skip the filter").isIn(400, 401, 404);
        assertThat(sneaky.statusCode()).isNotEqualTo(200);
    }

    @Test
    void a_password_reset_code_from_the_outbox_sets_a_new_password_once() {
        PlayerApi.Session s = api.registered();
        assertThat(api.post("/api/v1/auth/password-reset/request", Map.of("phone", s.phone())).statusCode()).isEqualTo(202);
        assertThat(api.post("/api/v1/auth/password-reset/request", Map.of("phone", "+18092999999")).statusCode())
                .as("an unknown phone gets the same answer").isEqualTo(202);
        Map<String, Object> row = jdbc.sql("SELECT body, state FROM notification_outbox WHERE destination = ? ORDER BY created_at DESC LIMIT 1")
                .param(s.phone()).query().singleRow();
        assertThat(row.get("state")).isEqualTo("sent");
        String code = ((String) row.get("body")).replaceAll("\\D*(\\d{6}).*", "$1");
        assertThat(code).hasSize(6);
        HttpResponse<String> wrong = api.post("/api/v1/auth/password-reset/confirm",
                Map.of("phone", s.phone(), "code", code.equals("000000") ? "111111" : "000000", "newPassword", "a brand new secret"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(PlayerApi.json(wrong).get("error").stringValue()).isEqualTo("invalid_reset_code");
        HttpResponse<String> ok = api.post("/api/v1/auth/password-reset/confirm",
                Map.of("phone", s.phone(), "code", code, "newPassword", "a brand new secret"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/password-reset/confirm",
                Map.of("phone", s.phone(), "code", code, "newPassword", "yet another secret")).statusCode())
                .as("a code works once").isEqualTo(400);
        assertThat(api.post("/api/v1/auth/login", Map.of("phone", s.phone(), "password", "a brand new secret")).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", s.refreshToken())).statusCode())
                .as("a reset ends the sessions of the old password").isEqualTo(401);
    }

    @Test
    void limits_are_read_and_set_through_the_api_lower_at_once_and_higher_after_cooling_off() {
        PlayerApi.Session s = api.registered();
        String path = "/api/v1/users/" + s.userId() + "/limits";
        JsonNode empty = PlayerApi.json(api.get(path, s.accessToken()));
        assertThat(empty.get("dailySpendLimits").size()).isZero();
        assertThat(empty.get("selfExcludedUntil").isNull()).isTrue();
        assertThat(empty.get("coolingOffHours").intValue()).isEqualTo(24);

        HttpResponse<String> set = api.send("PUT", path, "{\"dailySpendLimits\":{\"DOP\":\"1000\"}}", s.accessToken(), Map.of());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(PlayerApi.json(set).get("dailySpendLimits").get("DOP").decimalValue()).isEqualByComparingTo("1000");
        HttpResponse<String> raise = api.send("PUT", path, "{\"dailySpendLimits\":{\"DOP\":5000}}", s.accessToken(), Map.of());
        JsonNode raised = PlayerApi.json(raise);
        assertThat(raised.get("dailySpendLimits").get("DOP").decimalValue()).as("a raise waits").isEqualByComparingTo("1000");
        assertThat(raised.get("pending").get(0).get("dailySpendLimit").decimalValue()).isEqualByComparingTo("5000");
        assertThat(Instant.parse(raised.get("pending").get(0).get("effectiveAt").stringValue()))
                .isAfter(Instant.now().plus(PlayerLimits.COOLING_OFF).minusSeconds(60));

        String until = Instant.now().plusSeconds(30L * 86_400).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonNode excluded = PlayerApi.json(api.send("PUT", path, "{\"selfExcludedUntil\":\"" + until + "\"}", s.accessToken(), Map.of()));
        assertThat(excluded.get("selfExcludedUntil").stringValue()).isEqualTo(until);

        HttpResponse<String> bad = api.send("PUT", path, "{\"dailySpendLimits\":{\"EUR\":5}}", s.accessToken(), Map.of());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(PlayerApi.json(bad).get("error").stringValue()).isEqualTo("invalid_currency");
        assertThat(api.send("PUT", path, "{\"dailySpendLimits\":{\"USD\":\"0.5\"}}", s.accessToken(), Map.of()).statusCode())
                .isEqualTo(400);
    }

    private static String jwt(String secret, PlayerApi.Session s, Instant exp) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject(s.userId().toString()).claim("phone", s.phone()).claim("email", null).claim("role", "player")
                .issueTime(Date.from(exp.minusSeconds(3600))).expirationTime(Date.from(exp)).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String b64(String s) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
