package dev.yantra.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.db.DatabaseUrl;
import dev.yantra.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A lever pulled by the CLI (straight into the database) is obeyed by a running node within a second. */
class ControlPlaneTest {

    @Test
    void a_halt_made_on_the_database_reaches_the_node_within_a_second_and_shows_in_readyz() throws Exception {
        try (TestServer server = TestServer.start()) {
            Database cli = Database.open(server.env, "yantra-cli", 2, null);
            ControlStore store = new ControlStore(cli.jdbc(), cli.tx());
            UUID op = UUID.randomUUID();
            ControlPlane plane = server.running.context().getBean(ControlPlane.class);

            store.halt(KillSwitch.Scope.BETS, op, null, "rtp drift", "cli:test");
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (!plane.snapshot().betsHalted(op, "ketapola-dice") && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(plane.snapshot().betsHalted(op, "ketapola-dice")).isTrue();
            assertThat(plane.snapshot().betsHalted(UUID.randomUUID(), "ketapola-dice")).as("other operators play on").isFalse();
            assertThat(server.get("/readyz").body()).contains("bets halted for operator " + op);
            assertThat(server.get("/metrics").body()).contains("kill_switch_active{game_code=\"*\",operator=\"" + op + "\",scope=\"BETS\"} 1.0");

            store.setSetting(RuntimeSetting.BREAKER_OPEN_SECONDS, "90", "cli:test");
            store.resume(KillSwitch.Scope.BETS, op, null, null, "cli:test");
            deadline = System.nanoTime() + 1_000_000_000L;
            while (plane.snapshot().betsHalted(op, "ketapola-dice") && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(plane.snapshot().betsHalted(op, "ketapola-dice")).isFalse();
            assertThat(plane.snapshot().setting(RuntimeSetting.BREAKER_OPEN_SECONDS, 0)).isEqualTo(90);
            assertThat(cli.jdbc().sql("SELECT count(*) FROM admin_audit_log WHERE changed_by = 'cli:test'").query(Integer.class).single()).isEqualTo(3);
            cli.close();
        }
    }
}
