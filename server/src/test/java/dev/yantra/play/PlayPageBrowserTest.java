package dev.yantra.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.yantra.app.DemoCommand;
import dev.yantra.config.MasterKey;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.testing.Await;
import dev.yantra.testing.Chromium;
import dev.yantra.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What {@code yantra demo} sets up (node, demo wallet, demo operator, one
 * ketapola-dice table, a player session) played in headless Chromium through the printed /play URL. The page
 * shows the table; clicking LOW and HIGH debits the demo wallet; a winning side is credited — checked in the
 * wallet's own ledger, not in what the page says. Both sides are bet each round, so all but the rare
 * neither-side outcome produce a win; rounds are retried until one does.
 */
class PlayPageBrowserTest {
    static final long INITIAL = 1_000_000_000L;   // 10,000.00 LKR at 100,000 micro per unit
    static final long STAKE = 100_000L;           // the page's amount field: 1
    static final String PLAYER = "browser-player";
    // yantra demo's table (48/48, commission 3000) with a 2.5 s betting window instead of 15 s
    static final String CONFIG = "{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":3000,"
            + "\"bettingMs\":2500,\"rollingMs\":200,\"cooldownMs\":200,\"minBetMicro\":10000}";

    @Test
    @Timeout(300)   // a node start alone took 140 s at load average 30
    void the_play_page_shows_the_table_a_bet_debits_the_demo_wallet_and_a_win_credits_it() throws Exception {
        Optional<Path> binary = Chromium.find();
        assumeTrue(binary.isPresent(), "SKIPPED: chromium is not installed (Debian package 'chromium'; scripts/test installs it)");
        try (TestServer server = TestServer.start()) {
            byte[] key = MasterKey.resolve(server.env);
            JdbcClient jdbc = server.running.database().jdbc();
            try (DemoWallet wallet = DemoWallet.start(server.running.database().dataSource(), 0, 0,
                    Map.of(DemoProvisioner.OUTBOUND_KID, DemoProvisioner.walletSecret(key)), Clock.systemUTC(), INITIAL);
                 Chromium browser = Chromium.launch(binary.get())) {
                DemoProvisioner provisioner = new DemoProvisioner(jdbc, key);
                provisioner.provision(wallet.callbackUrl(), CONFIG);
                String token = provisioner.createSession(PLAYER, "real", null, Duration.ofHours(1), Instant.now());

                browser.navigate(DemoCommand.playUrl(server.env.port(), token));
                await("the page shows the table with the wallet balance", 20_000,
                        () -> shownBalance(browser) == INITIAL && browser.eval("(document.getElementById('app')?.dataset.phase ?? 'connecting') !== 'connecting'").asBoolean());
                assertThat(browser.eval("document.querySelectorAll('#low, #high, #amount, #results').length").asInt()).isEqualTo(4);
                browser.eval("document.getElementById('amount').value = '1'");

                long staked = 0;
                boolean won = false;
                for (int round = 0; round < 10 && !won; round++) {
                    await("betting open with > 1.2 s left", 20_000, () -> browser.eval(
                            "document.getElementById('low').ariaDisabled !== 'true' && +document.getElementById('ring').dataset.msLeft > 1200").asBoolean());
                    long before = ledger(jdbc);
                    if (!placed(browser, "LOW")) continue;
                    staked += STAKE;
                    assertThat(ledger(jdbc)).as("the bet moved the demo wallet balance").isEqualTo(before - STAKE);
                    if (placed(browser, "HIGH")) staked += STAKE;

                    await("the round settled", 20_000, () -> jdbc.sql("""
                            SELECT count(*) FROM bets WHERE player_ref = ? AND state NOT IN ('LOST', 'WON', 'REJECTED', 'REFUNDED')""")
                            .param(PLAYER).query(Integer.class).single() == 0);
                    won = jdbc.sql("SELECT count(*) FROM bets WHERE player_ref = ? AND state = 'WON'").param(PLAYER)
                            .query(Integer.class).single() > 0;
                }
                assertThat(won).as("a win within 10 rounds of betting both sides").isTrue();

                long wins = jdbc.sql("""
                        SELECT coalesce(sum(amount_micro), 0) FROM demo_wallet_transactions WHERE player_ref = ? AND kind = 'WIN'""")
                        .param(PLAYER).query(Long.class).single();
                long paid = jdbc.sql("SELECT coalesce(sum(payout_micro), 0) FROM bets WHERE player_ref = ? AND state = 'WON'")
                        .param(PLAYER).query(Long.class).single();
                assertThat(wins).as("the win was credited to the demo wallet, as much as the bet says").isPositive().isEqualTo(paid);
                assertThat(ledger(jdbc)).as("balance = initial - stakes + wins").isEqualTo(INITIAL - staked + wins);
                long expected = INITIAL - staked + wins;
                await("the page shows the credited balance", 10_000, () -> shownBalance(browser) == expected);
                assertThat(browser.pageErrors()).as("no script errors on the page").isEmpty();

                // with the tab still open, the node stops promptly: its event stream must not hold the graceful drain
                long stopping = System.nanoTime();
                server.close();
                long stopMs = (System.nanoTime() - stopping) / 1_000_000;
                assertThat(stopMs).as("shutdown with a /play tab open (grace is 45 s)").isLessThan(15_000);
            }
        }
    }

    static long ledger(JdbcClient jdbc) {
        return jdbc.sql("SELECT balance_micro FROM demo_wallet_players WHERE player_ref = ? AND currency = 'LKR'")
                .param(PLAYER).query(Long.class).single();
    }

    /**
     * The balance the page shows, in micro-units (the element carries the figure it formats for the player's locale);
     * -1 while it shows none. Page.navigate returns before the document exists, so every read tolerates a missing element.
     */
    static long shownBalance(Chromium browser) throws Exception {
        String micro = browser.eval("document.getElementById('balance')?.dataset.micro ?? ''").asString();
        return micro.matches("\\d+") ? Long.parseLong(micro) : -1;
    }

    /**
     * Clicks a side: true once the bet is accepted; false when the round closed first (on a loaded machine it can):
     * the page refuses a late click without a request, the node a late request with betting_closed. Any other answer
     * fails the test.
     */
    static boolean placed(Chromium browser, String side) throws Exception {
        browser.eval("document.getElementById('msg').dataset.code = ''");
        browser.click("#" + side.toLowerCase(java.util.Locale.ROOT));
        await(side + " answered, or the round closed before the click landed", 30_000, () -> {
            String m = message(browser);
            return m.startsWith(" ") ? !"BETTING_OPEN".equals(browser.eval("document.getElementById('app').dataset.phase").asString())
                    : !m.startsWith("placing");
        });
        String m = message(browser);
        // the round closed first: before the click landed (no request), or before the request reached the node
        if (m.startsWith(" ") || m.equals("betting_closed " + side)) return false;
        assertThat(m).as("the bet's answer").isEqualTo("accepted " + side);
        return true;
    }

    /** The last bet message as code and side ("accepted LOW"). */
    static String message(Chromium browser) throws Exception {
        return browser.eval("(() => { const m = document.getElementById('msg'); return m ? m.dataset.code + ' ' + m.dataset.side : ''; })()").asString();
    }

    static void await(String what, long ms, Callable<Boolean> condition) throws Exception {
        // the tests' one wait: testing.Await
        Await.until(what, Duration.ofMillis(ms), () -> {
            try {
                return condition.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
