package dev.yantra.lottery.plays;

import static dev.yantra.lottery.plays.LotteryHubFixture.await;
import static dev.yantra.lottery.plays.LotteryHubFixture.playBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.lottery.forwarding.ForwardingConfiguration;
import dev.yantra.server.ServerLauncher;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A lever pulled through one node (address block, banca breaker) is obeyed by the other node within a second. */
class TwoNodesLeversTest {
    @Test
    void an_address_block_and_a_banca_breaker_set_on_one_node_hold_on_the_other_within_a_second() throws Exception {
        try (LotteryHubFixture hub = new LotteryHubFixture()) {
            ServerLauncher.Running second = ServerLauncher.start(hub.node.node().env().withPort(dev.yantra.testing.TestServer.freePort()), null);
            try {
                String other = "http://localhost:" + second.node().env().port();
                assertThat(get(hub, other + "/api/v1/lotteries").statusCode()).isEqualTo(200);

                hub.admin("POST", "/v1/admin/lottery/address-blocks", "{\"cidr\":\"127.0.0.0/8\",\"reason\":\"attack\"}");
                await("the other node refusing the blocked range", Duration.ofSeconds(1),
                        () -> get(hub, other + "/api/v1/lotteries").statusCode() == 403);
                hub.admin("DELETE", "/v1/admin/lottery/address-blocks?cidr=127.0.0.0/8&reason=over", null);
                await("the other node serving the range again", Duration.ofSeconds(1),
                        () -> get(hub, other + "/api/v1/lotteries").statusCode() == 200);

                ForwardingConfiguration.BancaForwarding otherForwarding = second.context().getBean(ForwardingConfiguration.BancaForwarding.class);
                hub.admin("POST", "/v1/admin/bancas/" + hub.bancaId + "/circuit-breaker", "{\"mode\":\"force-open\",\"reason\":\"maintenance\"}");
                await("the other node's banca breaker forced open", Duration.ofSeconds(1),
                        () -> otherForwarding.breakers().state(hub.bancaId.toString()).name().equals("FORCED_OPEN"));
                LotteryHubFixture.Player p = hub.player(100);
                // both nodes run forwarding: neither may send this play while the breaker is forced open
                HttpResponse<String> bought = hub.http.send(HttpRequest.newBuilder(URI.create(other + "/api/v1/plays"))
                        .header("content-type", "application/json").header("Authorization", "Bearer " + p.token())
                        .POST(HttpRequest.BodyPublishers.ofString(playBody(UUID.randomUUID(), p.id(), "quiniela", "[\"31\"]", "5")))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
                UUID play = UUID.fromString(Json.parse(bought.body()).get("playId").stringValue());
                Thread.sleep(1_000);
                var jdbc = second.database().jdbc();
                assertThat(jdbc.sql("SELECT count(*) FROM banca_calls WHERE play_id = ?").param(play).query(Long.class).single()).isZero();
                HttpResponse<String> auto = hub.http.send(HttpRequest.newBuilder(URI.create(other + "/v1/admin/bancas/" + hub.bancaId + "/circuit-breaker"))
                        .header("content-type", "application/json").header("Authorization", "Bearer " + LotteryHubFixture.ADMIN)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"auto\"}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(auto.statusCode()).as(auto.body()).isEqualTo(200);
                await("the play forwarded by the other node once automatic", Duration.ofSeconds(20), () -> jdbc.sql("SELECT status FROM plays WHERE id = ?").param(play).query(String.class).single().equals("CONFIRMED"));
            } finally {
                second.context().close();
                second.database().close(false);
            }
        }
    }

    private static HttpResponse<String> get(LotteryHubFixture hub, String url) {
        try {
            return hub.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
