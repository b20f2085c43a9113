package dev.yantra.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of a data dir ($YANTRA_DATA_DIR/pg). Starts one, or adopts the postmaster that
 * already runs there — a running server's (when the CLI connects) or an orphan left by {@code kill -9}
 * (the JVM died, the postmaster did not). Adopting is what makes a restart after a crash just work.
 */
public final class EmbeddedPostgresHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresHost.class);
    public static final String DATABASE = "yantra";

    private final EmbeddedPostgres started;   // null when we adopted a running postmaster
    private final long adoptedPid;
    private final int port;
    private final AtomicBoolean stopped = new AtomicBoolean();
    /**
     * Stops a postmaster we started when the JVM exits (a CLI command interrupted with Ctrl-C). zonky's own hook is
     * off: it stopped Postgres in parallel with a node's drain, which then failed with "terminating connection due
     * to administrator command". A node removes this hook and stops Postgres itself, after draining.
     */
    private final Thread stopOnExit;

    private EmbeddedPostgresHost(EmbeddedPostgres started, long adoptedPid, int port) {
        this.started = started;
        this.adoptedPid = adoptedPid;
        this.port = port;
        this.stopOnExit = started == null ? null : new Thread(() -> close(false), "embedded-postgres-stop");
        if (stopOnExit != null) Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** The caller stops Postgres in its own shutdown sequence (after draining); the exit hook must not race it. */
    public void shutdownHandledByCaller() {
        if (stopOnExit == null) return;
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: hooks run anyway
        }
    }

    public static EmbeddedPostgresHost startOrAdopt(Path pgDir) throws IOException {
        Files.createDirectories(pgDir);
        Optional<RunningPostmaster> running = RunningPostmaster.of(pgDir);
        if (running.isPresent() && running.get().answers()) {
            log.info("adopting running embedded postgres pid={} port={}", running.get().pid(), running.get().port());
            return new EmbeddedPostgresHost(null, running.get().pid(), running.get().port());
        }
        running.ifPresent(RunningPostmaster::stop);
        EmbeddedPgVersion.requireCompatible(pgDir, EmbeddedPgVersion.embeddedMajor());
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(stablePort(pgDir))
                .setDataDirectory(pgDir.toFile())
                .setCleanDataDirectory(false)
                .setServerConfig("timezone", "UTC")
                .setServerConfig("max_connections", "200")
                .setServerConfig("unix_socket_directories", "")
                // The library's defaults are for throwaway test databases (synchronous_commit off): a commit the
                // wallet has already acted on could vanish after a power loss. serve and demo keep every commit.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(Duration.ofSeconds(30))
                .setRegisterShutdownHook(false)
                .start();
        EmbeddedPostgresHost host = new EmbeddedPostgresHost(pg, -1, pg.getPort());
        host.createDatabaseIfMissing();
        return host;
    }

    /**
     * The same port across restarts (kept in pg.port beside the data), so a client's URL stays valid and a
     * pool reconnects by itself when the database comes back.
     */
    static int stablePort(Path pgDir) throws IOException {
        Path file = pgDir.resolveSibling("pg.port");
        if (Files.exists(file)) {
            try {
                int port = Integer.parseInt(Files.readString(file).trim());
                if (portFree(port)) return port;
            } catch (NumberFormatException ignored) {
                // rewrite below
            }
        }
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(file, port + "\n");
        return port;
    }

    private static boolean portFree(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    public String user() {
        return "postgres";
    }

    private void createDatabaseIfMissing() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
             var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            check.setString(1, DATABASE);
            if (!check.executeQuery().next()) {
                c.createStatement().execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE + " in embedded postgres: " + e.getMessage(), e);
        }
    }

    /** Stops the postmaster if we started it; an adopted one is stopped only when {@code stopAdopted}. */
    public void close(boolean stopAdopted) {
        try {
            if (started != null) {
                if (stopped.compareAndSet(false, true)) started.close();   // once: the exit hook may come second
            } else if (stopAdopted && adoptedPid > 0) {
                ProcessHandle.of(adoptedPid).ifPresent(p -> RunningPostmaster.stopPid(p));
            }
        } catch (IOException e) {
            log.warn("embedded postgres did not stop cleanly: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        close(false);
    }

    /** What postmaster.pid says: line 1 the pid, line 4 the port. */
    record RunningPostmaster(long pid, int port) {
        static Optional<RunningPostmaster> of(Path pgDir) {
            Path pidFile = pgDir.resolve("postmaster.pid");
            try {
                if (!Files.exists(pidFile)) {
                    return Optional.empty();
                }
                List<String> lines = Files.readAllLines(pidFile);
                if (lines.size() < 4) {
                    return Optional.empty();
                }
                long pid = Long.parseLong(lines.get(0).trim());
                int port = Integer.parseInt(lines.get(3).trim());
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                return alive ? Optional.of(new RunningPostmaster(pid, port)) : Optional.empty();
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        boolean answers() {
            try (Connection c = DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + port + "/postgres?connectTimeout=2", "postgres", "")) {
                return c.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        }

        void stop() {
            ProcessHandle.of(pid).ifPresent(RunningPostmaster::stopPid);
        }

        /** SIGINT is postgres' "fast" shutdown (SIGTERM would wait for every client to leave); wait, then insist. */
        static void stopPid(ProcessHandle p) {
            log.warn("stopping embedded postmaster pid={}", p.pid());
            try {
                new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
            } catch (IOException | InterruptedException e) {
                p.destroy();
            }
            try {
                p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }
}
