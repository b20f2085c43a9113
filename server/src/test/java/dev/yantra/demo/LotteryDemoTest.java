package dev.yantra.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.lottery.bet.PayoutTable;
import dev.yantra.server.ServerLauncher;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LotteryDemoTest {
    @Test
    void the_demo_provisions_an_approved_banca_and_a_funded_player_and_its_printed_curl_buys_a_play() throws Exception {
        int port = TestServer.freePort();
        ServerLauncher.Running node = ServerLauncher.start(TestPostgres.freshEnv(port), null);
        LotteryDemo.Started first = null;
        LotteryDemo.Started second = null;
        try {
            var jdbc = node.database().jdbc();
            jdbc.sql("""
                            INSERT INTO lotteries (id, name, time_zone, schedule, bet_types, payout_table, max_amount_micro)
                            VALUES ('demo-fast', 'Demo Fast', 'America/Santo_Domingo', CAST(? AS jsonb),
                                    ARRAY['quiniela'], CAST(? AS jsonb), 100000000000)""")
                    .params(dev.yantra.lottery.plays.LotteryHubFixture.farScheduleJson(), Json.write(PayoutTable.DEFAULTS.toMap())).update();
            jdbc.sql("INSERT INTO draws (id, lottery_id, draw_time, closes_at, state) VALUES (?, 'demo-fast', now() + interval '2 hours', now() + interval '1 hour', 'OPEN')")
                    .param(UUID.randomUUID()).update();
            first = LotteryDemo.start(node, port, 0);   // any free port (its admin port too)
            assertThat(jdbc.sql("SELECT status FROM bancas WHERE id = ?").param(first.bancaId()).query(String.class).single()).isEqualTo("active");
            assertThat(jdbc.sql("SELECT default_banca_id FROM lotteries WHERE id = 'demo-fast'").query(UUID.class).single()).isEqualTo(first.bancaId());

            Process curl = new ProcessBuilder("bash", "-c", LotteryDemo.curl(port, "demo-fast")).redirectErrorStream(true).start();
            assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).contains("\"playId\"", "\"status\":\"pending\"");
            UUID playId = UUID.fromString(Json.parse(out.trim()).get("playId").stringValue());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!jdbc.sql("SELECT status FROM plays WHERE id = ?").param(playId).query(String.class).single().matches("CONFIRMED|REJECTED")
                    && System.nanoTime() < deadline) Thread.sleep(100);
            assertThat(jdbc.sql("SELECT status FROM plays WHERE id = ?").param(playId).query(String.class).single()).isIn("CONFIRMED", "REJECTED");

            // a restart of the demo on the same database reuses the banca and the player, and deposits once
            first.banca().close();
            second = LotteryDemo.start(node, port, 0);
            assertThat(second.bancaId()).isEqualTo(first.bancaId());
            assertThat(jdbc.sql("SELECT count(*) FROM player_ledger WHERE kind = 'deposit'").query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE changed_by = 'demo' AND action = 'player.deposit'")
                    .query(Long.class).single()).isEqualTo(1);
        } finally {
            if (second != null) second.banca().close();
            else if (first != null) first.banca().close();
            node.context().close();
            node.database().close(false);
        }
    }
}
