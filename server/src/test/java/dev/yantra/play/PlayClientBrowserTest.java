package dev.yantra.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.yantra.cli.DemoCommand;
import dev.yantra.config.MasterKey;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.fairness.Payouts;
import dev.yantra.testing.Chromium;
import dev.yantra.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The /play game client in headless Chromium against a real node, the demo wallet and a short-window table: rounds
 * played at a desktop and a phone size, with the payout the page shows checked against the server's rule and the
 * balance against the wallet. Screenshots of every phase go to target/play-screenshots/ (a test artifact). One node
 * and one browser for the class: each Chromium start costs seconds on a loaded machine.
 */
class PlayClientBrowserTest {
    static final long INITIAL = 1_000_000_000L;   // 10,000 LKR
    static final long STAKE = 100_000L;           // 1 LKR
    static final int COMMISSION = 3000;
    static final String CONFIG = "{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":" + COMMISSION + ","
            + "\"bettingMs\":2500,\"rollingMs\":400,\"cooldownMs\":400,\"minBetMicro\":10000}";
    static final Path SHOTS = Path.of("target", "play-screenshots");

    static TestServer server;
    static DemoWallet wallet;
    static DemoProvisioner provisioner;
    static Chromium browser;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> binary = Chromium.find();
        assumeTrue(binary.isPresent(), "SKIPPED: chromium is not installed (Debian package 'chromium'; scripts/test installs it)");
        server = TestServer.start();
        byte[] key = MasterKey.resolve(server.env);
        jdbc = server.running.database().jdbc();
        wallet = DemoWallet.start(server.running.database().dataSource(), 0, 0,
                Map.of(DemoProvisioner.OUTBOUND_KID, DemoProvisioner.walletSecret(key)), Clock.systemUTC(), INITIAL);
        provisioner = new DemoProvisioner(jdbc, key);
        provisioner.provision(wallet.callbackUrl(), CONFIG);
        browser = Chromium.launch(binary.get());
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (wallet != null) wallet.close();
        if (server != null) server.close();
    }

    @Test
    @Timeout(240)
    void rounds_played_at_desktop_and_phone_size_show_the_computed_payout_and_the_wallets_balance_after_a_win() throws Exception {
        playUntilAWin("desktop", 1280, 800, "real");
        playUntilAWin("phone", 375, 740, "demo");
        assertThat(browser.pageErrors()).as("no script errors on the page").isEmpty();
    }

    void playUntilAWin(String name, int width, int height, String mode) throws Exception {
        String player = "client-" + name;
        String token = provisioner.createSession(player, mode, "demo".equals(mode) ? INITIAL : null, Duration.ofHours(1), Instant.now());
        open(token, width, height);
        assertThat(bool("!document.getElementById('demo').hidden")).as("the demo says play money on screen").isEqualTo("demo".equals(mode));
        assertThat(text("document.querySelector('#low .zone-mult').textContent")).as("the payout multiple from the table's config")
                .isEqualTo("pays ×1.94");
        setAmount("1");
        assertThat(num("document.getElementById('win').dataset.micro")).as("the potential win shown = the server's rule")
                .isEqualTo(Payouts.evenMoneyWinMicro(STAKE, COMMISSION));
        assertThat(text("document.getElementById('win').textContent")).contains("1.94");
        assertThat(text("document.getElementById('balance').textContent")).contains("10,000.00").doesNotContain("micro");
        assertThat(num("document.documentElement.scrollWidth")).as("no sideways scrolling at " + width + " px").isLessThanOrEqualTo(width);

        Set<String> phases = new LinkedHashSet<>();
        boolean won = false;
        for (int round = 0; round < 10 && !won; round++) {
            await("betting open with > 1.2 s left", 20_000, () -> bool(
                    "!document.getElementById('low').disabled && +document.getElementById('ring').dataset.msLeft > 1200"));
            shoot(name, "BETTING_OPEN", phases);
            long before = num("document.getElementById('balance').dataset.micro");
            String roundId = text("document.getElementById('app').dataset.round");
            browser.click("#low");
            await("the bet accepted", 5_000, () -> "accepted".equals(text("document.getElementById('msg').dataset.code")));
            await("the stake debited on the page", 10_000, () -> num("document.getElementById('balance').dataset.micro") == before - STAKE);
            if (phases.size() == 1) shoot(name, "bet-placed", phases);
            await("the round rolls", 10_000, () -> "ROLLING".equals(phase()));
            shoot(name, "ROLLING", phases);
            await("the round's win or loss moment", 10_000, () -> roundId.equals(text("document.getElementById('moment').dataset.round")));
            String kind = text("document.getElementById('moment').dataset.kind");
            shoot(name, "moment-" + kind, phases);
            won = "win".equals(kind);
            long expected = won ? before - STAKE + Payouts.evenMoneyWinMicro(STAKE, COMMISSION) : before - STAKE;
            await("the balance after the round (" + kind + ")", 15_000,
                    () -> num("document.getElementById('balance').dataset.micro") == expected);
            if ("COOLDOWN".equals(phase())) shoot(name, "COOLDOWN", phases);
            if ("real".equals(mode)) assertThat(ledger(player)).as("the page shows the wallet's own balance").isEqualTo(expected);
        }
        assertThat(won).as("a win within 10 rounds of betting LOW").isTrue();
        assertThat(phases).contains("BETTING_OPEN", "ROLLING", "moment-win");
        // my bets: round number, side, stake, outcome, payout and a verify link, newest first
        await("the history shows the win", 10_000, () -> "WON".equals(text(
                "document.querySelector('#bets tbody tr')?.dataset.status ?? ''")));
        String row = text("document.querySelector('#bets tbody tr').innerText");
        assertThat(row).contains("LOW").contains("1.00").contains("1.94").contains("Verify");
        assertThat(text("document.querySelector('#bets tbody tr a').getAttribute('href')")).startsWith("/verify?round=");
        assertThat(num("document.querySelectorAll('#results li a').length")).isPositive();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    static void open(String token, int width, int height) throws Exception {
        browser.viewport(width, height, width < 600);
        browser.navigate(DemoCommand.playUrl(server.env.port(), token));
        await("the page is ready", 20_000, () -> bool("document.body?.dataset.ready === 'true' && document.getElementById('app').dataset.phase !== 'connecting'"));
    }

    static void setAmount(String units) throws Exception {
        browser.eval("(() => { const a = document.getElementById('amount'); a.value = '" + units + "'; a.dispatchEvent(new Event('input')); })()");
    }

    static void shoot(String name, String what, Set<String> seen) throws Exception {
        if (seen.add(what)) browser.screenshot(SHOTS.resolve(name + "-" + what + ".png"));
    }

    static String phase() throws Exception {
        return text("document.getElementById('app')?.dataset.phase ?? ''");
    }

    static long ledger(String player) {
        return jdbc.sql("SELECT balance_micro FROM demo_wallet_players WHERE player_ref = ? AND currency = 'LKR'")
                .param(player).query(Long.class).single();
    }

    static String text(String js) throws Exception {
        JsonNode v = browser.eval(js);
        return v == null || v.isNull() || v.isMissingNode() ? "" : v.asString();
    }

    static boolean bool(String js) throws Exception {
        return browser.eval(js).asBoolean(false);
    }

    static long num(String js) throws Exception {
        JsonNode v = browser.eval(js);
        if (v.isNumber()) return v.asLong();
        String s = v.asString("");
        return s.matches("-?\\d+") ? Long.parseLong(s) : Long.MIN_VALUE;
    }

    static void await(String what, long ms, Callable<Boolean> condition) throws Exception {
        long deadline = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < deadline) {
            if (condition.call()) return;
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + ms + " ms: " + what);
    }
}
