package dev.yantra.walletjobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.control.ControlPlane;
import dev.yantra.control.ControlStore;
import dev.yantra.control.KillSwitch;
import dev.yantra.db.Database;
import dev.yantra.ops.Readiness;
import dev.yantra.round.SettlementHaltWallet;
import dev.yantra.round.port.WalletPort;
import dev.yantra.round.port.WalletReply;
import dev.yantra.testing.TestPostgres;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** "Halt new settlements": winners of a halted operator are parked in the queue, never paid directly nor dropped. */
class SettlementHaltTest {

    @Test
    void a_halted_operators_wins_go_to_the_queue_and_its_jobs_wait_while_others_are_paid() {
        try (Database db = TestPostgres.freshDatabase()) {
            UUID halted = UUID.randomUUID(), other = UUID.randomUUID();
            for (UUID op : new UUID[] {halted, other}) {
                db.jdbc().sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, ?, 'c')").params(op, "op-" + op).update();
            }
            ControlPlane control = new ControlPlane(db.jdbc(), db.tx(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new Readiness());
            new ControlStore(db.jdbc(), db.tx()).halt(KillSwitch.Scope.SETTLEMENTS, halted, null, "MAJOR_DRIFT", "cli:test");
            control.refresh();

            AtomicInteger calls = new AtomicInteger();
            WalletPort paying = new WalletPort() {
                public WalletReply bet(Call c) { return null; }
                public WalletReply win(Call c, java.time.Duration within) { calls.incrementAndGet(); return new WalletReply(WalletReply.Outcome.DONE, "RS_OK", null); }
                public WalletReply rollback(Call c) { return null; }
                public WalletReply balance(Call c) { return null; }
            };
            SettlementHaltWallet wallet = new SettlementHaltWallet(paying, control);
            WalletReply parked = wallet.win(call(halted), java.time.Duration.ofMillis(500));
            assertThat(parked.done()).isFalse();
            assertThat(parked.status()).isEqualTo("settlements_halted");
            assertThat(calls).hasValue(0);
            assertThat(wallet.win(call(other), java.time.Duration.ofMillis(500)).done()).isTrue();
            assertThat(calls).hasValue(1);

            assertThat(WalletJobsConfiguration.settlementHalted(control, db)).containsExactly(halted.toString());
            new ControlStore(db.jdbc(), db.tx()).halt(KillSwitch.Scope.SETTLEMENTS, null, null, "everything", "cli:test");
            control.refresh();
            assertThat(WalletJobsConfiguration.settlementHalted(control, db)).containsExactlyInAnyOrder(halted.toString(), other.toString());
        }
    }

    static WalletPort.Call call(UUID op) {
        return new WalletPort.Call(op, "p", "LKR", "ketapola-dice", UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), 1_940_000);
    }
}
