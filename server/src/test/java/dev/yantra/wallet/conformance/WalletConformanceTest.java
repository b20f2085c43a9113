package dev.yantra.wallet.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.app.YantraCommand;
import dev.yantra.demowallet.DemoLedger;
import dev.yantra.demowallet.Faults;
import dev.yantra.wallet.WalletFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * {@code yantra wallet conformance} run as a user runs it, against the real demo wallet on real Postgres: healthy it
 * passes, and each contract breach the demo wallet can be switched to is caught by the case that names it — with
 * every other case still passing and the player's balance back where it was.
 */
class WalletConformanceTest {
    static WalletFixture f;

    @BeforeAll
    static void setUp() {
        f = new WalletFixture();
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    @AfterEach
    void healTheWallet() {
        f.faults(Faults.NONE);
    }

    record Run(int code, String out, String err) {
        JsonNode json() {
            return Json.MAPPER.readTree(out);
        }

        /** case name → PASS / FAIL / SKIP, in report order. */
        Map<String, String> outcomes() {
            Map<String, String> m = new LinkedHashMap<>();
            for (JsonNode c : json().get("cases")) m.put(c.get("name").asString(), c.get("result").asString());
            return m;
        }

        String detail(String name) {
            for (JsonNode c : json().get("cases")) {
                if (c.get("name").asString().equals(name)) return c.get("detail").asString();
            }
            throw new AssertionError("no case " + name + " in " + out);
        }
    }

    static Run run(String stdin, String... args) {
        CommandLine cmd = YantraCommand.commandLine();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int code = cmd.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(saved);
        }
    }

    static String player() {
        return "conformance-" + UUID.randomUUID();
    }

    static Run kit(String player, String... extra) {
        List<String> args = new ArrayList<>(List.of("wallet", "conformance", "--url", f.demo.callbackUrl(), "--kid", WalletFixture.KID,
                "--secret-stdin", "--player", player, "--currency", "LKR", "--operator-id", f.operatorId.toString()));
        args.addAll(List.of(extra));
        return run(new String(WalletFixture.SECRET, StandardCharsets.UTF_8) + "\n", args.toArray(String[]::new));
    }

    static List<String> allCases() {
        return java.util.Arrays.stream(ConformanceCase.values()).map(ConformanceCase::label).toList();
    }

    /** Every case PASS except {@code failing}, which is FAIL. */
    static Map<String, String> allPassBut(String failing) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String c : allCases()) m.put(c, c.equals(failing) ? "FAIL" : "PASS");
        return m;
    }

    @Test
    void the_healthy_demo_wallet_passes_every_case_and_keeps_the_players_balance() {
        String p = player();
        Run r = kit(p, "--json");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.outcomes()).containsExactlyEntriesOf(allPassBut(null));
        assertThat(r.json().get("passed").asBoolean()).isTrue();
        assertThat(r.json().get("startBalanceMicro").asString()).isEqualTo(String.valueOf(DemoLedger.DEFAULT_STARTING_BALANCE_MICRO));
        assertThat(r.json().get("finalBalanceMicro").asString()).isEqualTo(String.valueOf(DemoLedger.DEFAULT_STARTING_BALANCE_MICRO));
        assertThat(f.balance(p)).as("the wallet's own ledger").isEqualTo(DemoLedger.DEFAULT_STARTING_BALANCE_MICRO);
        assertThat(r.detail("bet")).isEqualTo("RS_OK, debited 1000000 micro");
        assertThat(r.detail("balance_restored")).as("nothing needed putting right").isEqualTo("started and ended at 1000000000 micro");
    }

    @Test
    void the_text_report_is_a_table_of_every_case() {
        String p = player();
        Run r = kit(p);
        assertThat(r.code()).isZero();
        for (String c : allCases()) assertThat(r.out()).containsPattern("(?m)^" + c + " +PASS ");
        assertThat(r.out()).contains("14 cases: 14 passed, 0 failed, 0 skipped").contains("PASS: the wallet meets the contract")
                .doesNotContain("FAILED");
    }

    @Test
    void a_wallet_that_credits_a_repeated_win_again_fails_win_repeated_only_and_the_kit_takes_the_extra_back() {
        String p = player();
        f.faults(Faults.NONE.withBreach(Faults.Breach.DUPLICATE_WIN_CREDITED_TWICE, true));
        Run r = kit(p, "--json");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.outcomes()).containsExactlyEntriesOf(allPassBut("win_repeated"));
        assertThat(r.detail("win_repeated")).contains("the repeated win moved +1000000 micro on the balance, the contract allows 0");
        assertThat(r.detail("balance_restored")).as(r.out()).isEqualTo("started and ended at 1000000000 micro; the wallet had "
                + "credited 1000000 micro too much; a bet of 1000000 micro took it back (RS_OK (HTTP 200))");
        assertThat(f.balance(p)).isEqualTo(DemoLedger.DEFAULT_STARTING_BALANCE_MICRO);
    }

    @Test
    void a_wallet_that_pays_a_rollback_of_an_unknown_bet_fails_rollback_unknown_only() {
        String p = player();
        f.faults(Faults.NONE.withBreach(Faults.Breach.ROLLBACK_UNKNOWN_MOVES_MONEY, true));
        Run r = kit(p, "--json");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.outcomes()).containsExactlyEntriesOf(allPassBut("rollback_unknown"));
        assertThat(r.detail("rollback_unknown"))
                .contains("answered RS_OK (HTTP 200), not RS_ERROR_TRANSACTION_DOES_NOT_EXIST")
                .contains("moved +" + Faults.UNKNOWN_ROLLBACK_CREDIT_MICRO + " micro");
        assertThat(r.detail("balance_restored")).contains("credited " + Faults.UNKNOWN_ROLLBACK_CREDIT_MICRO + " micro too much");
        assertThat(f.balance(p)).isEqualTo(DemoLedger.DEFAULT_STARTING_BALANCE_MICRO);
    }

    @Test
    void a_wallet_that_does_not_check_signatures_fails_signature_rejected_only() {
        String p = player();
        f.faults(Faults.NONE.withBreach(Faults.Breach.SIGNATURE_NOT_CHECKED, true));
        Run r = kit(p, "--json");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.outcomes()).containsExactlyEntriesOf(allPassBut("signature_rejected"));
        assertThat(r.detail("signature_rejected"))
                .contains("a BET signed with a wrong secret was answered RS_OK (HTTP 200), not RS_ERROR_INVALID_SIGNATURE or HTTP 401/403")
                .contains("a WIN signed with a wrong secret was answered RS_OK");
        assertThat(r.detail("balance_restored")).as("the forged bet and win cancel out").isEqualTo("started and ended at 1000000000 micro");
        assertThat(f.balance(p)).isEqualTo(DemoLedger.DEFAULT_STARTING_BALANCE_MICRO);
    }

    @Test
    void a_failure_is_printed_with_its_requests_and_the_wallets_answers() {
        String p = player();
        f.faults(Faults.NONE.withBreach(Faults.Breach.DUPLICATE_WIN_CREDITED_TWICE, true));
        Run r = kit(p);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).containsPattern("(?m)^win_repeated +FAIL ").containsPattern("(?m)^win +PASS ")
                .contains("FAILED win_repeated: the repeated win moved +1000000 micro")
                .contains("> POST " + f.demo.callbackUrl() + "/win")
                .contains("\"playerRef\":\"" + p + "\"")
                .contains("< HTTP 200 in ")
                .contains("{\"status\":\"RS_OK\"")
                .contains("FAIL: the wallet does not meet the contract");
        String secret = new String(WalletFixture.SECRET, StandardCharsets.UTF_8);
        assertThat(r.out() + r.err()).as("the secret is never printed").doesNotContain(secret);
        // the JSON form carries the same calls, request and answer as JSON
        Run j = kit(player(), "--json");
        JsonNode failing = null;
        for (JsonNode c : j.json().get("cases")) if (c.get("name").asString().equals("win_repeated")) failing = c;
        assertThat(failing).isNotNull();
        JsonNode winCall = null;
        for (JsonNode c : failing.get("calls")) if (c.get("endpoint").asString().equals("WIN")) winCall = c;
        assertThat(winCall).isNotNull();
        assertThat(winCall.get("request").get("transactionUuid").asString()).isNotBlank();
        assertThat(winCall.get("answer").get("status").asString()).isEqualTo("RS_OK");
    }

    @Test
    void a_kit_given_the_wrong_secret_fails_balance_and_skips_the_rest_moving_nothing() {
        String p = player();
        Run r = run("not-the-secret\n", "wallet", "conformance", "--url", f.demo.callbackUrl(), "--kid", WalletFixture.KID,
                "--secret-stdin", "--player", p, "--currency", "LKR", "--json");
        assertThat(r.code()).isEqualTo(1);
        Map<String, String> expected = new LinkedHashMap<>();
        for (String c : allCases()) expected.put(c, c.equals("balance") ? "FAIL" : c.equals("answer_time") ? "PASS" : "SKIP");
        assertThat(r.outcomes()).containsExactlyEntriesOf(expected);
        assertThat(r.detail("balance")).contains("RS_ERROR_INVALID_SIGNATURE (HTTP 401)").contains("kid and secret");
        assertThat(f.demo.ledger().player(p, "LKR")).as("nothing reached the ledger").isEmpty();
    }

    @Test
    void an_unreachable_wallet_is_exit_69_with_one_line() {
        f.faults(Faults.NONE.withDown(true));
        Run r = kit(player());
        assertThat(r.code()).isEqualTo(69);
        assertThat(r.err()).contains("wallet unreachable at " + f.demo.callbackUrl() + "/balance");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void a_wallet_slower_than_the_timeout_fails_answer_time_and_is_not_called_unreachable() {
        String p = player();
        f.faults(Faults.NONE.withSlowMs(400));
        Run r = kit(p, "--json", "--timeout-ms", "150");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.outcomes()).containsEntry("balance", "FAIL").containsEntry("answer_time", "FAIL").containsEntry("bet", "SKIP");
        assertThat(r.detail("balance")).contains("RS_ERROR_TIMEOUT");
        assertThat(r.detail("answer_time")).contains("1 of 1 calls got no answer within 150 ms");
    }

    @Test
    void the_secret_comes_only_from_stdin() {
        String[] withoutFlag = {"wallet", "conformance", "--url", f.demo.callbackUrl(), "--kid", WalletFixture.KID,
                "--player", player(), "--currency", "LKR"};
        Run noFlag = run("secret\n", withoutFlag);
        assertThat(noFlag.code()).isEqualTo(64);
        assertThat(noFlag.err()).contains("pass --secret-stdin");
        Run empty = run("", "wallet", "conformance", "--url", f.demo.callbackUrl(), "--kid", WalletFixture.KID,
                "--secret-stdin", "--player", player(), "--currency", "LKR");
        assertThat(empty.code()).isEqualTo(64);
        assertThat(empty.err()).contains("no secret on stdin");
        assertThat(run("secret\n", "wallet", "conformance", "--url", "ftp://x/wallet", "--kid", "k", "--secret-stdin",
                "--player", "p", "--currency", "LKR").code()).isEqualTo(64);
        assertThat(run("secret\n", "wallet", "conformance", "--kid", "k", "--secret-stdin", "--player", "p",
                "--currency", "LKR").code()).as("--url is required").isEqualTo(64);
    }

    @Test
    void the_demo_wallet_faults_command_switches_each_breach_on_and_off() {
        String admin = f.demo.adminUrl();
        Run on = run("", "demo-wallet", "faults", "--url", admin, "--duplicate-win-credited-twice", "--rollback-unknown-moves-money",
                "--signature-not-checked", "--garbage-answer", "--json");
        assertThat(on.code()).as(on.err()).isZero();
        assertThat(f.demo.faults().breaches()).containsExactlyInAnyOrder(Faults.Breach.values());
        assertThat(f.demo.faults().toJson()).containsEntry("signatureNotChecked", true).containsEntry("duplicateWinCreditedTwice", true);
        Run off = run("", "demo-wallet", "faults", "--url", admin, "--signature-not-checked=false", "--garbage-answer=false");
        assertThat(off.code()).isZero();
        assertThat(f.demo.faults().breaches()).containsExactlyInAnyOrder(Faults.Breach.DUPLICATE_WIN_CREDITED_TWICE,
                Faults.Breach.ROLLBACK_UNKNOWN_MOVES_MONEY);
        assertThat(run("", "demo-wallet", "faults", "--url", admin, "--clear").code()).isZero();
        assertThat(f.demo.faults().breaches()).isEmpty();
    }
}
