package dev.yantra.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.config.MasterKey;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.demowallet.Faults;
import dev.yantra.testing.TestServer;
import dev.yantra.testing.Yantra;
import dev.yantra.wallet.WalletClient;
import dev.yantra.wallet.WalletRequest;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code yantra settings set breaker.consecutiveFailures=2} (straight into the
 * database, as the CLI does) reaches the node's breakers within seconds, no restart, and is audited.
 */
class BreakerSettingsLiveTest {

    @Test
    void a_consecutive_failures_setting_made_by_the_cli_opens_the_running_nodes_breaker_after_the_new_count() throws Exception {
        try (TestServer server = TestServer.start()) {
            byte[] key = MasterKey.resolve(server.env);
            JdbcClient jdbc = server.running.database().jdbc();
            try (DemoWallet wallet = DemoWallet.start(server.running.database().dataSource(), 0, 0,
                    Map.of(DemoProvisioner.OUTBOUND_KID, DemoProvisioner.walletSecret(key)), Clock.systemUTC(), 1_000_000_000L)) {
                new DemoProvisioner(jdbc, key).provision(wallet.callbackUrl(), null);
                WalletClient client = server.running.context().getBean(WalletClient.class);
                CounterpartyBreakers breakers = server.running.context().getBean(CounterpartyBreakers.class);
                String op = DemoProvisioner.OPERATOR_ID.toString();
                assertThat(breakers.settings().consecutiveFailures()).as("env default").isEqualTo(5);

                Yantra.Run set = Yantra.run(server.env.databaseUrl().orElseThrow(), "settings", "set", "breaker.consecutiveFailures=2");
                assertThat(set.exit()).as(set.err()).isZero();
                long started = System.nanoTime();
                while (breakers.settings().consecutiveFailures() != 2 && System.nanoTime() - started < 3_000_000_000L) Thread.sleep(20);
                assertThat(breakers.settings().consecutiveFailures()).as("applied within 3 s").isEqualTo(2);
                System.err.println("breaker.consecutiveFailures applied after " + (System.nanoTime() - started) / 1_000_000 + " ms");

                wallet.setFaults(Faults.NONE.withDown(true));
                client.call(bet());
                assertThat(breakers.state(op)).as("one failure of two").isEqualTo(CounterpartyBreakers.State.CLOSED);
                client.call(bet());
                assertThat(breakers.state(op)).as("the second failure opens it (the default would need 5)").isEqualTo(CounterpartyBreakers.State.OPEN);
                assertThat(client.call(bet()).sent()).as("refused without a call").isFalse();

                // raising the threshold mid-outage keeps the breaker open on the node
                Yantra.Run raise = Yantra.run(server.env.databaseUrl().orElseThrow(), "settings", "set", "breaker.consecutiveFailures=50");
                assertThat(raise.exit()).isZero();
                while (breakers.settings().consecutiveFailures() != 50 && System.nanoTime() - started < 6_000_000_000L) Thread.sleep(20);
                assertThat(breakers.settings().consecutiveFailures()).isEqualTo(50);
                assertThat(breakers.state(op)).isEqualTo(CounterpartyBreakers.State.OPEN);
                assertThat(breakers.allows(DemoProvisioner.OPERATOR_ID)).isFalse();

                assertThat(jdbc.sql("""
                        SELECT count(*) FROM admin_audit_log WHERE action = 'settings.set' AND subject = 'breaker.consecutiveFailures'
                           AND old_value IS NULL AND new_value = '2' AND changed_by LIKE 'cli:%'""").query(Integer.class).single())
                        .as("the change is audited under cli:<user>").isEqualTo(1);
                assertThat(jdbc.sql("SELECT count(*) FROM breaker_transitions WHERE operator_id = ?").param(DemoProvisioner.OPERATOR_ID)
                        .query(Integer.class).single()).as("CLOSED->OPEN only: a swap is not a transition").isEqualTo(1);
            }
        }
    }

    static WalletRequest bet() {
        return WalletRequest.bet(DemoProvisioner.OPERATOR_ID, "pat", "LKR", "ketapola-dice", null, null, UUID.randomUUID(),
                UUID.randomUUID(), 1_000);
    }
}
