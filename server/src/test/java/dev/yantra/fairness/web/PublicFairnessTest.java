package dev.yantra.fairness.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.fairness.DiceOutcome;
import dev.yantra.fairness.DiceRng;
import dev.yantra.fairness.HashChain;
import dev.yantra.fairness.KetapolaRng;
import dev.yantra.fairness.Side;
import dev.yantra.server.ServerLauncher;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PublicFairnessTest {
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_healthy_rng_passes_its_self_test_and_settled_rounds_publish_their_proof() throws Exception {
        try (TestServer server = TestServer.start()) {
            int port = server.env.port();
            assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
            assertThat(get(port, "/metrics").body()).contains("rng_test_vectors_ok 1.0");

            var jdbc = server.running.database().jdbc();
            UUID op = UUID.randomUUID(), table = UUID.randomUUID(), chainId = UUID.randomUUID(), round = UUID.randomUUID();
            HashChain chain = HashChain.generate(5, new SecureRandom());
            jdbc.sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'op', 'c')").param(op).update();
            jdbc.sql("INSERT INTO game_tables (id, operator_id, game_code, currency) VALUES (?, ?, 'ketapola-dice', 'LKR')").params(table, op).update();
            jdbc.sql("INSERT INTO fairness_chains (id, table_id, client_seed, s0, length, seed_ciphertext) VALUES (?, ?, 'cs', ?, 5, 'v1:x')")
                    .params(chainId, table, chain.commitment()).update();
            DiceOutcome outcome = new KetapolaRng().roll(chain.seed(1), "cs", 1, 48, 48);
            jdbc.sql("""
                    INSERT INTO rounds (id, table_id, operator_id, game_code, currency, chain_id, nonce, server_seed_hash, server_seed,
                                        client_seed, config_version, config, rng_version, build_hash, lease_epoch, state, outcome)
                    VALUES (?, ?, ?, 'ketapola-dice', 'LKR', ?, 1, ?, NULL, 'cs', 1, '{"lowWeight":"48","highWeight":"48","commissionMicro":"3000"}',
                            'ketapola-rng-v1', 'b', 1, 'ROLLING', NULL)""").params(round, table, op, chainId, chain.seed(0)).update();

            assertThat(get(port, "/v1/public/tables/" + table + "/chains").body()).contains(chain.commitment()).contains("\"clientSeed\":\"cs\"");
            HttpResponse<String> early = get(port, "/v1/public/rounds/" + round + "/proof");
            assertThat(early.statusCode()).isEqualTo(409);
            assertThat(early.body()).contains("round_not_settled").doesNotContain(chain.seed(1));

            jdbc.sql("UPDATE rounds SET state = 'SETTLED', server_seed = ?, outcome = ?::jsonb WHERE id = ?")
                    .params(chain.seed(1), outcome.toJson(), round).update();
            HttpResponse<String> proof = get(port, "/v1/public/rounds/" + round + "/proof");
            assertThat(proof.statusCode()).isEqualTo(200);
            assertThat(proof.body()).contains(chain.seed(1)).contains("\"seedMatchesHash\":true").contains("\"lowWeight\":48");
            assertThat(get(port, "/verify").body()).contains("ketapola-rng-v1");
            assertThat(get(port, "/v1/public/rounds/" + UUID.randomUUID() + "/proof").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void a_broken_rng_fails_its_self_test_and_the_node_is_not_ready() throws Exception {
        int port = TestServer.freePort();
        DiceRng broken = (seed, client, nonce, low, high) -> new DiceOutcome(Side.HIGH, 18, "0".repeat(64));
        ServerLauncher.Running node = ServerLauncher.start(TestPostgres.freshEnv(port),
                ctx -> ctx.registerBean(DiceRng.class, () -> broken));
        try {
            HttpResponse<String> ready = get(port, "/readyz");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("rng_test_vectors_failed");
            assertThat(get(port, "/metrics").body()).contains("rng_test_vectors_ok 0.0");
            assertThat(node.context().getBean(RngSelfTest.class).passed()).isFalse();
        } finally {
            node.context().close();
            node.database().close(false);
        }
    }
}
