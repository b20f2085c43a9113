package dev.yantra.bench;

import dev.yantra.cli.ExitCodes;
import dev.yantra.config.UsageException;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.demowallet.DemoWallet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code yantra bench wallet} (hidden): the demo wallet of {@code yantra bench bets} and {@code bench jobs} as a
 * process of its own, on the database DATABASE_URL names (the bench gives it a Postgres instance of its own), so
 * neither its HTTP server's CPU nor its ledger's statements are billed to the node. The same {@link DemoWallet} as
 * {@code yantra demo-wallet serve}, with the keys read from a file (raw HMAC secrets do not fit a command line as
 * text), a pool size of the bench's choosing and a balance no run exhausts. Until SIGTERM.
 */
@Command(name = "wallet", hidden = true, mixinStandardHelpOptions = true,
        description = "The demo wallet process of 'yantra bench bets' and 'bench jobs'.")
public class BenchWalletCommand implements Callable<Integer> {
    @Option(names = "--port", required = true, description = "Wallet port on 127.0.0.1") int port;
    @Option(names = "--keys", required = true, description = "File of 'KID BASE64_SECRET' lines") Path keysFile;
    @Option(names = "--pool", description = "Connections to its database (default 16)") int pool = 16;

    @Override
    public Integer call() throws Exception {
        Map<String, byte[]> secrets = new HashMap<>();
        for (String line : Files.readAllLines(keysFile)) {
            if (line.isBlank()) continue;
            String[] f = line.trim().split(" ", 2);
            if (f.length != 2) throw new UsageException("--keys: a line must be 'KID BASE64_SECRET'");
            secrets.put(f[0], Base64.getDecoder().decode(f[1]));
        }
        YantraEnv env = YantraEnv.fromSystem();
        if (env.databaseUrl().isEmpty()) throw new UsageException("bench wallet: DATABASE_URL must name the wallet's own database");
        Database db = Database.open(env, "yantra-bench-wallet", pool, null);
        DemoWallet wallet = DemoWallet.start(db.dataSource(), port, 0, secrets, dev.yantra.config.NodeClock.system(), Long.MAX_VALUE / 4);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            wallet.close();
            db.close();
            stopped.countDown();
        }, "bench-wallet-shutdown"));
        System.out.println("bench wallet: callback URL " + wallet.callbackUrl() + ", " + secrets.size() + " key(s)");
        stopped.await();
        return ExitCodes.OK;
    }
}
