package dev.yantra.ops.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.breaker.BreakerSettings;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.app.YantraCommand;
import dev.yantra.config.MasterKey;
import dev.yantra.config.YantraEnv;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.demowallet.Faults;
import dev.yantra.server.ServerLauncher;
import dev.yantra.testing.Await;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;

/**
 * One real node, the real demo wallet, the real breaker and job runner. A script
 * takes the wallet down for a while, plays through it (bets into the dead wallet, bets the breaker refuses, bets
 * refused while an engineer halts bets) and keeps its own account of what it did. Then {@code yantra incident
 * report} runs for the window, through the CLI, and every number in the document must equal the script's.
 */
class IncidentReportEndToEndTest {
    static final Duration BREAKER_OPEN = Duration.ofSeconds(2);
    static final String CONFIG = "{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":3000,"
            + "\"bettingMs\":6000,\"rollingMs\":200,\"cooldownMs\":200,\"minBetMicro\":10000}";
    static final int PLAYERS = 12;

    @TempDir
    Path tmp;

    @Test
    void the_report_of_a_scripted_wallet_outage_has_the_scripts_numbers() throws Exception {
        YantraEnv base = TestPostgres.freshEnv(TestServer.freePort());
        YantraEnv env = base.withWalletCallTimeoutMs(800);
        BreakerSettings breaker = new BreakerSettings(50f, 20, 5, BREAKER_OPEN, 1);
        ServerLauncher.Running node = ServerLauncher.start(env, gac -> gac.registerBean(BreakerSettings.class, () -> breaker));
        byte[] key = MasterKey.resolve(env);
        JdbcClient jdbc = node.database().jdbc();
        try (DemoWallet wallet = DemoWallet.start(node.database().dataSource(), 0, 0,
                Map.of(DemoProvisioner.OUTBOUND_KID, DemoProvisioner.walletSecret(key)), java.time.Clock.systemUTC(), 1_000_000_000L)) {
            DemoProvisioner provisioner = new DemoProvisioner(jdbc, key);
            provisioner.provision(wallet.callbackUrl(), CONFIG);
            PlayClient play = new PlayClient(env.port());
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < PLAYERS; i++) tokens.add(provisioner.createSession(player(i), "real", null, Duration.ofHours(1), Instant.now()));
            String op = DemoProvisioner.OPERATOR_ID.toString();
            String url = env.databaseUrl().orElseThrow();   // the CLI acts on the node's database, as in production
            OutageScript script = new OutageScript();
            node.context().getBean(CounterpartyBreakers.class).onTransition((id, from, to) -> {
                if (id.equals(op)) script.transition(from + " -> " + to);
            });
            script.from = Instant.now();

            // 1. a healthy round, bets on both sides so it surely has winners (every roll is LOW or HIGH)
            // (6 s of betting: on a busy 2-core machine ten bets plus two into the dead wallet can take seconds)
            String round = play.awaitBettingOpen(tokens.getFirst(), 5000);
            long opened = System.nanoTime();
            String[] sides = new String[PLAYERS];
            for (int i = 0; i < 10; i++) {
                sides[i] = i % 2 == 0 ? "LOW" : "HIGH";
                HttpResponse<String> r = play.bet(tokens.get(i), sides[i], 20_000);
                assertThat(r.statusCode()).as("bet %d after %d ms: %s", i, (System.nanoTime() - opened) / 1_000_000, r.body()).isEqualTo(201);
            }

            // 2. the wallet goes down while that round still takes bets; two more players bet into the dead wallet
            // before the breaker has seen enough failures: their bets get a row, go UNCERTAIN and are shown rejected
            script.downAt = Instant.now();
            wallet.setFaults(Faults.NONE.withDown(true));
            for (int i = 10; i < 12; i++) {
                HttpResponse<String> r = play.bet(tokens.get(i), "LOW", 20_000);
                assertThat(r.statusCode()).as("bet %d after %d ms: %s", i, (System.nanoTime() - opened) / 1_000_000, r.body()).isEqualTo(422);
                script.rejected(player(i), PlayClient.error(r), 20_000);
            }

            // 3. the round's result comes while the wallet is down: its winners are owed
            String winningSide = play.awaitOutcome(round);
            script.resultSeenAt = Instant.now();
            for (int i = 0; i < 10; i++) if (sides[i].equals(winningSide)) script.owedWinners.add(player(i));

            // 4. the next round: every bet is refused by the open breaker (503) or, if it was the half-open probe, rejected
            play.awaitBettingOpen(tokens.getFirst(), 3000);
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> r = play.bet(tokens.get(i), "HIGH", 30_000);
                assertThat(r.statusCode()).as(r.body()).isIn(422, 503);
                script.rejected(player(i), PlayClient.error(r), 30_000);
            }
            assertThat(script.rejectedByReason).as("the breaker refused some bets").containsKey("operator_unavailable");

            // 5. the playbook's lever: bets halted for the operator through the CLI; refusals meanwhile are bets_halted
            assertThat(cli("halt", "bets", "--operator", op, "--reason", "wallet down", "--database-url", url)).isZero();
            play.await("bets halted on the node", () -> play.state(tokens.getFirst()).path("paused").asBoolean(false));
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = play.bet(tokens.get(i), "LOW", 30_000);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
                assertThat(PlayClient.error(r)).isEqualTo("table_paused");
                script.rejected(player(i), "bets_halted", 30_000);
            }
            assertThat(cli("resume", "bets", "--operator", op, "--database-url", url)).isZero();
            play.await("bets resumed on the node", () -> !play.state(tokens.getFirst()).path("paused").asBoolean(false));

            // 6. down until the breaker has let the wallet be tried again (half-open) at least once, then the wallet comes
            // back. The play page polls the balance (as a player's page does): once the breaker lets a call through, it is answered.
            Await.until("the breaker half-open while the wallet is down", Duration.ofSeconds(30),
                    () -> script.transitions.contains("OPEN -> HALF_OPEN"));
            script.upAt = Instant.now();
            wallet.setFaults(Faults.NONE);
            play.await("the wallet answers a balance call again", () -> !play.state(tokens.getFirst()).path("balanceMicro").isNull());
            play.await("every bet final and every job done", () ->
                    jdbc.sql("SELECT count(*) FROM bets WHERE state NOT IN ('REJECTED','LOST','WON','REFUNDED')").query(Integer.class).single() == 0
                            && jdbc.sql("SELECT count(*) FROM pending_wallet_jobs WHERE completed_at IS NULL").query(Integer.class).single() == 0);
            script.to = Instant.now();

            Path out = tmp.resolve("incident.md");
            assertThat(cli("incident", "report", "--operator", op, "--from", script.from.toString(), "--to", script.to.toString(),
                    "--database-url", url, "--out", out.toString())).isZero();
            String md = Files.readString(out);
            System.err.println(md);
            assertMatchesScript(md, script);
            assertThat(md).contains("money invariants: none broken");
            assertThat(new dev.yantra.round.MoneyInvariants(jdbc).violations()).as("bets breaking the money invariants").isEmpty();
        } finally {
            node.context().close();
            node.database().close(false);
        }
    }

    static void assertMatchesScript(String md, OutageScript script) {
        Matcher rejected = find(md, "(\\d+) bets rejected(?: \\(([^)]*)\\))?");
        Map<String, Long> byReason = new LinkedHashMap<>();
        if (rejected.group(2) != null) {
            for (String part : rejected.group(2).split(", ")) {
                String[] kv = part.split(" ");
                byReason.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        assertThat(byReason).as("bets rejected by reason").isEqualTo(script.rejectedByReason);
        assertThat(Long.parseLong(rejected.group(1))).as("bets rejected").isEqualTo(script.rejectedCount());
        assertThat(Long.parseLong(find(md, "(\\d+) players affected").group(1))).as("players affected")
                .isEqualTo(script.affectedPlayers().size());

        // owed money: nothing the wallet owed could be paid while it was down, so at the worst moment every owed
        // win and every rolled-back stake was queued at once; all of it is settled now
        Matcher stakes = find(md, "(\\d+) micro-units of stakes in uncertain state at the worst moment, (\\d+) now");
        assertThat(Long.parseLong(stakes.group(1))).as("uncertain stakes at the worst moment").isEqualTo(script.uncertainStakeMicro);
        assertThat(Long.parseLong(stakes.group(2))).as("uncertain stakes now").isZero();
        assertThat(Long.parseLong(find(md, "queue depth peaked at (\\d+) open jobs").group(1))).as("queue depth peak")
                .isEqualTo(script.owedWinners.size() + script.rejectedByReason.getOrDefault("wallet_uncertain", 0L));

        // wins: one late payment per owed winner, none faster than the wallet stayed down after the result
        Matcher wins = find(md, "(\\d+) wins paid late, the shortest after (\\d+) s, the longest after (\\d+) s");
        assertThat(script.owedWinners).isNotEmpty();
        assertThat(Long.parseLong(wins.group(1))).as("wins paid late").isEqualTo(script.owedWinners.size());
        long downAfterResult = Duration.between(script.resultSeenAt, script.upAt).toSeconds();
        assertThat(Long.parseLong(wins.group(2))).as("shortest win delay").isGreaterThanOrEqualTo(downAfterResult);
        assertThat(Long.parseLong(wins.group(3))).as("longest win delay")
                .isGreaterThanOrEqualTo(Long.parseLong(wins.group(2)))
                .isLessThanOrEqualTo(Duration.between(script.downAt, script.to).toSeconds());

        // outage: the first failed call is the script's first bet after pulling the plug (a local round trip,
        // 2 s is generous); the first answered call comes once the breaker lets one through, at most its open
        // duration after the wallet is back, plus the play page's 200 ms poll and the call (1.5 s together)
        Matcher outage = find(md, "Wallet outage: (\\d+)s, first failed wallet call (\\S+), first answered call after the last failure (\\S+)");
        Instant firstFailed = Instant.parse(outage.group(2));
        Instant answered = Instant.parse(outage.group(3));
        assertThat(firstFailed).isBetween(script.downAt, script.downAt.plusSeconds(2));
        assertThat(answered).isBetween(script.upAt, script.upAt.plus(BREAKER_OPEN).plusMillis(1500));
        assertThat(Long.parseLong(outage.group(1))).isEqualTo(Duration.between(firstFailed, answered).toSeconds());
        assertThat(md).contains("Detected at: " + firstFailed);

        // the timeline lists exactly the breaker transitions the script watched, in order, and the halt
        List<String> breakerLines = new ArrayList<>();
        Matcher m = Pattern.compile("breaker (\\w+ -> \\w+) on ").matcher(md);
        while (m.find()) breakerLines.add(m.group(1));
        assertThat(script.transitions).startsWith("CLOSED -> OPEN").endsWith("HALF_OPEN -> CLOSED");
        assertThat(breakerLines).as("breaker transitions in the timeline").isEqualTo(script.transitions);
        assertThat(md).contains("bets halted by cli:").contains("bets resumed by cli:")
                .contains("first bet refused: operator_unavailable").contains("first bet refused: bets_halted");
    }

    static Matcher find(String md, String regex) {
        Matcher m = Pattern.compile(regex).matcher(md);
        assertThat(m.find()).as("the report has a line matching " + regex + "\n" + md).isTrue();
        return m;
    }

    static int cli(String... args) {
        return new CommandLine(new YantraCommand()).execute(args);
    }

    static String player(int i) {
        return "incident-" + i;
    }
}
