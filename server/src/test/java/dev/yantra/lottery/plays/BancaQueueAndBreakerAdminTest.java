package dev.yantra.lottery.plays;

import static dev.yantra.lottery.plays.LotteryHubFixture.await;
import static dev.yantra.lottery.plays.LotteryHubFixture.playBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.testing.Yantra;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The playbooks' queue overrides and breaker levers, over the banca queue and a banca's breaker (CLI and admin API). */
class BancaQueueAndBreakerAdminTest {
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
    void reset() {
        hub.banca.setFaults(hub.banca.clearedFaults());
        assertThat(Yantra.run(hub.databaseUrl, "breaker", "auto", "--banca", hub.bancaId.toString(), "--reason", "test reset").exit()).isZero();
    }

    private UUID buy(LotteryHubFixture.Player p, String number) {
        HttpResponse<String> r = hub.buy(p, playBody(UUID.randomUUID(), p.id(), "quiniela", "[\"" + number + "\"]", "10"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return UUID.fromString(Json.parse(r.body()).get("playId").stringValue());
    }

    private UUID openJob(UUID playId) {
        return hub.jdbc().sql("SELECT id FROM pending_banca_jobs WHERE play_id = ? AND completed_at IS NULL").param(playId)
                .query(UUID.class).single();
    }

    private long calls(UUID playId) {
        return hub.jdbc().sql("SELECT count(*) FROM banca_calls WHERE play_id = ?").param(playId).query(Long.class).single();
    }

    @Test
    void banca_jobs_are_listed_retried_and_completed_by_hand_like_wallet_jobs_and_a_completed_play_is_refunded() {
        LotteryHubFixture.Player a = hub.player(100);
        long before = hub.balanceMicro(a);
        hub.banca.changeFaults(Map.of("down", true));
        UUID play = buy(a, "21");
        await("a failed try recorded on the job", Duration.ofSeconds(20), () -> hub.jdbc()
                .sql("SELECT last_error IS NOT NULL FROM pending_banca_jobs WHERE play_id = ?").param(play).query(Boolean.class).single());
        UUID job = openJob(play);

        JsonNode listed = hub.admin("GET", "/v1/admin/jobs?queue=banca&banca=" + hub.bancaId, null);
        assertThat(listed.get("queue").stringValue()).isEqualTo("banca");
        JsonNode row = null;
        for (JsonNode j : listed.get("jobs")) if (j.get("id").stringValue().equals(job.toString())) row = j;
        assertThat(row).as(listed.toString()).isNotNull();
        assertThat(row.get("kind").stringValue()).isEqualTo("REGISTER");
        assertThat(row.get("playStatus").stringValue()).isEqualTo("QUEUED");
        assertThat(row.get("lastError").stringValue()).isNotBlank();
        assertThat(row.get("waitingFor").stringValue()).isNotBlank();
        // the wallet queue is still the default and holds none of these
        assertThat(hub.admin("GET", "/v1/admin/jobs", null).get("jobs").toString()).doesNotContain(job.toString());
        assertThat(hub.call("GET", "/v1/admin/jobs?queue=nope", LotteryHubFixture.ADMIN, null, Map.of()).statusCode()).isEqualTo(400);

        Yantra.Run list = Yantra.run(hub.databaseUrl, "jobs", "list", "--queue", "banca", "--banca", "Demo Banca");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("WAITING FOR", "LAST ERROR", job.toString(), play.toString());
        assertThat(Yantra.run(hub.databaseUrl, "jobs", "list", "--queue", "banca", "--operator", "x").exit()).isEqualTo(64);

        Yantra.Run retried = Yantra.run(hub.databaseUrl, "jobs", "retry", job.toString());
        assertThat(retried.exit()).as(retried.err()).isZero();
        assertThat(hub.jdbc().sql("SELECT count(*) FROM admin_audit_log WHERE action = 'job.retry' AND subject = ?")
                .param("pending_banca_jobs:" + job).query(Long.class).single()).isEqualTo(1);

        Yantra.Run completed = Yantra.run(hub.databaseUrl, "jobs", "complete", job.toString(), "--reason", "banca closed for good");
        assertThat(completed.exit()).as(completed.err()).isZero();
        assertThat(completed.out()).contains("QUEUED -> FAILED");
        assertThat(hub.status(play)).isEqualTo("FAILED");
        assertThat(hub.balanceMicro(a)).isEqualTo(before);
        Map<String, Object> done = hub.jdbc().sql("SELECT completion, completion_reason FROM pending_banca_jobs WHERE id = ?").param(job)
                .query().singleRow();
        assertThat(done).containsEntry("completion", "MANUAL").containsEntry("completion_reason", "banca closed for good");
        assertThat(hub.jdbc().sql("SELECT reason FROM admin_audit_log WHERE action = 'job.complete' AND subject = ?")
                .param("pending_banca_jobs:" + job).query(String.class).single()).isEqualTo("banca closed for good");

        Yantra.Run again = Yantra.run(hub.databaseUrl, "jobs", "complete", job.toString(), "--reason", "again");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("already completed");
        assertThat(hub.balanceMicro(a)).isEqualTo(before);
        assertThat(Yantra.run(hub.databaseUrl, "jobs", "complete", job.toString(), "--reason", "x", "--nothing-moved").exit()).isEqualTo(64);
    }

    @Test
    void the_admin_api_completes_a_banca_job_found_by_its_id_alone() {
        LotteryHubFixture.Player a = hub.player(100);
        long before = hub.balanceMicro(a);
        hub.banca.changeFaults(Map.of("down", true));
        UUID play = buy(a, "22");
        await("a first try", Duration.ofSeconds(20), () -> calls(play) > 0);
        UUID job = openJob(play);
        JsonNode retried = hub.admin("POST", "/v1/admin/jobs/" + job + "/retry", null);
        assertThat(retried.get("result").stringValue()).isEqualTo("DONE");
        JsonNode completed = hub.admin("POST", "/v1/admin/jobs/" + job + "/complete", "{\"reason\":\"given up\"}");
        assertThat(completed.get("result").stringValue()).isEqualTo("DONE");
        assertThat(completed.get("playTo").stringValue()).isEqualTo("FAILED");
        assertThat(hub.balanceMicro(a)).isEqualTo(before);
        assertThat(hub.call("POST", "/v1/admin/jobs/" + job + "/retry?queue=wallet", LotteryHubFixture.ADMIN, null, Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(hub.admin("POST", "/v1/admin/jobs/" + job + "/complete", "{\"reason\":\"again\"}").get("result").stringValue())
                .isEqualTo("ALREADY_COMPLETED");
    }

    @Test
    void a_banca_breaker_forced_open_from_the_cli_stops_forwarding_on_the_node_within_a_second_and_auto_lets_it_resume() {
        Yantra.Run forced = Yantra.run(hub.databaseUrl, "breaker", "force-open", "--banca", "Demo Banca", "--reason", "banca maintenance");
        assertThat(forced.exit()).as(forced.err()).isZero();
        await("the node's banca breaker forced open", Duration.ofSeconds(1), () -> hub.forwarding().breakers()
                .state(hub.bancaId.toString()).name().equals("FORCED_OPEN"));
        assertThat(hub.jdbc().sql("SELECT count(*) FROM admin_audit_log WHERE action = 'breaker.override' AND subject = ? AND new_value = 'FORCED_OPEN'")
                .param("banca " + hub.bancaId).query(Long.class).single()).isGreaterThanOrEqualTo(1);

        LotteryHubFixture.Player a = hub.player(100);
        UUID play = buy(a, "23");
        JsonNode listed = hub.admin("GET", "/v1/admin/jobs?queue=banca&banca=" + hub.bancaId, null);
        assertThat(listed.toString()).contains("forced open by");
        try {
            Thread.sleep(1_000);   // the runner polls every 50 ms: it had many chances to send the play
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(calls(play)).isZero();
        assertThat(hub.status(play)).isEqualTo("QUEUED");
        JsonNode view = hub.admin("GET", "/v1/admin/bancas/circuit-breakers", null);
        assertThat(view.get("overrides").get(hub.bancaId.toString()).stringValue()).isEqualTo("FORCED_OPEN");

        assertThat(Yantra.run(hub.databaseUrl, "breaker", "auto", "--banca", hub.bancaId.toString()).exit()).isZero();
        hub.forwarding().wake();
        await("the play forwarded and confirmed once the breaker is automatic again", Duration.ofSeconds(20),
                () -> hub.status(play).equals("CONFIRMED"));
        assertThat(hub.jdbc().sql("SELECT count(*) FROM banca_breaker_transitions WHERE banca_id = ? AND to_state = 'FORCED_OPEN'")
                .param(hub.bancaId).query(Long.class).single()).isGreaterThanOrEqualTo(1);
        assertThat(Yantra.run(hub.databaseUrl, "breaker", "force-open", "--banca", "no-such-banca").exit()).isEqualTo(1);
        assertThat(Yantra.run(hub.databaseUrl, "breaker", "force-open").exit()).isEqualTo(64);
    }

    @Test
    void the_admin_api_forces_a_banca_breaker_and_refuses_bad_modes_and_unknown_bancas() {
        JsonNode forced = hub.admin("POST", "/v1/admin/bancas/" + hub.bancaId + "/circuit-breaker",
                "{\"mode\":\"force-open\",\"reason\":\"signature leak\"}");
        assertThat(forced.get("mode").stringValue()).isEqualTo("FORCED_OPEN");
        assertThat(forced.get("state").stringValue()).isEqualTo("FORCED_OPEN");
        assertThat(hub.jdbc().sql("SELECT set_by FROM banca_breaker_overrides WHERE banca_id = ?").param(hub.bancaId)
                .query(String.class).single()).isNotBlank();
        JsonNode auto = hub.admin("POST", "/v1/admin/bancas/" + hub.bancaId + "/circuit-breaker", "{\"mode\":\"auto\"}");
        assertThat(auto.get("state").stringValue()).isEqualTo("CLOSED");
        assertThat(hub.jdbc().sql("SELECT count(*) FROM banca_breaker_overrides").query(Long.class).single()).isZero();
        assertThat(hub.call("POST", "/v1/admin/bancas/" + hub.bancaId + "/circuit-breaker", LotteryHubFixture.ADMIN,
                "{\"mode\":\"sideways\"}", Map.of()).statusCode()).isEqualTo(400);
        assertThat(hub.call("POST", "/v1/admin/bancas/" + UUID.randomUUID() + "/circuit-breaker", LotteryHubFixture.ADMIN,
                "{\"mode\":\"auto\"}", Map.of()).statusCode()).isEqualTo(404);
    }
}
