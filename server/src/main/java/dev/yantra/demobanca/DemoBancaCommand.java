package dev.yantra.demobanca;

import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.cli.Serving;
import dev.yantra.cli.FaultsAdmin;
import dev.yantra.config.EnvVars;
import dev.yantra.config.UnavailableException;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code yantra demo-banca serve|faults}: run the demo banca alone, and flip its faults.
 * Exit codes: 0 ok, 64 bad usage, 69 the banca (or the database) is unreachable.
 */
@Command(name = "demo-banca", mixinStandardHelpOptions = true,
        description = "The demo banca (a licensed lottery shop): a real ledger of plays with fault injection, the counterparty of the lottery hub's tests and demo.",
        subcommands = {DemoBancaCommand.Serve.class, DemoBancaCommand.FaultsCmd.class})
public class DemoBancaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** DEMO_BANCA_PORT, default 8092; anything but a port number is a usage error. */
    public static int portFromEnv() {
        return EnvVars.DEMO_BANCA_PORT.read(EnvVars.process());
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the demo banca on DEMO_BANCA_PORT (default 8092; admin API on port + 1) until stopped.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:stopped", "64:bad arguments", "69:a port or the database is unavailable"})
    static class Serve implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin DataDirOption data;
        @Option(names = "--port", description = "Banca port (env DEMO_BANCA_PORT, default 8092)") Integer port;
        @Option(names = "--secret", paramLabel = "ID=SECRET", description = "A secret the banca accepts (repeatable; "
                + "webhooks are signed with the last). More can be posted to /admin/secrets.") List<String> secrets;
        @Option(names = "--yantra-url", paramLabel = "URL", description = "Where webhooks go (default http://127.0.0.1:<PORT or 8080>)") String yantraUrl;
        @Option(names = "--name", description = "This banca's part of the shared ledger table (default demo-banca)") String name;
        @Option(names = "--sync-rate", paramLabel = "R", description = "Share of plays answered at once (default 0.7)") Double syncRate;
        @Option(names = "--confirm-rate", paramLabel = "R", description = "Share of plays confirmed (default 0.95)") Double confirmRate;
        @Option(names = "--webhook-delay-ms", paramLabel = "N", description = "Delay of the webhook after a 202 (default 5000)") Long webhookDelayMs;

        @Override
        public Integer call() throws InterruptedException {
            int p = port != null ? port : portFromEnv();
            DemoBanca.Config config = null;
            Database db = data.openDatabase();
            try {
                config = DemoBanca.Config.of(db.dataSource()).withPort(p).withYantraBaseUrl(yantraUrl != null ? yantraUrl : defaultYantraUrl());
                for (String s : secrets == null ? List.<String>of() : secrets) {
                    int eq = s.indexOf('=');
                    if (eq <= 0 || eq == s.length() - 1) throw new UsageException("--secret must be ID=SECRET, was '" + s + "'");
                    config = config.withSecret(s.substring(0, eq), s.substring(eq + 1));
                }
                if (name != null) config = config.withName(name);
                if (syncRate != null) config = config.withSyncRate(syncRate);
                if (confirmRate != null) config = config.withConfirmRate(confirmRate);
                if (webhookDelayMs != null) config = config.withWebhookDelayMs(webhookDelayMs);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            DemoBanca banca;
            try {
                banca = DemoBanca.start(config);
            } catch (IllegalStateException e) {
                db.close();
                throw new UnavailableException(e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            String webhooksTo = config.yantraBaseUrl();
            Serving.untilStopped("demo-banca-shutdown", () -> {
                banca.close();
                db.close();
            }, () -> {
                out.println("demo banca: " + banca.url() + " (admin and faults: " + banca.adminUrl() + "), webhooks to "
                        + webhooksTo + ", secrets " + banca.secretIds());
                out.flush();
            });
            return ExitCodes.OK;
        }

        private static String defaultYantraUrl() {
            return "http://127.0.0.1:" + EnvVars.PORT.read(EnvVars.process());
        }
    }

    @Command(name = "faults", mixinStandardHelpOptions = true,
            description = "Set or show the demo banca's faults (POST /admin/faults). Without options: show them.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the faults now in force are printed", "64:bad arguments or refused values", "69:the banca is unreachable"})
    static class FaultsCmd implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--url", description = "Admin API base (default http://127.0.0.1:<DEMO_BANCA_PORT + 1>/admin)") String url;
        @Option(names = "--down", description = "Close the banca listener: connection refused") boolean down;
        @Option(names = "--up", description = "Re-open the banca listener") boolean up;
        @Option(names = "--clear", description = "Remove every fault first (rates back to their configured values)") boolean clear;
        @Option(names = "--slow-ms", paramLabel = "N", description = "Delay every answer by N ms") Long slowMs;
        @Option(names = "--error-rate", paramLabel = "R", description = "Share of calls answered HTTP 503 (0..1)") Double errorRate;
        @Option(names = "--timeout-rate", paramLabel = "R", description = "Share of calls registered but answered too late (0..1)") Double timeoutRate;
        @Option(names = "--timeout-sleep-ms", paramLabel = "N", description = "How late a timed-out answer comes (default 20000)") Long timeoutSleepMs;
        @Option(names = "--lost-webhooks", paramLabel = "R", description = "Share of webhooks never sent (0..1)") Double lostWebhooks;
        @Option(names = "--duplicate-webhooks", paramLabel = "R", description = "Share of webhooks sent twice (0..1)") Double duplicateWebhooks;
        @Option(names = "--reorder-webhooks", negatable = true, description = "Hold webhooks and send them in reverse order") Boolean reorderWebhooks;
        @Option(names = "--wrong-secret-webhooks", paramLabel = "R", description = "Share of webhooks signed with a wrong secret (0..1)") Double wrongSecretWebhooks;
        @Option(names = "--force-reject", negatable = true, description = "Reject every play") Boolean forceReject;
        @Option(names = "--sync-rate", paramLabel = "R", description = "Share of plays answered at once (0..1)") Double syncRate;
        @Option(names = "--confirm-rate", paramLabel = "R", description = "Share of plays confirmed (0..1)") Double confirmRate;
        @Option(names = "--webhook-delay-ms", paramLabel = "N", description = "Delay of the webhook after a 202") Long webhookDelayMs;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            if (down && up) throw new UsageException("--down and --up exclude each other");
            Map<String, Object> body = changes();
            String base = url != null ? url : "http://127.0.0.1:" + (portFromEnv() + 1) + "/admin";
            FaultsAdmin.exchange("demo banca", base, body, json, spec.commandLine().getOut());
            return ExitCodes.OK;
        }

        Map<String, Object> changes() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (clear) body.put("clear", true);
            if (down) body.put("down", true);
            if (up) body.put("down", false);
            putIfSet(body, "slowMs", slowMs);
            putIfSet(body, "errorRate", errorRate);
            putIfSet(body, "timeoutRate", timeoutRate);
            putIfSet(body, "timeoutSleepMs", timeoutSleepMs);
            putIfSet(body, "lostWebhooks", lostWebhooks);
            putIfSet(body, "duplicateWebhooks", duplicateWebhooks);
            putIfSet(body, "reorderWebhooks", reorderWebhooks);
            putIfSet(body, "wrongSecretWebhooks", wrongSecretWebhooks);
            putIfSet(body, "forceReject", forceReject);
            putIfSet(body, "syncRate", syncRate);
            putIfSet(body, "confirmRate", confirmRate);
            putIfSet(body, "webhookDelayMs", webhookDelayMs);
            return body;
        }

        private static void putIfSet(Map<String, Object> body, String field, Object value) {
            if (value != null) body.put(field, value);
        }
    }
}
