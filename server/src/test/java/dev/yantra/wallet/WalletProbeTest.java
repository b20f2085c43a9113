package dev.yantra.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.admin.AdminAudit;
import dev.yantra.db.Database;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.demowallet.Faults;
import dev.yantra.operator.CredentialStore;
import dev.yantra.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** `yantra wallet probe` against the demo wallet down, slow and healthy: three clearly different answers, each journaled. */
class WalletProbeTest {

    record Probe(int exit, String out) {
    }

    /** The CLI command with the test's environment (its master key) instead of the process environment. */
    static Probe probe(dev.yantra.config.YantraEnv env, String operator) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            WalletProbeCommand.Probe cmd = new WalletProbeCommand.Probe();
            cmd.data = new dev.yantra.cli.DataDirOption() {
                @Override
                public dev.yantra.config.YantraEnv env() {
                    return env;
                }
            };
            int code = new picocli.CommandLine(cmd).execute("--operator", operator, "--json");
            return new Probe(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void down_slow_and_healthy_wallets_give_three_different_journaled_results() throws Exception {
        var env = TestPostgres.freshEnv(1);
        try (Database db = Database.open(env, "yantra-test", 4, null)) {
            db.migrate();
            UUID op = UUID.randomUUID();
            DemoWallet wallet = DemoWallet.start(db.dataSource(), 0, 0, Map.of(), Clock.systemUTC(), 1_000_000_000L);
            try {
                db.jdbc().sql("INSERT INTO operators (id, name, compliance_contact, allowed_currencies, wallet_callback_url) VALUES (?, 'probe-op', 'c', '{LKR}', ?)")
                        .params(op, wallet.callbackUrl()).update();
                CredentialStore.Issued key = new CredentialStore(db, env, new AdminAudit(db.jdbc()))
                        .issue(op, CredentialStore.Kind.OUTBOUND, null, "test");
                wallet.addSecret(key.credential().kid(), key.secret().getBytes(StandardCharsets.UTF_8));
                
                Probe healthy = probe(env, "probe-op");
                assertThat(healthy.exit()).as(healthy.out()).isZero();
                assertThat(healthy.out()).contains("\"verdict\":\"HEALTHY\"").contains("\"status\":\"RS_OK\"").contains("\"balanceMicro\":1000000000");

                wallet.setFaults(Faults.NONE.withSlowMs(700));
                Probe slow = probe(env, "probe-op");
                assertThat(slow.exit()).isZero();
                long latency = Long.parseLong(slow.out().replaceAll("(?s).*\"latencyMs\":(\\d+).*", "$1"));
                assertThat(latency).isGreaterThanOrEqualTo(700);

                wallet.setFaults(Faults.NONE.withDown(true));
                Probe down = probe(env, "probe-op");
                assertThat(down.exit()).isEqualTo(69);
                assertThat(down.out()).contains("\"verdict\":\"NO_USABLE_ANSWER\"").contains("\"sent\":true");

                assertThat(db.jdbc().sql("SELECT count(*) FROM wallet_calls WHERE operator_id = ? AND endpoint = 'BALANCE'").param(op)
                        .query(Integer.class).single()).isEqualTo(3);
                // a balance call moves no money, so `succeeded` stays false; the answers differ in status and HTTP status
                assertThat(db.jdbc().sql("SELECT count(*) FROM wallet_calls WHERE operator_id = ? AND endpoint = 'BALANCE' AND status = 'RS_OK' AND response_status = 200")
                        .param(op).query(Integer.class).single()).isEqualTo(2);
                assertThat(db.jdbc().sql("SELECT count(*) FROM wallet_calls WHERE operator_id = ? AND endpoint = 'BALANCE' AND response_status IS NULL")
                        .param(op).query(Integer.class).single()).isEqualTo(1);
            } finally {
                wallet.close();
            }
        }
    }
}
