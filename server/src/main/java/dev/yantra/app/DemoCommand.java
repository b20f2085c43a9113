package dev.yantra.app;

import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.MasterKey;
import dev.yantra.config.NodeClock;
import dev.yantra.config.UnavailableException;
import dev.yantra.config.YantraEnv;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demowallet.DemoWallet;
import java.util.Map;
import dev.yantra.server.ServerLauncher;
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
    @Mixin
    DataDirOption data;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (env PORT, default 8080)")
    Integer port;

    @Option(names = "--player", paramLabel = "REF", description = "player reference of the printed session (default demo-player)")
    String player = "demo-player";

    /** The secret the demo's Stripe stand-in signs its webhooks with, and the node verifies them with. */
    static final String DEMO_STRIPE_WEBHOOK_SECRET = "whsec_yantra_demo";

    @Override
    public Integer call() {
        YantraEnv env = data.env();
        if (port != null) env = env.withPort(port);
        if (env.publicBaseUrl().isEmpty()) env = env.withPublicBaseUrl("http://localhost:" + env.port());
        DemoAdminToken admin = DemoAdminToken.resolve(env);
        env = admin.env();
        byte[] key = MasterKey.resolve(env);
        // the Stripe stand-in first: card payments of this node go to it, and its webhooks come to our /webhooks/stripe
        int stripePort = dev.yantra.stripestandin.StripeStandinCommand.portFromEnv();
        dev.yantra.stripestandin.StripeStandin stripe;
        try {
            stripe = dev.yantra.stripestandin.StripeStandin.start(dev.yantra.stripestandin.StripeStandin.Config.defaults().withPort(stripePort)
                    .withWebhook("http://localhost:" + env.port() + "/webhooks/stripe", DEMO_STRIPE_WEBHOOK_SECRET));
        } catch (IllegalStateException e) {
            throw new UnavailableException("cannot start the Stripe stand-in on DEMO_STRIPE_PORT " + stripePort + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stripe::close, "stripe-standin-stop"));
        dev.yantra.stripestandin.StripeStandin demoStripe = stripe;
        ServerLauncher.Running running = ServerLauncher.start(env, gac -> gac.registerBean(dev.yantra.lottery.payments.StripeSettings.class,
                () -> dev.yantra.lottery.payments.StripeSettings.standIn(demoStripe.url(), demoStripe.secretKey(), DEMO_STRIPE_WEBHOOK_SECRET)));
        DemoWallet wallet;
        try {
            wallet = DemoWallet.start(running.database().dataSource(), env.demoWalletPort(),
                    Map.of(DemoProvisioner.OUTBOUND_KID, DemoProvisioner.walletSecret(key)));
        } catch (IllegalStateException e) {
            running.stop();
            throw new UnavailableException("cannot start the demo wallet on DEMO_WALLET_PORT " + env.demoWalletPort()
                    + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(wallet::close, "demo-wallet-stop"));
        DemoProvisioner provisioner = new DemoProvisioner(running.database().jdbc(), key);
        provisioner.provision(wallet.callbackUrl(), null);
        new dev.yantra.lottery.catalog.LotterySeed(running.database().jdbc()).seedDemo();
        String token = provisioner.createSession(player, "real", null, Duration.ofHours(24), NodeClock.system().instant());
        dev.yantra.demo.LotteryDemo.Started lottery;
        try {
            lottery = dev.yantra.demo.LotteryDemo.start(running, env.port(), dev.yantra.demobanca.DemoBancaCommand.portFromEnv());
        } catch (IllegalStateException e) {
            wallet.close();
            running.stop();
            throw new UnavailableException("cannot start the demo banca on DEMO_BANCA_PORT " + dev.yantra.demobanca.DemoBancaCommand.portFromEnv()
                    + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(lottery.banca()::close, "demo-banca-stop"));
        String lotteryId = dev.yantra.lottery.catalog.LotterySeed.RAPIDA;   // a draw every few minutes
        String base = "http://localhost:" + env.port();
        dev.yantra.portal.DemoPortalAdmin.Login portal = dev.yantra.portal.DemoPortalAdmin.ensure(
                running.context().getBean(dev.yantra.portal.PortalUsers.class), running.context().getBean(dev.yantra.portal.SecondFactor.class),
                env.dataDir());
        // Every URL printed here answers a GET; the peers' own endpoints take signed POSTs and are named, not linked.
        System.out.println("Yantra demo is up.");
        System.out.println("  play:           " + playUrl(env.port(), token));
        System.out.println("                  (player " + player + " of operator " + DemoProvisioner.OPERATOR_NAME
                + "; `./yantra bet list --player " + player + "` lists its bets)");
        System.out.println("  verify:         " + base + "/verify");
        System.out.println("  health:         " + base + "/health   metrics: " + base + "/metrics");
        System.out.println("  lotteries:      " + base + "/api/v1/lotteries");
        System.out.println("  admin API:      " + admin.describe());
        System.out.println("  portal:         " + base + "/portal/login   user " + portal.username() + "  password " + portal.password()
                + "  TOTP secret " + portal.totpSecret() + " (add it to an authenticator app; kept in the data dir)");
        System.out.println("  demo wallet:    faults " + wallet.adminUrl() + "/faults   (`./yantra demo-wallet faults --help`)");
        System.out.println("  demo banca:     health " + lottery.banca().url() + "/health   faults " + lottery.banca().adminUrl()
                + "/faults   (`./yantra demo-banca faults --help`)");
        System.out.println("  stripe stand-in: API base " + stripe.url() + "   faults " + stripe.adminUrl() + "/faults   (`./yantra stripe-standin faults --help`;"
                + " card plays: payment {\"method\":\"card\",\"paymentMethodId\":\"pm_card_visa\"})");
        System.out.println("  lottery player: phone " + lottery.phone() + "  password " + lottery.password());
        System.out.println("  buy a play:");
        System.out.println("  " + dev.yantra.demo.LotteryDemo.curl(env.port(), lotteryId));
        return ExitCodes.OK;
    }

    /** The table page for a session, as printed above (the browser test opens exactly this). */
    public static String playUrl(int port, String sessionToken) {
        return "http://localhost:" + port + "/play?session=" + sessionToken;
    }
}
