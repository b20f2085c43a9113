package dev.yantra.bench;

import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo wallet as the benches' counterparty: a process of its own ({@code yantra bench wallet}) on an embedded
 * Postgres instance of its own (in {@code <data dir>/bench-wallet}), as an operator's wallet runs on the operator's
 * machines. So neither its HTTP server nor its ledger is billed to the node: the bench reads the wallet process's
 * CPU and its Postgres's CPU separately. Stopping it stops the process; the instance stops with this object.
 */
public final class WalletPeer implements AutoCloseable {
    private final Database database;
    private final BenchProcess process;
    private final Optional<CpuAccount> postgres;
    private final int port;

    private WalletPeer(Database database, BenchProcess process, int port) {
        this.database = database;
        this.process = process;
        this.port = port;
        this.postgres = CpuAccount.locate(database);
    }

    /**
     * Starts the instance and the process and waits until the wallet answers.
     *
     * @param keys the kid and HMAC secret of every operator whose calls it must accept
     */
    public static WalletPeer start(YantraEnv env, Path outDir, Map<String, byte[]> keys) throws IOException, SQLException, InterruptedException {
        Files.createDirectories(outDir);
        Database db = Database.open(env.withDataDir(env.dataDir().resolve("bench-wallet")).withDatabaseUrl(null), "yantra-bench", 2, null);
        try {
            Path keyFile = outDir.resolve("wallet-keys.txt");
            StringBuilder lines = new StringBuilder();
            keys.forEach((kid, secret) -> lines.append(kid).append(' ').append(Base64.getEncoder().encodeToString(secret)).append('\n'));
            Files.writeString(keyFile, lines);
            int port = BetsBench.freePort();
            BenchProcess p = BenchProcess.start("wallet", List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"),
                    List.of("bench", "wallet", "--port", String.valueOf(port), "--keys", keyFile.toString()),
                    Map.of("DATABASE_URL", BetsBench.jdbcUrlWithUser(db), "LOG_FORMAT", "json"), outDir, false);
            WalletPeer peer = new WalletPeer(db, p, port);
            try {
                p.awaitHttp200("http://127.0.0.1:" + port + "/admin/faults", Duration.ofMinutes(5));
            } catch (RuntimeException | InterruptedException e) {
                peer.close();
                throw e;
            }
            return peer;
        } catch (IOException | SQLException | RuntimeException e) {
            db.close(true);
            throw e;
        }
    }

    public String callbackUrl() {
        return "http://127.0.0.1:" + port + "/wallet";
    }

    /** CPU seconds the wallet process has used so far. */
    public double processCpuSeconds() {
        return process.cpuSeconds();
    }

    /** CPU seconds the wallet's Postgres has used so far; NaN when it cannot be read. */
    public double postgresCpuSeconds() {
        return postgres.map(a -> a.sample().postgresSeconds()).orElse(Double.NaN);
    }

    @Override
    public void close() {
        try {
            process.close();
        } finally {
            database.close(true);
        }
    }
}
