package dev.yantra.wallet;

import dev.yantra.admin.AdminAudit;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.cli.Serving;
import dev.yantra.cli.FaultsAdmin;
import dev.yantra.config.UsageException;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.demowallet.Faults;
import dev.yantra.operator.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code yantra demo-wallet serve|faults}: run the demo operator wallet alone, and flip its faults.
 * Exit codes: 0 ok, 64 bad usage, 69 the wallet (or database) is unreachable.
 */
@Command(name = "demo-wallet", mixinStandardHelpOptions = true,
        description = "The demo operator wallet: a real ledger with fault injection, the counterparty of tests and benchmarks.",
        subcommands = {DemoWalletCommand.Serve.class, DemoWalletCommand.FaultsCmd.class})
public class DemoWalletCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the demo wallet on DEMO_WALLET_PORT (default 8090; admin API on port + 1) until stopped.")
    static class Serve implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--port", description = "Wallet port (env DEMO_WALLET_PORT, default 8090)") Integer port;
        @Option(names = "--key", paramLabel = "KID=SECRET", description = "An outbound key to accept (repeatable); "
                + "by default every operator's current outbound credential is loaded from the database") List<String> keys;

        @Override
        public Integer call() throws InterruptedException {
            YantraEnv env = data.env();
            int p = port != null ? port : env.demoWalletPort();
            Database db = data.openDatabase();
            Map<String, byte[]> secrets = new HashMap<>();
            if (keys != null) {
                for (String k : keys) {
                    int eq = k.indexOf('=');
                    if (eq <= 0) throw new UsageException("--key must be KID=SECRET, was '" + k + "'");
                    secrets.put(k.substring(0, eq), k.substring(eq + 1).getBytes(StandardCharsets.UTF_8));
                }
            } else {
                secrets.putAll(outboundKeys(db, env));
            }
            DemoWallet wallet = DemoWallet.start(db.dataSource(), p, secrets);
            Serving.untilStopped("demo-wallet-shutdown", () -> {
                wallet.close();
                db.close();
            }, () -> System.out.println("demo wallet: callback URL " + wallet.callbackUrl() + ", admin " + wallet.adminUrl()
                    + ", " + secrets.size() + " key(s)"));
            return ExitCodes.OK;
        }
    }

    /** Every operator's current outbound key, so the demo wallet accepts what the server signs with. */
    public static Map<String, byte[]> outboundKeys(Database db, YantraEnv env) {
        Map<String, byte[]> out = new HashMap<>();
        CredentialStore store;
        try {
            store = new CredentialStore(db, env, new AdminAudit(db.jdbc()));
        } catch (RuntimeException e) {
            System.err.println("demo wallet: no master key, no operator keys loaded (" + e.getMessage() + ")");
            return out;
        }
        for (UUID op : db.jdbc().sql("SELECT id FROM operators ORDER BY created_at LIMIT 10000").query(UUID.class).list()) {
            try {
                CredentialStore.OutboundCredential c = store.currentOutbound(op);
                out.put(c.kid(), c.secret());
            } catch (RuntimeException e) {
                // an operator without an outbound key cannot be called anyway
            }
        }
        return out;
    }

    @Command(name = "faults", mixinStandardHelpOptions = true,
            description = "Set or show the demo wallet's faults (POST /admin/faults). Without options: show them.")
    static class FaultsCmd implements Callable<Integer> {
        @Option(names = "--url", description = "Admin API base (default http://127.0.0.1:<DEMO_WALLET_PORT + 1>)") String url;
        @Option(names = "--down", description = "Close the wallet listener: connection refused") boolean down;
        @Option(names = "--up", description = "Re-open the wallet listener") boolean up;
        @Option(names = "--hang", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Hold every wallet call unanswered until --hang=false (or --clear): a hung wallet") Boolean hang;
        @Option(names = "--slow-ms", paramLabel = "N", description = "Delay every answer by N ms") Long slowMs;
        @Option(names = "--error-rate", paramLabel = "R", description = "Share of calls answered HTTP 503 (0..1)") Double errorRate;
        @Option(names = "--timeout-rate", paramLabel = "R", description = "Share of calls processed but answered too late (0..1)") Double timeoutRate;
        @Option(names = "--timeout-sleep-ms", paramLabel = "N", description = "How late a timed-out answer comes (default 30000)") Long timeoutSleepMs;
        @Option(names = "--force", paramLabel = "ENDPOINT=RS_CODE", description = "Answer this code on BET/WIN/ROLLBACK/BALANCE "
                + "(repeatable; ENDPOINT= clears one)") List<String> force;
        @Option(names = "--duplicate-win-credited-twice", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Contract breach: a repeated WIN (same transactionUuid) credits again and answers RS_OK") Boolean duplicateWin;
        @Option(names = "--rollback-unknown-moves-money", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Contract breach: a rollback of a bet the wallet never saw answers RS_OK and credits 1.000000") Boolean rollbackUnknown;
        @Option(names = "--signature-not-checked", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Contract breach: any signature (or none) is accepted") Boolean signatureNotChecked;
        @Option(names = "--garbage-answer", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Every call is processed, then answered 200 with a body that is not JSON") Boolean garbageAnswer;
        @Option(names = "--clear", description = "Remove every fault first") boolean clear;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            String base = url != null ? url : "http://127.0.0.1:" + (YantraEnv.fromSystem().demoWalletPort() + 1) + "/admin";
            if (down && up) throw new UsageException("--down and --up exclude each other");
            Map<String, Object> body = new LinkedHashMap<>();
            if (clear) body.put("clear", true);
            if (down) body.put("down", true);
            if (up) body.put("down", false);
            if (hang != null) body.put("hang", hang);
            if (slowMs != null) body.put("slowMs", slowMs);
            if (errorRate != null) body.put("errorRate", errorRate);
            if (timeoutRate != null) body.put("timeoutRate", timeoutRate);
            if (timeoutSleepMs != null) body.put("timeoutSleepMs", timeoutSleepMs);
            if (duplicateWin != null) body.put(Faults.Breach.DUPLICATE_WIN_CREDITED_TWICE.wireName(), duplicateWin);
            if (rollbackUnknown != null) body.put(Faults.Breach.ROLLBACK_UNKNOWN_MOVES_MONEY.wireName(), rollbackUnknown);
            if (signatureNotChecked != null) body.put(Faults.Breach.SIGNATURE_NOT_CHECKED.wireName(), signatureNotChecked);
            if (garbageAnswer != null) body.put(Faults.Breach.GARBAGE_ANSWER.wireName(), garbageAnswer);
            if (force != null) {
                Map<String, Object> f = new LinkedHashMap<>();
                for (String s : force) {
                    int eq = s.indexOf('=');
                    if (eq <= 0) throw new UsageException("--force must be ENDPOINT=RS_CODE, was '" + s + "'");
                    f.put(s.substring(0, eq), eq == s.length() - 1 ? null : s.substring(eq + 1));
                }
                body.put("force", f);
            }
            FaultsAdmin.exchange("demo wallet", base, body, json, new java.io.PrintWriter(System.out, true));
            return ExitCodes.OK;
        }
    }
}
