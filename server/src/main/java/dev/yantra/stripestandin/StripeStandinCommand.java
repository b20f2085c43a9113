package dev.yantra.stripestandin;

import dev.yantra.cli.ExitCodes;
import dev.yantra.cli.Serving;
import dev.yantra.cli.FaultsAdmin;
import dev.yantra.config.EnvVars;
import dev.yantra.config.UnavailableException;
import dev.yantra.config.UsageException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code yantra stripe-standin serve|faults}: run the Stripe stand-in (docs/stripe-standin.md) alone, and flip its
 * faults. Exit codes: 0 ok, 64 bad usage, 69 the port is taken or the stand-in is unreachable.
 */
@Command(name = "stripe-standin", mixinStandardHelpOptions = true,
        description = "A Stripe stand-in for the demo and the tests: PaymentIntents, refunds, events and signed webhooks in memory, "
                + "with Stripe's test payment methods and fault injection. Production talks to Stripe (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET).",
        subcommands = {StripeStandinCommand.Serve.class, StripeStandinCommand.FaultsCmd.class})
public class StripeStandinCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** DEMO_STRIPE_PORT, default 8094; anything but a port number is a usage error. */
    public static int portFromEnv() {
        return EnvVars.DEMO_STRIPE_PORT.read(EnvVars.process());
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the Stripe stand-in on DEMO_STRIPE_PORT (default 8094) until stopped; point stripe-java's API base at the URL it prints.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:stopped", "64:bad arguments", "69:the port is unavailable"})
    static class Serve implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--port", description = "Port (env DEMO_STRIPE_PORT, default 8094)") Integer port;
        @Option(names = "--api-key", paramLabel = "sk_test_...", description = "The secret key accepted (default " + StripeStandin.DEFAULT_SECRET_KEY + ")") String apiKey;
        @Option(names = "--publishable-key", paramLabel = "pk_test_...", description = "The key a browser confirms with (default " + StripeStandin.DEFAULT_PUBLISHABLE_KEY + ")") String publishableKey;
        @Option(names = "--webhook-url", paramLabel = "URL", description = "Where signed webhooks go, e.g. http://127.0.0.1:8080/webhooks/stripe (default: none sent)") String webhookUrl;
        @Option(names = "--webhook-secret", paramLabel = "whsec_...", description = "Signing secret (repeat once to sign with two while rotating)") List<String> webhookSecrets;
        @Option(names = "--all-events", description = "Send every event type, not only those Yantra handles") boolean allEvents;
        @Option(names = "--hold-lifetime", paramLabel = "DURATION", description = "How long an uncaptured hold lasts, ISO-8601 (default P7D)") Duration holdLifetime;

        @Override
        public Integer call() throws InterruptedException {
            StripeStandin.Config config = StripeStandin.Config.defaults().withPort(port != null ? port : portFromEnv());
            try {
                if (apiKey != null) config = config.withSecretKey(apiKey);
                if (publishableKey != null) config = config.withPublishableKey(publishableKey);
                List<String> secrets = webhookSecrets == null ? List.of() : webhookSecrets;
                if (webhookUrl != null && secrets.isEmpty()) throw new UsageException("--webhook-url needs --webhook-secret");
                if (webhookUrl == null && !secrets.isEmpty()) throw new UsageException("--webhook-secret needs --webhook-url");
                if (webhookUrl != null) config = config.withWebhook(webhookUrl, secrets.toArray(String[]::new));
                if (allEvents) config = config.withEnabledEvents(java.util.Set.of("*"));
                if (holdLifetime != null) config = config.withHoldLifetime(holdLifetime);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            StripeStandin stripe;
            try {
                stripe = StripeStandin.start(config);
            } catch (IllegalStateException e) {
                throw new UnavailableException(e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            String webhooksTo = config.webhookUrl() == null ? "nowhere" : config.webhookUrl();
            Serving.untilStopped("stripe-standin-shutdown", stripe::close, () -> {
                out.println("stripe stand-in: API base " + stripe.url() + " (API version " + StripeStandin.API_VERSION + ", key "
                        + stripe.secretKey() + "), admin and faults " + stripe.adminUrl() + ", webhooks to " + webhooksTo);
                out.flush();
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "faults", mixinStandardHelpOptions = true,
            description = "Set or show the stand-in's faults (POST /admin/faults). Without options: show them.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the faults now in force are printed", "64:bad arguments or refused values", "69:the stand-in is unreachable"})
    static class FaultsCmd implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--url", description = "Admin API base (default http://127.0.0.1:<DEMO_STRIPE_PORT>/admin)") String url;
        @Option(names = "--clear", description = "Remove every fault first") boolean clear;
        @Option(names = "--down", description = "Stripe is out: the API answers 503 and webhooks wait") boolean down;
        @Option(names = "--up", description = "Stripe is back") boolean up;
        @Option(names = "--webhook-delay-ms", paramLabel = "N", description = "Send each webhook N ms after its event") Long webhookDelayMs;
        @Option(names = "--duplicate-rate", paramLabel = "R", description = "Share of webhooks sent twice (0..1)") Double duplicateRate;
        @Option(names = "--drop-rate", paramLabel = "R", description = "Share of webhooks never sent (0..1)") Double dropRate;
        @Option(names = "--reorder", negatable = true, description = "Send webhooks in pairs, the later first") Boolean reorder;
        @Option(names = "--api-error-rate", paramLabel = "R", description = "Share of API calls answered 500 (0..1)") Double apiErrorRate;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            if (down && up) throw new UsageException("--down and --up exclude each other");
            Map<String, Object> body = changes();
            String base = url != null ? url : "http://127.0.0.1:" + portFromEnv() + "/admin";
            FaultsAdmin.exchange("stripe stand-in", base, body, json, spec.commandLine().getOut());
            return ExitCodes.OK;
        }

        Map<String, Object> changes() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (clear) body.put("clear", true);
            if (down) body.put("down", true);
            if (up) body.put("down", false);
            if (webhookDelayMs != null) body.put("webhookDelayMs", webhookDelayMs);
            if (duplicateRate != null) body.put("duplicateRate", duplicateRate);
            if (dropRate != null) body.put("dropRate", dropRate);
            if (reorder != null) body.put("reorder", reorder);
            if (apiErrorRate != null) body.put("apiErrorRate", apiErrorRate);
            return body;
        }
    }
}
