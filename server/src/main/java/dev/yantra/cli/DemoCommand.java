package dev.yantra.cli;

import dev.yantra.config.MasterKey;
import dev.yantra.config.UnavailableException;
import dev.yantra.config.YantraEnv;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demo.InterimDemoWallet;
import dev.yantra.server.ServerLauncher;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `yantra demo`: the embedded database, a demo operator wallet on DEMO_WALLET_PORT, a node, the demo operator with
 * one ketapola-dice table, and a player session whose /play URL is printed. Works on a fresh data dir and on
 * restart (provisioning is idempotent; each start prints a new session).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a node with the embedded database, a demo operator and its demo wallet, then print the /play URL.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:running (stops on Ctrl-C)", "64:bad arguments", "69:a port or the database is unavailable"})
public class DemoCommand implements Callable<Integer> {
    static final long DEMO_WALLET_BALANCE_MICRO = 100_000_000L;  // 1,000 LKR

    @Mixin
    DataDirOption data;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (env PORT, default 8080)")
    Integer port;

    @Option(names = "--player", paramLabel = "REF", description = "player reference of the printed session (default demo-player)")
    String player = "demo-player";

    @Override
    public Integer call() {
        YantraEnv env = data.env();
        if (port != null) env = env.withPort(port);
        byte[] key = MasterKey.resolve(env);
        InterimDemoWallet wallet;
        try {
            wallet = new InterimDemoWallet(env.demoWalletPort(), DemoProvisioner.walletSecret(key), DEMO_WALLET_BALANCE_MICRO);
        } catch (IOException e) {
            throw new UnavailableException("cannot listen on DEMO_WALLET_PORT " + env.demoWalletPort() + ": " + e.getMessage(), e);
        }
        ServerLauncher.Running running = ServerLauncher.start(env, null);
        Runtime.getRuntime().addShutdownHook(new Thread(wallet::close, "demo-wallet-stop"));
        DemoProvisioner provisioner = new DemoProvisioner(running.database().jdbc(), key);
        provisioner.provision(wallet.url(), null);
        String token = provisioner.createSession(player, "real", null, Duration.ofHours(24), Instant.now());
        System.out.println("Yantra demo is up.");
        System.out.println("  demo wallet:  " + wallet.url() + "  (each player starts with 1,000 LKR)");
        System.out.println("  play:         http://localhost:" + env.port() + "/play?session=" + token);
        System.out.println("  verify:       http://localhost:" + env.port() + "/verify");
        System.out.println("  health:       http://localhost:" + env.port() + "/readyz");
        return ExitCodes.OK;
    }
}
