package dev.yantra.lottery.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.db.Database;
import dev.yantra.lottery.player.PlayerApi;
import dev.yantra.testing.TestServer;
import dev.yantra.testing.Yantra;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
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

/** The player wallet through real HTTP on a real node: admin credits, isolation, and concurrent debits. */
class WalletEndToEndTest {
    static final String ADMIN = "test-admin-token";
    static TestServer server;
    static PlayerApi api;
    static JdbcClient jdbc;
    static PlayerLedger ledger;
    static Database db;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new PlayerApi(server);
        db = server.running.database();
        jdbc = db.jdbc();
        ledger = server.running.context().getBean(PlayerLedger.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    HttpResponse<String> credit(String player, Object amount, String key, String adminToken) {
        return api.send("POST", "/v1/admin/players/" + player + "/credit",
                dev.yantra.api.Json.write(Map.of("currency", "DOP", "amount", amount, "reason", "cash at the shop", "idempotencyKey", key)),
                adminToken, Map.of());
    }

    BigDecimal balance(PlayerApi.Session s, String currency) {
        JsonNode w = PlayerApi.json(api.get("/api/v1/users/" + s.userId() + "/wallet", s.accessToken()));
        for (JsonNode b : w.get("balances").values()) {
            if (b.get("currency").stringValue().equals(currency)) return b.get("balance").decimalValue();
        }
        throw new AssertionError("no " + currency + " in " + w);
    }

    @Test
    void an_admin_credit_is_audited_idempotent_and_shows_in_the_wallet() {
        PlayerApi.Session s = api.registered();
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = credit(s.userId().toString(), "500.00", key, ADMIN);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> replay = credit(s.phone(), "500.00", key, ADMIN);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(PlayerApi.json(replay).get("applied").booleanValue()).isFalse();
        assertThat(balance(s, "DOP")).isEqualByComparingTo("500");

        Map<String, Object> audit = jdbc.sql("SELECT changed_by, action, new_value, reason FROM admin_audit_log WHERE subject = ?")
                .param("player:" + s.userId()).query().singleRow();
        assertThat(audit).containsEntry("changed_by", "test-admin").containsEntry("action", "player.credit")
                .containsEntry("reason", "cash at the shop");
        assertThat((String) audit.get("new_value")).contains("500");
        Map<String, Object> row = jdbc.sql("SELECT kind, amount_micro, created_by FROM player_ledger WHERE user_id = ?")
                .param(s.userId()).query().singleRow();
        assertThat(row).containsEntry("kind", "deposit").containsEntry("amount_micro", 50_000_000L).containsEntry("created_by", "test-admin");

        JsonNode wallet = PlayerApi.json(api.get("/api/v1/users/" + s.userId() + "/wallet", s.accessToken()));
        assertThat(wallet.get("movements").size()).isEqualTo(1);
        assertThat(wallet.get("movements").get(0).get("kind").stringValue()).isEqualTo("deposit");
        assertThat(wallet.get("blocked").booleanValue()).isFalse();

        JsonNode shown = PlayerApi.json(api.send("GET", "/v1/admin/players/" + s.phone(), null, ADMIN, Map.of()));
        assertThat(shown.get("id").stringValue()).isEqualTo(s.userId().toString());
        assertThat(shown.get("balances").get(0).get("balance").decimalValue()).isEqualByComparingTo("500");
        assertThat(shown.get("movements").get(0).get("createdBy").stringValue()).isEqualTo("test-admin");
        assertThat(api.send("GET", "/v1/admin/players?limit=1000", null, ADMIN, Map.of()).body()).contains(s.userId().toString());
        assertThat(api.send("GET", "/v1/admin/players", null, s.accessToken(), Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void an_admin_credit_without_an_admin_token_or_with_a_bad_amount_is_refused_and_writes_nothing() {
        PlayerApi.Session s = api.registered();
        assertThat(credit(s.userId().toString(), 100, "k-" + UUID.randomUUID(), null).statusCode()).isEqualTo(401);
        assertThat(credit(s.userId().toString(), 100, "k-" + UUID.randomUUID(), s.accessToken()).statusCode())
                .as("a player's token is not an admin token").isEqualTo(401);
        HttpResponse<String> bad = credit(s.userId().toString(), "12.345", "k-" + UUID.randomUUID(), ADMIN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(PlayerApi.json(bad).get("error").stringValue()).isEqualTo("invalid_amount");
        assertThat(credit(UUID.randomUUID().toString(), 100, "k-" + UUID.randomUUID(), ADMIN).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM player_ledger WHERE user_id = ?").param(s.userId()).query(Long.class).single()).isZero();
    }

    @Test
    void another_players_wallet_is_403() {
        PlayerApi.Session a = api.registered();
        PlayerApi.Session b = api.registered();
        HttpResponse<String> r = api.get("/api/v1/users/" + a.userId() + "/wallet", b.accessToken());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(PlayerApi.json(r).get("error").stringValue()).isEqualTo("forbidden");
        assertThat(api.get("/api/v1/users/not-a-uuid/wallet", b.accessToken()).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/users/" + a.userId() + "/limits", b.accessToken()).statusCode()).isEqualTo(403);
    }

    @Test
    void twenty_concurrent_debits_never_take_the_balance_below_zero() throws Exception {
        PlayerApi.Session s = api.registered();
        assertThat(credit(s.userId().toString(), 100, UUID.randomUUID().toString(), ADMIN).statusCode()).isEqualTo(201);
        int threads = 20;
        long stakeMicro = 15 * 100_000L;   // 20 × 15 = 300 asked of 100: exactly 6 can pass
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String key = "play:" + UUID.randomUUID();
            outcomes.add(pool.submit(() -> {
                go.await();
                try {
                    db.tx().executeWithoutResult(st -> ledger.debit(s.userId(), "DOP", stakeMicro, LedgerKind.PLAY_DEBIT, key, "test play"));
                    return "debited";
                } catch (InsufficientFundsException e) {
                    return "insufficient";
                }
            }));
        }
        go.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> f : outcomes) results.add(f.get(60, TimeUnit.SECONDS));
        pool.shutdown();
        assertThat(results.stream().filter("debited"::equals).count()).isEqualTo(6);
        assertThat(results.stream().filter("insufficient"::equals).count()).isEqualTo(14);
        assertThat(ledger.balanceMicro(s.userId(), "DOP")).isEqualTo(10 * 100_000L);
        assertThat(ledger.balances(s.userId())).as("the cached balance equals the ledger's sum").hasSize(1);
        assertThat(balance(s, "DOP")).isEqualByComparingTo("10");
    }

    @Test
    void a_credit_replayed_inside_transactions_changes_nothing_and_a_reused_key_for_another_movement_throws() {
        PlayerApi.Session s = api.registered();
        String key = "refund:" + UUID.randomUUID();
        Boolean first = db.tx().execute(st -> ledger.credit(s.userId(), "USD", 250_000L, LedgerKind.REFUND, key, "play x"));
        Boolean again = db.tx().execute(st -> ledger.credit(s.userId(), "USD", 250_000L, LedgerKind.REFUND, key, "play x"));
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(ledger.balanceMicro(s.userId(), "USD")).isEqualTo(250_000L);
        assertThatThrownBy(() -> db.tx().execute(st -> ledger.credit(s.userId(), "USD", 999_000L, LedgerKind.REFUND, key, "other")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("different movement");
        assertThat(ledger.balanceMicro(s.userId(), "USD")).isEqualTo(250_000L);
    }

    @Test
    void a_movement_outside_a_transaction_is_refused() {
        PlayerApi.Session s = api.registered();
        assertThatThrownBy(() -> ledger.credit(s.userId(), "DOP", 100_000L, LedgerKind.REFUND, "r:" + UUID.randomUUID(), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
    }

    @Test
    void only_an_audited_adjustment_goes_below_zero_and_then_debits_are_blocked_until_it_is_repaid() {
        PlayerApi.Session s = api.registered();
        assertThat(credit(s.userId().toString(), 50, UUID.randomUUID().toString(), ADMIN).statusCode()).isEqualTo(201);
        db.tx().executeWithoutResult(st -> ledger.adjust(s.userId(), "DOP", -80 * 100_000L, "clawback:" + UUID.randomUUID(),
                "prize clawed back after a corrected result", "test-admin"));
        assertThat(ledger.balanceMicro(s.userId(), "DOP")).isEqualTo(-30 * 100_000L);
        assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE action = 'player.adjust' AND subject = ?")
                .param("player:" + s.userId()).query(Long.class).single()).isEqualTo(1);
        assertThat(PlayerApi.json(api.get("/api/v1/users/" + s.userId() + "/wallet", s.accessToken())).get("blocked").booleanValue()).isTrue();
        // a deposit in another currency does not lift the block: the player still owes DOP
        db.tx().executeWithoutResult(st -> ledger.credit(s.userId(), "USD", 10 * 100_000L, LedgerKind.REFUND, "r:" + UUID.randomUUID(), null));
        assertThatThrownBy(() -> db.tx().executeWithoutResult(st ->
                ledger.debit(s.userId(), "USD", 100_000L, LedgerKind.PLAY_DEBIT, "p:" + UUID.randomUUID(), null)))
                .isInstanceOf(AccountBlockedException.class);
        assertThat(credit(s.userId().toString(), 30, UUID.randomUUID().toString(), ADMIN).statusCode()).isEqualTo(201);
        db.tx().executeWithoutResult(st -> ledger.debit(s.userId(), "USD", 100_000L, LedgerKind.PLAY_DEBIT, "p:" + UUID.randomUUID(), null));
        assertThat(ledger.balanceMicro(s.userId(), "USD")).isEqualTo(9 * 100_000L);
    }

    @Test
    void the_cli_credits_with_a_reason_audited_as_the_os_user_and_lists_and_shows_players() {
        PlayerApi.Session s = api.registered();
        String url = server.env.databaseUrl().orElseThrow();
        Yantra.Run credit = Yantra.run(url, "player", "credit", "--player", s.phone(), "--currency", "DOP", "--amount", "500",
                "--reason", "cash deposit at banca 12", "--idempotency-key", "cli-test-" + s.userId());
        assertThat(credit.exit()).as(credit.err()).isZero();
        assertThat(credit.out()).contains("credited 500.00 DOP");
        Yantra.Run replay = Yantra.run(url, "player", "credit", "--player", s.userId().toString(), "--currency", "DOP", "--amount", "500",
                "--reason", "cash deposit at banca 12", "--idempotency-key", "cli-test-" + s.userId());
        assertThat(replay.out()).contains("already credited");
        assertThat(balance(s, "DOP")).isEqualByComparingTo("500");
        assertThat(jdbc.sql("SELECT changed_by FROM admin_audit_log WHERE action = 'player.credit' AND subject = ?")
                .param("player:" + s.userId()).query(String.class).single()).isEqualTo("cli:" + System.getProperty("user.name"));

        Yantra.Run list = Yantra.run(url, "player", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains(s.phone()).contains(s.userId().toString());
        Yantra.Run show = Yantra.run(url, "player", "show", s.phone());
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("500.00 DOP").contains("deposit").contains("cash deposit at banca 12");
        assertThat(Yantra.run(url, "player", "show", UUID.randomUUID().toString()).exit()).isEqualTo(1);
        assertThat(Yantra.run(url, "player", "credit", "--player", s.phone(), "--currency", "DOP", "--amount", "1.234",
                "--reason", "x").exit()).isEqualTo(64);
    }

    @Test
    void the_ledger_refuses_updates_and_deletes() {
        PlayerApi.Session s = api.registered();
        assertThat(credit(s.userId().toString(), 5, UUID.randomUUID().toString(), ADMIN).statusCode()).isEqualTo(201);
        assertThatThrownBy(() -> jdbc.sql("UPDATE player_ledger SET amount_micro = 1 WHERE user_id = ?").param(s.userId()).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM player_ledger WHERE user_id = ?").param(s.userId()).update())
                .hasMessageContaining("append-only");
    }
}
