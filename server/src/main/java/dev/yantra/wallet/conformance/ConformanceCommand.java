package dev.yantra.wallet.conformance;

import dev.yantra.api.Json;
import dev.yantra.breaker.BreakerSettings;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.NodeClock;
import dev.yantra.config.UsageException;
import dev.yantra.counterparty.SignatureScheme;
import dev.yantra.counterparty.SignedHttpClient;
import dev.yantra.wallet.WalletWire;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code yantra wallet conformance}: the wallet contract, run against an operator's wallet (docs/wallet-conformance.md).
 * Needs no Yantra database: it talks only to the wallet. The secret comes from stdin, so it never shows in a
 * process list or a shell history.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = {"Run the wallet contract against an operator's wallet: signature rejection, balance, bet / win / rollback "
                + "and their repeats, duplicate transaction, rollback of an unknown transaction, not enough money, wrong "
                + "currency, answer time. Every case is proved by the balance before and after it; the test player's balance "
                + "is left where it was found.",
                "Use a test player that nothing else moves money for while it runs.",
                "Exit 0 every case passed, 1 a case failed, 64 bad usage, 69 the wallet is unreachable."})
public class ConformanceCommand implements Callable<Integer> {
    static final int MAX_SECRET_BYTES = 4096;

    @Spec CommandSpec spec;
    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "The wallet callback base URL, as the operator's walletCallbackUrl (the kit appends /balance, /bet, ...)") String url;
    @Option(names = "--kid", required = true, paramLabel = "KID", description = "Key id of the outbound credential the wallet checks") String kid;
    @Option(names = "--secret-stdin", description = "Read the credential's secret from stdin (required: a secret never goes on the command line)") boolean secretStdin;
    @Option(names = "--player", required = true, paramLabel = "PLAYER", description = "playerRef of a funded test player") String player;
    @Option(names = "--currency", required = true, paramLabel = "CCY", description = "The test player's currency") String currency;
    @Option(names = "--operator-id", paramLabel = "UUID", description = "operatorId sent in every body (default: the nil UUID)") String operatorId;
    @Option(names = "--game", defaultValue = "ketapola-dice", paramLabel = "CODE", description = "gameCode sent in every body (default ${DEFAULT-VALUE})") String game;
    @Option(names = "--timeout-ms", defaultValue = "5000", paramLabel = "MS", description = "How long a call may take, as WALLET_CALL_TIMEOUT_MS (default ${DEFAULT-VALUE})") long timeoutMs;
    @Option(names = "--stake-micro", defaultValue = "" + ConformanceKit.DEFAULT_STAKE_MICRO, paramLabel = "MICRO",
            description = "The stake of each test bet, in micro units (default ${DEFAULT-VALUE}); the player needs at least this much") long stakeMicro;
    @Option(names = "--wrong-currency", defaultValue = ConformanceKit.DEFAULT_WRONG_CURRENCY, paramLabel = "CCY",
            description = "A currency the player holds no account in (default ${DEFAULT-VALUE}, ISO 4217's code for testing)") String wrongCurrency;
    @Option(names = "--json", description = "Print JSON") boolean json;

    @Override
    public Integer call() {
        if (!secretStdin) throw new UsageException("the secret is read from stdin: pass --secret-stdin and pipe it in");
        String base = baseUrl(url);
        UUID operator = operatorId == null ? new UUID(0, 0) : uuid(operatorId);
        if (timeoutMs < 1 || timeoutMs > 600_000) throw new UsageException("--timeout-ms must be 1..600000, was " + timeoutMs);
        if (kid.isBlank()) throw new UsageException("--kid must not be blank");
        if (player.isBlank() || player.length() > 128) throw new UsageException("--player must be 1..128 characters");
        if (!currency.matches("[A-Z]{3}")) throw new UsageException("--currency must be three capital letters, was '" + currency + "'");
        if (!wrongCurrency.matches("[A-Z]{3}")) throw new UsageException("--wrong-currency must be three capital letters, was '" + wrongCurrency + "'");
        byte[] secret = readSecret(System.in);
        Duration timeout = Duration.ofMillis(timeoutMs);
        // the kit calls the wallet whatever its breaker would say: this breaker set is only the client's plumbing
        CounterpartyBreakers unused = new CounterpartyBreakers("operator", "operatorId", BreakerSettings.DEFAULTS, new SimpleMeterRegistry());
        WalletWire wire = new WalletWire(new SignedHttpClient(SignedHttpClient.defaultHttpClient(timeout), SignatureScheme.OPERATOR,
                unused, NodeClock.system(), timeout, SignedHttpClient.DEFAULT_MAX_RESPONSE_BYTES));
        WalletUnderTest wallet = new WalletUnderTest(base, kid, secret, wire, operator, player, currency, game);
        ConformanceReport report = new ConformanceKit(wallet, stakeMicro, wrongCurrency).run();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(report.toJson()));
            out.flush();
        } else {
            report.printText(out);
        }
        return report.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** http(s), a host, no query or fragment; without a trailing slash, as a callback URL is stored. */
    static String baseUrl(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new UsageException("--url is not a URL: " + e.getMessage());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw new UsageException("--url must be an http(s) URL with a host, was '" + url + "'");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new UsageException("--url must have no query or fragment, was '" + url + "'");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--operator-id must be a UUID, was '" + s + "'");
        }
    }

    /** The secret is the text on stdin (one trailing newline or surrounding blanks dropped); its UTF-8 bytes are the key. */
    static byte[] readSecret(InputStream in) {
        byte[] raw;
        try {
            raw = in.readNBytes(MAX_SECRET_BYTES + 1);
        } catch (IOException e) {
            throw new UsageException("cannot read the secret from stdin: " + e.getMessage());
        }
        if (raw.length > MAX_SECRET_BYTES) throw new UsageException("the secret on stdin is over " + MAX_SECRET_BYTES + " bytes");
        String secret = new String(raw, StandardCharsets.UTF_8).strip();
        if (secret.isEmpty()) throw new UsageException("no secret on stdin (pipe the credential's secret into --secret-stdin)");
        if (secret.lines().count() > 1) throw new UsageException("the secret on stdin must be one line");
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
