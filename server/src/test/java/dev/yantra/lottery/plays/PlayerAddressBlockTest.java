package dev.yantra.lottery.plays;

import static dev.yantra.lottery.plays.LotteryHubFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.lottery.block.AddressBlockList;
import dev.yantra.testing.Yantra;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The player API's address-range block: CLI and admin API, audited, enforced by the node within a second. */
class PlayerAddressBlockTest {
    static LotteryHubFixture hub;

    @BeforeAll
    static void start() {
        hub = new LotteryHubFixture();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @AfterEach
    void unblockAll() {
        hub.jdbc().sql("UPDATE player_address_blocks SET removed_at = now(), removed_by = 'test' WHERE removed_at IS NULL").update();
        hub.node.context().getBean(AddressBlockList.class).refresh();
    }

    private int lotteries() {
        return hub.call("GET", "/api/v1/lotteries", null, null, Map.of()).statusCode();
    }

    @Test
    void a_range_blocked_from_the_cli_gets_a_clear_403_on_the_player_api_within_a_second_and_is_audited() {
        assertThat(lotteries()).isEqualTo(200);
        Yantra.Run added = Yantra.run(hub.databaseUrl, "lottery", "block", "add", "--cidr", "127.0.0.0/8", "--reason", "credential stuffing");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("blocked 127.0.0.0/8");
        await("the node enforcing the block", Duration.ofSeconds(1), () -> lotteries() == 403);

        LotteryHubFixture.Player a = hub.player(10);
        HttpResponse<String> refused = hub.call("GET", "/api/v1/plays/user/" + a.id(), a.token(), null, Map.of());
        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode body = Json.parse(refused.body());
        assertThat(body.get("error").stringValue()).isEqualTo("address_blocked");
        assertThat(body.get("message").stringValue()).isNotBlank();
        assertThat(hub.call("POST", "/api/v1/auth/login", null, "{\"phone\":\"+18095550000\",\"password\":\"x\"}", Map.of()).statusCode())
                .isEqualTo(403);
        // the admin API and the health endpoints are not the player API
        assertThat(hub.call("GET", "/v1/admin/lottery/address-blocks", LotteryHubFixture.ADMIN, null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(hub.call("GET", "/health", null, null, Map.of()).statusCode()).isEqualTo(200);

        assertThat(hub.jdbc().sql("SELECT reason FROM admin_audit_log WHERE action = 'lottery.block.add' AND subject = 'address-block:127.0.0.0/8'")
                .query(String.class).single()).isEqualTo("credential stuffing");
        Yantra.Run listed = Yantra.run(hub.databaseUrl, "lottery", "block", "list");
        assertThat(listed.out()).contains("127.0.0.0/8", "credential stuffing");

        Yantra.Run twice = Yantra.run(hub.databaseUrl, "lottery", "block", "add", "--cidr", "127.0.0.0/8", "--reason", "again");
        assertThat(twice.exit()).isZero();
        assertThat(twice.out()).contains("already blocked");

        Yantra.Run removed = Yantra.run(hub.databaseUrl, "lottery", "block", "remove", "--cidr", "127.0.0.0/8", "--reason", "attack over");
        assertThat(removed.exit()).as(removed.err()).isZero();
        await("the node lifting the block", Duration.ofSeconds(1), () -> lotteries() == 200);
        assertThat(hub.jdbc().sql("SELECT count(*) FROM admin_audit_log WHERE action = 'lottery.block.remove'").query(Long.class).single())
                .isEqualTo(1);
        assertThat(Yantra.run(hub.databaseUrl, "lottery", "block", "remove", "--cidr", "127.0.0.0/8").exit()).isEqualTo(1);
    }

    @Test
    void bad_ranges_are_refused_with_a_clear_error_and_nothing_is_stored() {
        for (String bad : new String[] {"203.0.113.0/33", "203.0.113.5/24", "not-an-ip", "example.com", "2001:db8::/129"}) {
            Yantra.Run r = Yantra.run(hub.databaseUrl, "lottery", "block", "add", "--cidr", bad, "--reason", "x");
            assertThat(r.exit()).as(bad + ": " + r.err()).isEqualTo(64);
            assertThat(r.err()).contains(bad);
        }
        HttpResponse<String> api = hub.call("POST", "/v1/admin/lottery/address-blocks", LotteryHubFixture.ADMIN,
                "{\"cidr\":\"10.0.0.1/8\",\"reason\":\"x\"}", Map.of());
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(Json.parse(api.body()).get("error").stringValue()).isEqualTo("invalid_cidr");
        assertThat(hub.call("POST", "/v1/admin/lottery/address-blocks", LotteryHubFixture.ADMIN, "{\"cidr\":\"10.0.0.0/8\"}", Map.of())
                .statusCode()).isEqualTo(400);
        assertThat(hub.jdbc().sql("SELECT count(*) FROM player_address_blocks").query(Long.class).single()).isZero();
    }

    @Test
    void ipv6_ranges_block_ipv6_addresses_only_and_the_admin_api_adds_and_removes_them() {
        JsonNode added = hub.admin("POST", "/v1/admin/lottery/address-blocks", "{\"cidr\":\"2001:DB8::/32\",\"reason\":\"botnet\"}");
        assertThat(added.get("cidr").stringValue()).isEqualTo("2001:db8::/32");
        hub.admin("POST", "/v1/admin/lottery/address-blocks", "{\"cidr\":\"::1\",\"reason\":\"loopback test\"}");
        AddressBlockList list = hub.node.context().getBean(AddressBlockList.class);
        assertThat(list.blocking("2001:db8:0:1::7")).contains("2001:db8::/32");
        assertThat(list.blocking("2001:db9::1")).isEmpty();
        assertThat(list.blocking("203.0.113.7")).isEmpty();
        assertThat(lotteries()).as("an IPv4 client is not in an IPv6 range").isEqualTo(200);

        HttpResponse<String> overIpv6 = ipv6Loopback("/api/v1/lotteries");
        if (overIpv6 != null) {
            assertThat(overIpv6.statusCode()).isEqualTo(403);
            assertThat(Json.parse(overIpv6.body()).get("error").stringValue()).isEqualTo("address_blocked");
        }
        JsonNode removed = hub.admin("DELETE", "/v1/admin/lottery/address-blocks?cidr=2001:db8::/32&reason=done", null);
        assertThat(removed.get("removedBy").stringValue()).isNotBlank();
        assertThat(list.blocking("2001:db8:0:1::7")).isEmpty();
        assertThat(hub.call("DELETE", "/v1/admin/lottery/address-blocks?cidr=2001:db8::/32", LotteryHubFixture.ADMIN, null, Map.of())
                .statusCode()).isEqualTo(404);
        JsonNode history = hub.admin("GET", "/v1/admin/lottery/address-blocks?all=true", null).get("blocks");
        JsonNode lifted = null;
        for (JsonNode b : history) if (b.get("cidr").stringValue().equals("2001:db8::/32")) lifted = b;
        assertThat(lifted).as("the lifted block stays in the history").isNotNull();
        assertThat(lifted.get("removedAt").isNull()).isFalse();
        assertThat(hub.admin("GET", "/v1/admin/lottery/address-blocks", null).toString()).doesNotContain("2001:db8::/32").contains("::1/128");
    }

    /** GET over [::1], or null when this machine has no IPv6 loopback (the matcher is still tested above). */
    private HttpResponse<String> ipv6Loopback(String path) {
        try {
            return hub.http.send(HttpRequest.newBuilder(URI.create("http://[::1]:" + hub.port + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
