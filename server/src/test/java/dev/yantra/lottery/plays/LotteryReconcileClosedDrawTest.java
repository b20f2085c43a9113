package dev.yantra.lottery.plays;

import static dev.yantra.lottery.plays.LotteryHubFixture.await;
import static dev.yantra.lottery.plays.LotteryHubFixture.playBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.config.YantraEnv;
import dev.yantra.testing.Yantra;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The force-check's two unhappy paths, with the node's own runner and fail-safe stopped so only the command
 * acts: the banca down while the draw is on sale (the play stays pending, exit 3: the banca's side unreadable),
 * then the draw closed (no register call is ever sent after close; the play fails and is refunded).
 */
class LotteryReconcileClosedDrawTest {
    static LotteryHubFixture hub;

    @BeforeAll
    static void start() {
        hub = new LotteryHubFixture(600_000);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    /** The force-check in this JVM with the operator's shell (DATABASE_URL, YANTRA_MASTER_KEY). */
    Yantra.Run reconcile(UUID requestId, String... more) {
        return Yantra.inProcess(shell(), null, reconcileArgs(requestId, more));
    }

    /** The same as its own process, as an operator runs it: the launcher's exit status. */
    Yantra.Run reconcileProcess(UUID requestId, String... more) {
        return Yantra.process(shell(), reconcileArgs(requestId, more));
    }

    Map<String, String> shell() {
        return Map.of("DATABASE_URL", hub.databaseUrl,
                "YANTRA_MASTER_KEY", hub.node.context().getBean(YantraEnv.class).masterKeyBase64().orElseThrow());
    }

    static String[] reconcileArgs(UUID requestId, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("lottery", "reconcile", "--force-check",
                "--older-than", "0s", "--request-ids", requestId.toString()));
        args.addAll(java.util.List.of(more));
        return args.toArray(String[]::new);
    }

    long calls(UUID playId) {
        return hub.jdbc().sql("SELECT count(*) FROM banca_calls WHERE play_id = ?").param(playId).query(Long.class).single();
    }

    @Test
    void a_stuck_play_is_asked_while_its_draw_is_open_and_failed_without_a_register_call_once_it_closed() {
        hub.banca.changeFaults(Map.of("down", true));
        LotteryHubFixture.Player player = hub.player(100);
        UUID requestId = UUID.randomUUID();
        HttpResponse<String> bought = hub.buy(player, playBody(requestId, player.id(), "quiniela", "[\"44\"]", "10"));
        assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
        UUID playId = UUID.fromString(Json.parse(bought.body()).get("playId").stringValue());
        await("a failed register try", Duration.ofSeconds(20), () -> calls(playId) > 0);
        hub.forwarding().stop();
        assertThat(hub.status(playId)).isEqualTo("QUEUED");
        long balance = hub.balanceMicro(player);

        long callsBefore = calls(playId);
        Yantra.Run down = reconcileProcess(requestId);
        assertThat(down.exit()).as(down.out() + down.err()).isEqualTo(3);
        assertThat(down.out()).contains("1 no_answer", "UNREADABLE (exit 3)", "UNREADABLE STILL_PENDING play " + playId);
        assertThat(calls(playId)).as("re-registered once while the draw was on sale").isEqualTo(callsBefore + 1);
        assertThat(hub.status(playId)).isEqualTo("QUEUED");

        hub.banca.setFaults(hub.banca.clearedFaults());
        hub.jdbc().sql("UPDATE draws SET closes_at = now() - interval '1 second', draw_time = now() WHERE id = ?")
                .param(hub.drawId).update();
        Yantra.Run dry = reconcile(requestId, "--dry-run");
        assertThat(dry.exit()).as(dry.out() + dry.err()).isEqualTo(2);
        assertThat(dry.out()).contains("1 would_fail", "STILL_PENDING play " + playId);
        assertThat(hub.status(playId)).isEqualTo("QUEUED");

        Yantra.Run closed = reconcile(requestId);
        assertThat(closed.exit()).as(closed.out() + closed.err()).isZero();
        assertThat(closed.out()).contains("1 failed");
        assertThat(hub.status(playId)).isEqualTo("FAILED");
        assertThat(calls(playId)).as("no register call after close").isEqualTo(callsBefore + 1);
        assertThat(hub.banca.ledger().rowsFor(requestId)).isZero();
        assertThat(hub.balanceMicro(player)).isEqualTo(balance + 1_000_000L);
        assertThat(hub.jdbc().sql("SELECT count(*) FROM pending_banca_jobs WHERE play_id = ? AND completed_at IS NULL")
                .param(playId).query(Long.class).single()).isZero();
    }
}
