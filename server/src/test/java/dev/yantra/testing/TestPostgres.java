package dev.yantra.testing;

import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * Real PostgreSQL for tests: one embedded server per test JVM, one migrated template database, and a fresh
 * copy of it for every caller (CREATE DATABASE ... TEMPLATE is a file copy: milliseconds, not a migration).
 *
 * <p>Every session runs in a zone that is not UTC ({@link #SESSION_ZONE}, +05:30, a half-hour offset), so a query
 * or a conversion that silently depends on the session's zone (a {@code date_trunc} or {@code ::date} of a
 * timestamptz, a timestamp read without its offset) fails here instead of in a shop whose server is not on UTC.
 * The JDBC driver opens each session in the JVM's default zone, so that is the zone set; the server's own default
 * is the same, for sessions opened by other clients.
 */
public final class TestPostgres {
    public static final TimeZone SESSION_ZONE = TimeZone.getTimeZone("Asia/Colombo");

    static {
        TimeZone.setDefault(SESSION_ZONE);
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("yantra-test-pg");
                server = EmbeddedPostgres.builder()
                        .setDataDirectory(dir.toFile())
                        .setCleanDataDirectory(true)
                        .setServerConfig("timezone", SESSION_ZONE.getID())
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
                execute("CREATE DATABASE yantra_template");
                Flyway.configure()
                        .dataSource(url("yantra_template"), "postgres", "")
                        .locations("classpath:db/migration")
                        .outOfOrder(true)
                        .load().migrate();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    // Shutdown hooks run side by side: a node a test left running drains in its own hook
                    // ("yantra-shutdown", ServerLauncher) and needs the database meanwhile, or the drain waits out
                    // the pool's connection timeout and the fork outlives surefire's exit allowance.
                    awaitNodeDrains();
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the JVM is ending anyway
                    }
                }));
            } catch (IOException e) {
                throw new IllegalStateException("cannot start embedded postgres for tests", e);
            }
        }
        return server;
    }

    // a node started by ServerLauncher, and the Spring test contexts the context cache closes at exit (their table
    // engines and job runners drain too)
    private static final java.util.Set<String> NODE_HOOKS = java.util.Set.of("yantra-shutdown",
            "SpringApplicationShutdownHook", "SpringContextShutdownHook");

    private static void awaitNodeDrains() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!NODE_HOOKS.contains(t.getName()) || t == Thread.currentThread()) continue;
            try {
                t.join(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String url(String database) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database + "?user=postgres";
    }

    private static void execute(String sql) {
        try (Connection c = server().getPostgresDatabase().getConnection()) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The port the shared test server listens on. */
    public static int port() {
        return server().getPort();
    }

    /** A new, migrated, empty database; returns its JDBC URL (usable as DATABASE_URL). */
    public static String freshDatabaseUrl() {
        String name = "yantra_t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute("CREATE DATABASE " + name + " TEMPLATE yantra_template");
        return url(name);
    }

    /** An environment pointing at a fresh database, with a fixed test master key and admin token. */
    public static YantraEnv freshEnv(int port) {
        Map<String, String> vars = new HashMap<>();
        vars.put("DATABASE_URL", freshDatabaseUrl());
        vars.put("YANTRA_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        vars.put("YANTRA_ADMIN_TOKENS", "test-admin:test-admin-token");
        vars.put("JWT_SECRET", "test-jwt-secret-of-at-least-32-bytes-long");
        vars.put("PORT", String.valueOf(port));
        return YantraEnv.from(vars);
    }

    /** A migrated database opened like the CLI opens it. */
    public static Database freshDatabase() {
        Database db = Database.open(freshEnv(1), "yantra-test", 8, null);
        db.migrate();
        return db;
    }
}
