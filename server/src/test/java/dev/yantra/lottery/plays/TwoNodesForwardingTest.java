package dev.yantra.lottery.plays;

import static dev.yantra.lottery.plays.LotteryHubFixture.await;
import static dev.yantra.lottery.plays.LotteryHubFixture.playBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.server.ServerLauncher;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two nodes on one database share the forwarding queue: every play is registered exactly once at the banca. */
class TwoNodesForwardingTest {
    @Test
    void plays_bought_on_two_nodes_are_each_registered_once_and_every_ledger_adds_up() throws Exception {
        try (LotteryHubFixture hub = new LotteryHubFixture()) {
            hub.banca.changeFaults(Map.of("syncRate", 0.5, "webhookDelayMs", 200));
            ServerLauncher.Running second = ServerLauncher.start(hub.node.node().env().withPort(dev.yantra.testing.TestServer.freePort()), null);
            try {
                List<String> bases = List.of(hub.url(""), "http://localhost:" + second.node().env().port());
                List<LotteryHubFixture.Player> players = new ArrayList<>();
                for (int i = 0; i < 10; i++) players.add(hub.player(100));
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    LotteryHubFixture.Player p = players.get(i % players.size());
                    String base = bases.get(i % 2);
                    String body = playBody(UUID.randomUUID(), p.id(), "quiniela", "[\"" + String.format("%02d", i) + "\"]", "2");
                    answers.add(pool.submit(() -> hub.http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/plays"))
                            .header("content-type", "application/json").header("Authorization", "Bearer " + p.token())
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())));
                }
                List<UUID> plays = new ArrayList<>();
                for (Future<HttpResponse<String>> f : answers) {
                    HttpResponse<String> r = f.get();
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                    plays.add(UUID.fromString(Json.parse(r.body()).get("playId").stringValue()));
                }
                pool.shutdown();
                await("every play final", Duration.ofSeconds(60), () -> plays.stream().map(hub::status)
                        .allMatch(s -> s.equals("CONFIRMED") || s.equals("REJECTED")));
                for (UUID playId : plays) {
                    UUID requestId = hub.jdbc().sql("SELECT request_id FROM plays WHERE id = ?").param(playId).query(UUID.class).single();
                    assertThat(hub.banca.ledger().rowsFor(requestId)).isEqualTo(1);
                }
                assertThat(hub.jdbc().sql("SELECT count(DISTINCT completed_by) FROM pending_banca_jobs WHERE completion = 'BANCA'")
                        .query(Long.class).single()).as("both nodes forwarded").isEqualTo(2);
                for (LotteryHubFixture.Player p : players) {
                    long held = hub.jdbc().sql("SELECT coalesce(sum(amount_micro), 0) FROM plays WHERE user_id = ? AND status = 'CONFIRMED'")
                            .param(p.id()).query(Long.class).single();
                    assertThat(hub.balanceMicro(p)).isEqualTo(100 * 100_000L - held);
                }
            } finally {
                second.context().close();
                second.database().close(false);
            }
        }
    }
}
