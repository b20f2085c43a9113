package dev.yantra.ops.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.signing.OperatorFixture;
import dev.yantra.testing.TestServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Playbook 4 end to end: a client whose clock runs 40 s ahead is named, with its address, and others are unaffected. */
class ClockSkewTriageTest {

    @Test
    void an_operator_40_seconds_ahead_is_reported_ahead_with_its_ip_while_accepted_traffic_is_unaffected() {
        try (TestServer server = TestServer.start()) {
            OperatorFixture skewed = OperatorFixture.create(server, "skewed");
            OperatorFixture healthy = OperatorFixture.create(server, "healthy");
            skewed.client().skewSeconds = 40;
            for (int i = 0; i < 3; i++) {
                assertThat(skewed.client().post("/v1/session", skewed.sessionBody(UUID.randomUUID(), "p" + i)).statusCode()).isEqualTo(401);
                assertThat(healthy.client().post("/v1/session", healthy.sessionBody(UUID.randomUUID(), "p" + i)).statusCode()).isEqualTo(201);
            }

            // rejection rows are written in batches, off the request path: write the pending ones now
            server.running.context().getBean(dev.yantra.inbound.InboundObservations.class).flush();
            TriageReport r = new Triage(server.running.database().jdbc()).clockSkew(null, Duration.ofHours(1));
            // ~40 s, not merely "starts with 4": the median drift of the three refused requests, rounded
            assertThat(r.findings()).anyMatch(f -> f.matches("operator " + skewed.operatorId() + " ahead by ~(39|40|41) s.*")
                    && f.contains("127.0.0.1") && f.contains("one-sided"));
            assertThat(r.findings()).noneMatch(f -> f.contains(healthy.operatorId().toString()));
            // accepted traffic unaffected: the healthy operator's three sessions exist, the skewed one's none
            var jdbc = server.running.database().jdbc();
            assertThat(jdbc.sql("SELECT count(*) FROM game_sessions WHERE operator_id = ?").param(healthy.operatorId()).query(Integer.class).single()).isEqualTo(3);
            assertThat(jdbc.sql("SELECT count(*) FROM game_sessions WHERE operator_id = ?").param(skewed.operatorId()).query(Integer.class).single()).isZero();
            assertThat(r.findings()).contains("our clock is not suspect: the drift is specific to the operators above");
        }
    }
}
