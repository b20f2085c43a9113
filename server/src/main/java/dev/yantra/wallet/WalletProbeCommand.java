package dev.yantra.wallet;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.breaker.BreakerSettings;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.cli.Cli;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.NodeClock;
import dev.yantra.db.Database;
import dev.yantra.operator.CredentialStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code yantra wallet probe --operator X [--player P]}: a signed balance call now, from this process — so no
 * node's breaker stands in the way — journaled in wallet_calls like every call. The wallet-down and breaker
 * playbooks' "is the operator wallet up?".
 */
public final class WalletProbeCommand {
    private WalletProbeCommand() {
    }

    @Command(name = "probe", mixinStandardHelpOptions = true,
            description = "Signed balance call now (bypasses the breaker, journaled); prints status, latency and the answer. Exit 0 healthy, 1 a refusal, 69 no usable answer.")
    public static class Probe implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--operator", required = true, paramLabel = "ID|NAME") String operator;
        @Option(names = "--player", defaultValue = "yantra-probe", description = "playerRef to ask about (default ${DEFAULT-VALUE})") String player;
        @Option(names = "--currency", description = "Default: the operator's first allowed currency") String currency;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                UUID op = Cli.resolveOperator(db.jdbc(), operator);
                String cur = currency != null ? currency : db.jdbc()
                        .sql("SELECT coalesce(allowed_currencies[1], 'LKR') FROM operators WHERE id = ?").param(op).query(String.class).single();
                Duration timeout = Duration.ofMillis(data.env().walletCallTimeoutMs());
                SimpleMeterRegistry meters = new SimpleMeterRegistry();
                WalletClient client = new WalletClient(WalletClient.defaultHttpClient(timeout),
                        new CredentialStoreOutbound(new CredentialStore(db, data.env(), new AdminAudit(db.jdbc()))),
                        new SqlWalletEndpoints(db.jdbc()),
                        new CounterpartyBreakers("operator", "operatorId", BreakerSettings.DEFAULTS, meters),
                        db.jdbc(), meters, NodeClock.system(), timeout);
                WalletResponse r = client.call(WalletRequest.balance(op, player, cur, "ketapola-dice"));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("operator", op.toString());
                out.put("sent", r.sent());
                out.put("status", r.status());
                out.put("httpStatus", r.httpStatus());
                out.put("latencyMs", r.latencyMs());
                out.put("balanceMicro", r.balanceMicro());
                out.put("failure", r.failure());
                out.put("kid", r.kid());
                out.put("verdict", healthy(r) ? "HEALTHY" : r.status() != null ? "ANSWERED_WITH_REFUSAL" : "NO_USABLE_ANSWER");
                if (json) {
                    System.out.println(Json.MAPPER.writeValueAsString(out));
                } else {
                    out.forEach((k, v) -> System.out.printf("%-13s %s%n", k, v));
                }
                if (healthy(r)) return ExitCodes.OK;
                return r.status() != null ? ExitCodes.CHECK_FAILED : ExitCodes.UNAVAILABLE;
            }
        }

        private static boolean healthy(WalletResponse r) {
            return r.sent() && "RS_OK".equals(r.status());
        }
    }

}
