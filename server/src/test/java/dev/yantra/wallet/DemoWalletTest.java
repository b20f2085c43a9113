package dev.yantra.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.demowallet.Faults;
import dev.yantra.wallet.protocol.WalletEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo wallet's ledger semantics, driven through the real wallet client (so signatures are real too). */
class DemoWalletTest {
    static WalletFixture f;

    @BeforeAll
    static void setUp() {
        f = new WalletFixture();
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    private static String player() {
        return "p-" + UUID.randomUUID();
    }

    private static WalletResponse bet(String player, UUID tx, long amount) {
        return f.client.call(WalletRequest.bet(f.operatorId, player, "LKR", "ketapola-dice", null, null, UUID.randomUUID(), tx, amount));
    }

    private static WalletResponse rollback(String player, UUID tx, UUID ref) {
        return f.client.call(new WalletRequest(WalletEndpoint.ROLLBACK, f.operatorId, player, "LKR", "ketapola-dice", null, null,
                null, UUID.randomUUID(), tx, ref, 1L, 1));
    }

    private static WalletResponse win(String player, UUID tx, UUID ref, long amount) {
        return f.client.call(new WalletRequest(WalletEndpoint.WIN, f.operatorId, player, "LKR", "ketapola-dice", null, null,
                null, UUID.randomUUID(), tx, ref, amount, 1));
    }

    @Test
    void a_repeated_bet_is_a_duplicate_and_debits_once() {
        String p = player();
        UUID tx = UUID.randomUUID();
        assertThat(bet(p, tx, 1_000).status()).isEqualTo("RS_OK");
        assertThat(bet(p, tx, 1_000).status()).isEqualTo("RS_ERROR_DUPLICATE_TRANSACTION");
        assertThat(f.balance(p)).isEqualTo(1_000_000_000L - 1_000);
    }

    @Test
    void a_bet_above_the_balance_is_NOT_ENOUGH_MONEY_and_moves_nothing() {
        String p = player();
        assertThat(bet(p, UUID.randomUUID(), 2_000_000_000L).status()).isEqualTo("RS_ERROR_NOT_ENOUGH_MONEY");
        assertThat(f.balance(p)).isEqualTo(1_000_000_000L);
    }

    @Test
    void a_win_credits_once() {
        String p = player();
        UUID b = UUID.randomUUID();
        bet(p, b, 5_000);
        UUID w = UUID.randomUUID();
        assertThat(win(p, w, b, 9_700).status()).isEqualTo("RS_OK");
        assertThat(win(p, w, b, 9_700).status()).isEqualTo("RS_ERROR_DUPLICATE_TRANSACTION");
        assertThat(f.balance(p)).isEqualTo(1_000_000_000L - 5_000 + 9_700);
    }

    @Test
    void a_rollback_returns_the_stake_once_and_then_says_already_rolled_back() {
        String p = player();
        UUID b = UUID.randomUUID();
        bet(p, b, 7_000);
        UUID r1 = UUID.randomUUID();
        assertThat(rollback(p, r1, b).status()).isEqualTo("RS_OK");
        assertThat(rollback(p, r1, b).status()).isEqualTo("RS_ERROR_DUPLICATE_TRANSACTION");
        assertThat(rollback(p, UUID.randomUUID(), b).status()).isEqualTo("RS_ERROR_TRANSACTION_ALREADY_ROLLED_BACK");
        assertThat(f.balance(p)).isEqualTo(1_000_000_000L);
    }

    @Test
    void a_rollback_of_an_unseen_bet_is_DOES_NOT_EXIST_and_the_late_bet_is_refused() {
        String p = player();
        UUID b = UUID.randomUUID();
        UUID r = UUID.randomUUID();
        assertThat(rollback(p, r, b).status()).isEqualTo("RS_ERROR_TRANSACTION_DOES_NOT_EXIST");
        assertThat(rollback(p, r, b).status()).as("a repeat replays the first answer").isEqualTo("RS_ERROR_TRANSACTION_DOES_NOT_EXIST");
        assertThat(bet(p, b, 3_000).status()).isEqualTo("RS_ERROR_TRANSACTION_ALREADY_ROLLED_BACK");
        assertThat(f.balance(p)).isEqualTo(1_000_000_000L);
    }

    @Test
    void a_forced_code_is_answered_without_touching_the_ledger() {
        String p = player();
        f.faults(Faults.NONE.withForced("BET", "RS_ERROR_LIMIT_REACHED"));
        try {
            assertThat(bet(p, UUID.randomUUID(), 1_000).status()).isEqualTo("RS_ERROR_LIMIT_REACHED");
        } finally {
            f.faults(Faults.NONE);
        }
        assertThat(bet(p, UUID.randomUUID(), 1_000).status()).isEqualTo("RS_OK");
    }

    @Test
    void an_unsigned_call_is_refused_with_INVALID_SIGNATURE() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(f.demo.callbackUrl() + "/bet"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"requestUuid\":\"" + UUID.randomUUID() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("RS_ERROR_INVALID_SIGNATURE");
    }

    @Test
    void going_down_refuses_connections_and_coming_back_reopens_the_same_port() throws Exception {
        int port = f.demo.port();
        f.faults(Faults.NONE.withDown(true));
        String p = player();
        assertThat(bet(p, UUID.randomUUID(), 1_000).httpStatus()).isNull();
        // the admin API answers while the wallet is down, and brings it back
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(f.demo.adminUrl() + "/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"clear\":true}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(f.demo.port()).isEqualTo(port);
        assertThat(bet(p, UUID.randomUUID(), 1_000).status()).isEqualTo("RS_OK");
        HttpResponse<String> ledger = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(f.demo.adminUrl() + "/players/" + p + "?currency=LKR")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ledger.body()).contains("\"balanceMicro\":\"999999000\"");
    }
    @Test
    void a_bet_in_a_currency_no_player_holds_is_WRONG_CURRENCY() {
        String p = player();
        WalletResponse r = f.client.call(WalletRequest.bet(f.operatorId, p, "XTS", "ketapola-dice", null, null, UUID.randomUUID(),
                UUID.randomUUID(), 1_000));
        assertThat(r.status()).isEqualTo("RS_ERROR_WRONG_CURRENCY");
        assertThat(f.demo.ledger().player(p, "XTS")).isEmpty();
    }

    @Test
    void the_duplicate_win_breach_credits_a_repeated_win_again() {
        String p = player();
        UUID b = UUID.randomUUID();
        bet(p, b, 5_000);
        UUID w = UUID.randomUUID();
        f.faults(Faults.NONE.withBreach(Faults.Breach.DUPLICATE_WIN_CREDITED_TWICE, true));
        try {
            assertThat(win(p, w, b, 9_700).status()).isEqualTo("RS_OK");
            assertThat(win(p, w, b, 9_700).status()).isEqualTo("RS_OK");
        } finally {
            f.faults(Faults.NONE);
        }
        assertThat(f.balance(p)).isEqualTo(1_000_000_000L - 5_000 + 2 * 9_700);
    }

    @Test
    void the_rollback_unknown_breach_answers_RS_OK_and_credits_for_a_bet_it_never_saw() {
        String p = player();
        f.faults(Faults.NONE.withBreach(Faults.Breach.ROLLBACK_UNKNOWN_MOVES_MONEY, true));
        try {
            assertThat(rollback(p, UUID.randomUUID(), UUID.randomUUID()).status()).isEqualTo("RS_OK");
            UUID b = UUID.randomUUID();
            bet(p, b, 7_000);
            assertThat(rollback(p, UUID.randomUUID(), b).status()).as("a known bet rolls back as ever").isEqualTo("RS_OK");
        } finally {
            f.faults(Faults.NONE);
        }
        assertThat(f.balance(p)).isEqualTo(1_000_000_000L + Faults.UNKNOWN_ROLLBACK_CREDIT_MICRO);
    }

    @Test
    void the_signature_breach_accepts_an_unsigned_call() throws Exception {
        f.faults(Faults.NONE.withBreach(Faults.Breach.SIGNATURE_NOT_CHECKED, true));
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(f.demo.callbackUrl() + "/balance"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"requestUuid\":\"" + UUID.randomUUID() + "\",\"playerRef\":\"" + player()
                            + "\",\"currency\":\"LKR\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"status\":\"RS_OK\"");
        } finally {
            f.faults(Faults.NONE);
        }
    }
}
