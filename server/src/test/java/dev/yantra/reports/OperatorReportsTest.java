package dev.yantra.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.signing.OperatorFixture;
import dev.yantra.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class OperatorReportsTest {
    static TestServer server;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jdbc = server.running.database().jdbc();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static UUID round(UUID operatorId, UUID chain, UUID table, long nonce, String state) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO rounds (id, table_id, operator_id, game_code, currency, chain_id, nonce, server_seed_hash, server_seed,
                                            client_seed, config_version, config, rng_version, build_hash, lease_epoch, state, outcome)
                        VALUES (?, ?, ?, 'ketapola-dice', 'LKR', ?, ?, 'hash' || ?, 'seed' || ?, 'cs', 1, '{"lowWeight":48}', 'ketapola-rng-v1',
                                'b', 1, ?, '{"side":"LOW","sum":3}'::jsonb)""")
                .params(id, table, operatorId, chain, nonce, nonce, nonce, state).update();
        return id;
    }

    static UUID table(UUID operatorId) {
        UUID table = UUID.randomUUID();
        UUID chain = UUID.randomUUID();
        jdbc.sql("INSERT INTO game_tables (id, operator_id, game_code, currency) VALUES (?, ?, 'ketapola-dice', 'LKR')").params(table, operatorId).update();
        jdbc.sql("INSERT INTO fairness_chains (id, table_id, client_seed, s0, length, seed_ciphertext) VALUES (?, ?, 'cs', 's0', 100, 'x')")
                .params(chain, table).update();
        return chain;
    }

    @Test
    void an_operator_sees_its_own_rounds_and_the_seed_only_after_settlement() {
        OperatorFixture op = OperatorFixture.create(server, "rounds-op");
        OperatorFixture other = OperatorFixture.create(server, "rounds-other");
        UUID chain = table(op.operatorId());
        UUID tableId = jdbc.sql("SELECT table_id FROM fairness_chains WHERE id = ?").param(chain).query(UUID.class).single();
        UUID settled = round(op.operatorId(), chain, tableId, 1, "SETTLED");
        UUID open = round(op.operatorId(), chain, tableId, 2, "BETTING_OPEN");
        UUID otherChain = table(other.operatorId());
        UUID otherTable = jdbc.sql("SELECT table_id FROM fairness_chains WHERE id = ?").param(otherChain).query(UUID.class).single();
        UUID foreign = round(other.operatorId(), otherChain, otherTable, 1, "SETTLED");

        JsonNode page = Json.parse(op.client().get("/v1/rounds?limit=1").body());
        assertThat(page.get("items").size()).isEqualTo(1);
        assertThat(page.get("nextOffset").intValue()).isEqualTo(1);
        assertThat(Json.parse(op.client().get("/v1/rounds?limit=50").body()).get("items").size()).isEqualTo(2);
        assertThat(Json.parse(op.client().get("/v1/rounds/" + settled + "/proof").body()).get("serverSeed").stringValue()).isEqualTo("seed1");
        assertThat(Json.parse(op.client().get("/v1/rounds/" + open + "/proof").body()).get("serverSeed").isNull()).isTrue();
        assertThat(op.client().get("/v1/rounds/" + foreign).statusCode()).isEqualTo(404);
        assertThat(op.client().get("/v1/rounds/" + foreign + "/proof").statusCode()).isEqualTo(404);
        assertThat(op.client().get("/v1/rounds?limit=100000").statusCode()).isEqualTo(400);
        assertThat(op.client().get("/v1/rounds?limit=abc").statusCode()).isEqualTo(400);

        String sessionId = Json.parse(op.client().post("/v1/session", op.sessionBody(UUID.randomUUID(), "p")).body()).get("sessionId").stringValue();
        jdbc.sql("""
                        INSERT INTO bets (id, round_id, session_id, operator_id, player_ref, currency, request_uuid, transaction_uuid,
                                          amount_micro, selection, side, state, payout_micro)
                        VALUES (?, ?, ?, ?, 'p', 'LKR', ?, ?, 1000000, '{"side":"LOW"}', 'LOW', 'WON', 1940000)""")
                .params(UUID.randomUUID(), settled, UUID.fromString(sessionId), op.operatorId(), UUID.randomUUID(), UUID.randomUUID()).update();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode report = Json.parse(op.client().get("/v1/reports/daily?date=" + today).body());
        JsonNode row = report.get("rows").get(0);
        assertThat(row.get("stakesMicro").stringValue()).isEqualTo("1000000");
        assertThat(row.get("winsMicro").stringValue()).isEqualTo("1940000");
        assertThat(row.get("bets").intValue()).isEqualTo(1);
        HttpResponse<String> csv = op.client().get("/v1/reports/daily?date=" + today + "&format=csv");
        assertThat(csv.body()).startsWith("date,gameCode,currency,rounds,bets,stakesMicro,winsMicro,refundsMicro,ggrMicro\n")
                .contains(today + ",ketapola-dice,LKR,1,1,1000000,1940000,0,-940000");
        assertThat(Json.parse(other.client().get("/v1/reports/daily?date=" + today).body()).get("rows").size()).isZero();
        assertThat(op.client().get("/v1/reports/daily?date=yesterday").statusCode()).isEqualTo(400);
        assertThat(op.client().get("/v1/reports/daily?format=xml").statusCode()).isEqualTo(400);
    }
}
