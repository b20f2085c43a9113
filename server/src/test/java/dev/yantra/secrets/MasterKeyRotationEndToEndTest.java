package dev.yantra.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.admin.AdminAudit;
import dev.yantra.config.MasterKey;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.lottery.bancas.BancaCredentials;
import dev.yantra.operator.CredentialStore;
import dev.yantra.server.ServerLauncher;
import dev.yantra.signing.KeyRing;
import dev.yantra.signing.SpecClient;
import dev.yantra.testing.Await;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.TestServer;
import dev.yantra.testing.Yantra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole rollout of docs/key-rotation.md on real nodes, the real demo wallet and a player betting all along:
 * a node on key A; the node restarted with B as current and A as previous; `yantra secrets rotate-master-key`
 * run (as an operator runs it, in its own process) while bets and signed operator requests go on; the node
 * restarted with B alone. No signed request is refused, no wallet call fails its signature, every credential and
 * unrevealed seed still opens, and a node left on A alone can open nothing.
 */
class MasterKeyRotationEndToEndTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final byte[] KEY_A = key(0x0a);
    static final byte[] KEY_B = key(0x0b);
    static final String FAST = "{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":3000,"
            + "\"bettingMs\":300,\"rollingMs\":200,\"cooldownMs\":200,\"minBetMicro\":10000}";
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static byte[] key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return k;
    }

    static String b64(byte[] k) {
        return Base64.getEncoder().encodeToString(k);
    }

    static Map<String, String> vars(String url, byte[] current, byte[] previous, int port) {
        Map<String, String> v = new HashMap<>();
        v.put("DATABASE_URL", url);
        v.put("YANTRA_MASTER_KEY", b64(current));
        if (previous != null) v.put(MasterKey.PREVIOUS_VAR, b64(previous));
        v.put("YANTRA_ADMIN_TOKENS", "test-admin:test-admin-token");
        v.put("JWT_SECRET", "test-jwt-secret-of-at-least-32-bytes-long");
        v.put("PORT", String.valueOf(port));
        return v;
    }

    static ServerLauncher.Running node(String url, byte[] current, byte[] previous) {
        YantraEnv env = YantraEnv.from(vars(url, current, previous, TestServer.freePort()));
        Consumer<GenericApplicationContext> beans = previous == null ? g -> { }
                : g -> g.registerBean(MasterKey.Previous.class, () -> new MasterKey.Previous(b64(previous)));
        return ServerLauncher.start(env, beans);
    }

    @Test
    void rotating_the_master_key_under_a_running_node_loses_no_credential_and_signed_calls_keep_working() throws Exception {
        String url = TestPostgres.freshDatabaseUrl();
        Database walletDb = Database.open(YantraEnv.from(vars(url, KEY_A, null, 1)), "wallet", 4, null);
        DemoWallet wallet = DemoWallet.start(walletDb.dataSource(), 0, 0,
                Map.of(DemoProvisioner.OUTBOUND_KID, DemoProvisioner.walletSecret(KEY_A)), Clock.systemUTC(), 1_000_000_000L);
        List<ServerLauncher.Running> nodes = new ArrayList<>();
        try {
            // before: key A alone, as the node has always run
            ServerLauncher.Running a = node(url, KEY_A, null);
            nodes.add(a);
            DemoProvisioner demo = new DemoProvisioner(a.database().jdbc(), KEY_A);
            demo.provision(wallet.callbackUrl(), FAST);
            CredentialStore.Issued inbound = a.context().getBean(CredentialStore.class)
                    .issue(DemoProvisioner.OPERATOR_ID, CredentialStore.Kind.INBOUND, null, "test");
            UUID banca = UUID.randomUUID();
            a.database().jdbc().sql("INSERT INTO bancas (id, name, rnc, endpoint_url, contact, status) VALUES (?, 'rot', '101', "
                    + "'http://127.0.0.1:1', 'ops@banca.example', 'active')").param(banca).update();
            BancaCredentials.Issued bancaSecret = a.context().getBean(BancaCredentials.class).issue(banca, null, "test");
            String token = demo.createSession("rotation-player", "real", null, Duration.ofHours(1), Instant.now());
            assertThat(settledBet(a, token)).isEqualTo("201");
            assertThat(signed(a, inbound).statusCode()).isEqualTo(200);
            // with one key held a node writes only text an older release reads (no key id): a rolling upgrade stays safe
            assertThat(counts(a.database().jdbc())).containsOnlyKeys(KeyRing.LEGACY_KEY_ID);
            a.stop();

            // rollout: every node gets B as the current key and A as the previous one
            ServerLauncher.Running b = node(url, KEY_B, KEY_A);
            nodes.add(b);
            assertThat(settledBet(b, token)).isEqualTo("201");
            Map<String, Long> before = counts(b.database().jdbc(), KeyRing.of(KEY_B, KEY_A));
            assertThat(before).containsKey(KeyRing.keyId(KEY_A)).doesNotContainKey(KeyRing.LEGACY_KEY_ID);

            // rotate while a player bets and the operator signs requests
            AtomicBoolean playing = new AtomicBoolean(true);
            List<String> answers = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<?> player = pool.submit(() -> {
                String last = null;
                while (playing.get()) {
                    String round = awaitBettingOpen(b, token);
                    if (round.equals(last)) {
                        Thread.sleep(30);
                        continue;
                    }
                    last = round;
                    HttpResponse<String> r = bet(b, token);
                    if (!(r.statusCode() == 409 && r.body().contains("betting_closed"))) answers.add("bet " + r.statusCode());
                }
                return null;
            });
            Future<?> operator = pool.submit(() -> {
                while (playing.get()) {
                    answers.add("signed " + signed(b, inbound).statusCode());
                    Thread.sleep(50);
                }
                return null;
            });
            // the rotation lands under traffic: a bet and a signed request answered before it, and both again after it
            Await.until("a bet and a signed request answered before the rotation", Duration.ofSeconds(30),
                    () -> answers.contains("bet 201") && answers.contains("signed 200"));
            Yantra.Run rotated = Yantra.process(vars(url, KEY_B, KEY_A, 1), "secrets", "rotate-master-key");
            int atRotation = answers.size();
            Await.until("a bet and a signed request answered after the rotation", Duration.ofSeconds(30), () -> {
                synchronized (answers) {   // the player and the operator threads add to it meanwhile
                    List<String> after = answers.subList(atRotation, answers.size());
                    return after.contains("bet 201") && after.contains("signed 200");
                }
            });
            playing.set(false);
            player.get();
            operator.get();
            pool.shutdown();
            assertThat(rotated.exit()).as(rotated.out() + rotated.err()).isZero();
            assertThat(rotated.out()).contains("nothing is left under another key");
            assertThat(answers).contains("bet 201", "signed 200").allMatch(s -> s.equals("bet 201") || s.equals("signed 200"));
            assertThat(counts(b.database().jdbc())).containsOnlyKeys(KeyRing.keyId(KEY_B));
            assertThat(b.database().jdbc().sql("SELECT count(*) FROM admin_audit_log WHERE action = 'secrets.rotate-master-key'")
                    .query(Long.class).single()).isEqualTo(1);
            Yantra.Run status = Yantra.inProcess(vars(url, KEY_B, null, 1), null, "secrets", "status");
            assertThat(status.exit()).as(status.out() + status.err()).isZero();
            assertThat(status.out()).contains("every sealed secret is under the current key " + KeyRing.keyId(KEY_B));
            b.stop();

            // after the rollout: B alone; every credential and seed opens, the table deals on
            ServerLauncher.Running c = node(url, KEY_B, null);
            nodes.add(c);
            assertThat(settledBet(c, token)).isEqualTo("201");
            assertThat(signed(c, inbound).statusCode()).isEqualTo(200);
            assertThat(c.context().getBean(BancaCredentials.class).inboundSecrets())
                    .anySatisfy(s -> assertThat(new String(s.secret(), StandardCharsets.UTF_8)).isEqualTo(bancaSecret.secret()));
            assertThat(c.database().jdbc().sql("SELECT count(*) FROM wallet_calls WHERE response_status = 401 OR status = 'RS_ERROR_INVALID_SIGNATURE'")
                    .query(Long.class).single()).as("wallet calls refused for their signature").isZero();
            Yantra.Run oldKeyOnly = Yantra.inProcess(vars(url, KEY_A, null, 1), null, "secrets", "status");
            assertThat(oldKeyOnly.exit()).isEqualTo(1);
            assertThat(oldKeyOnly.out()).contains("not under the current key " + KeyRing.keyId(KEY_A));
        } finally {
            for (ServerLauncher.Running n : nodes) {
                try {
                    n.stop();
                } catch (RuntimeException ignored) {
                    // stopped by the test already
                }
            }
            wallet.close();
            walletDb.close();
        }
    }

    @Test
    void a_secret_that_opens_under_no_held_key_refuses_the_whole_rotation_and_changes_nothing() {
        try (Database db = TestPostgres.freshDatabase()) {
            JdbcClient j = db.jdbc();
            KeyRing old = KeyRing.of(KEY_A);
            UUID op = UUID.randomUUID();
            j.sql("INSERT INTO operators (id, name, allowed_currencies, wallet_callback_url, compliance_contact) VALUES (?, 'op', "
                    + "ARRAY['LKR'], 'http://localhost:1', 'c@example.com')").param(op).update();
            j.sql("INSERT INTO operator_credentials (id, operator_id, kid, kind, secret_ciphertext) VALUES (gen_random_uuid(), ?, 'good', 'INBOUND', ?)")
                    .params(op, old.seal("s".getBytes(StandardCharsets.UTF_8), "good")).update();
            j.sql("INSERT INTO operator_credentials (id, operator_id, kid, kind, secret_ciphertext) VALUES (gen_random_uuid(), ?, 'broken', 'INBOUND', 'v1:x')")
                    .param(op).update();
            Map<String, Long> before = counts(j);
            long auditBefore = j.sql("SELECT count(*) FROM admin_audit_log").query(Long.class).single();
            MasterKeyRotation rotation = new MasterKeyRotation(j, db.tx(), KeyRing.of(KEY_B, KEY_A), new AdminAudit(j));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> rotation.rotate("test"))
                    .isInstanceOfSatisfying(MasterKeyRotation.Refused.class, e -> assertThat(e.problems())
                            .singleElement().asString().contains("operator_credentials kid=broken", "not valid base64"));
            assertThat(counts(j)).isEqualTo(before);
            assertThat(j.sql("SELECT count(*) FROM admin_audit_log").query(Long.class).single()).isEqualTo(auditBefore);
        }
    }

    static Map<String, Long> counts(JdbcClient jdbc) {
        Map<String, Long> byKey = new HashMap<>();
        for (MasterKeyRotation.Count c : MasterKeyRotation.status(jdbc)) byKey.merge(c.keyId(), c.rows(), Long::sum);
        return byKey;
    }

    /** As {@link #counts(JdbcClient)}, with text that names no key counted under the held key it opens under. */
    static Map<String, Long> counts(JdbcClient jdbc, KeyRing ring) {
        Map<String, Long> byKey = new HashMap<>();
        for (MasterKeyRotation.Count c : MasterKeyRotation.status(jdbc, ring)) byKey.merge(c.keyId(), c.rows(), Long::sum);
        return byKey;
    }

    HttpResponse<String> signed(ServerLauncher.Running node, CredentialStore.Issued key) {
        return new SpecClient("http://localhost:" + node.node().env().port(), key.credential().kid(), key.secret()).get("/v1/rounds");
    }

    HttpResponse<String> bet(ServerLauncher.Running node, String token) throws Exception {
        String body = JSON.writeValueAsString(Map.of("requestUuid", UUID.randomUUID().toString(), "amountMicro", "10000",
                "selection", Map.of("side", "LOW")));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.node().env().port() + "/v1/play/bets"))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One bet accepted (a wallet debit signed with the outbound key) and settled (the chain's seed opened). */
    String settledBet(ServerLauncher.Running node, String token) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            awaitBettingOpen(node, token);
            HttpResponse<String> r = bet(node, token);
            if (r.statusCode() == 409) continue;   // the round closed as the bet arrived, or a bet in it already
            if (r.statusCode() != 201) return r.statusCode() + " " + r.body();
            String betId = JSON.readTree(r.body()).path("betId").asString();
            while (System.currentTimeMillis() < deadline) {
                String state = node.database().jdbc().sql("SELECT state FROM bets WHERE id = ?::uuid").param(betId).query(String.class).single();
                if (state.equals("WON") || state.equals("LOST")) return "201";
                Thread.sleep(50);
            }
        }
        throw new AssertionError("no bet accepted and settled within 30 s");
    }

    String awaitBettingOpen(ServerLauncher.Running node, String token) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.node().env().port() + "/v1/play/state"))
                    .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode s = JSON.readTree(r.body());
            if ("BETTING_OPEN".equals(s.path("state").asString()) && s.path("msLeft").asLong() >= 100) return s.get("roundId").asString();
            Thread.sleep(30);
        }
        throw new AssertionError("no round opened for bets within 20 s");
    }
}
