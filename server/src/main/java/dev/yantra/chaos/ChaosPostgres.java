package dev.yantra.chaos;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The run's own PostgreSQL: embedded, in the output directory, on a port fixed for the whole run so a restart
 * (the db-restart fault) comes back where the nodes' pools look for it. Commits are not flushed to disk (fsync
 * off): a restart here is always a clean shutdown, which writes everything, and the box is shared. With
 * DATABASE_URL the run uses that server instead and skips the faults that need to stop it.
 */
final class ChaosPostgres implements AutoCloseable {
    private final Path dir;
    private final int port;
    private volatile EmbeddedPostgres pg;

    private ChaosPostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static ChaosPostgres start(Path dir) throws IOException {
        Files.createDirectories(dir);
        ChaosPostgres p = new ChaosPostgres(dir, ChaosNode.freePort());
        p.startServer();
        return p;
    }

    private void startServer() throws IOException {
        pg = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dir.toFile())
                .setCleanDataDirectory(false)
                .setServerConfig("timezone", "UTC")
                .setServerConfig("max_connections", "300")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false)
                .start();
    }

    /** The JDBC URL of database {@code postgres} (the run creates its own database in it). */
    String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    /** Fast shutdown (every client cut off), as an operator's restart or a failover would do. */
    synchronized void stop() throws IOException {
        EmbeddedPostgres p = pg;
        pg = null;
        if (p != null) p.close();
    }

    synchronized void restart() throws IOException {
        if (pg == null) startServer();
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
