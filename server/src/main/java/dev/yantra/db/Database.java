package dev.yantra.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.yantra.config.UnavailableException;
import dev.yantra.config.YantraEnv;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one store: opens the embedded PostgreSQL of the data dir or the server DATABASE_URL names, migrates it
 * with Flyway, and hands out a pooled {@link JdbcClient}. Everything else (server, CLI, demo wallet) gets its
 * database from here, so there is one place that decides embedded vs external.
 */
public final class Database implements AutoCloseable {
    private final EmbeddedPostgresHost embedded;   // null with DATABASE_URL
    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private Database(EmbeddedPostgresHost embedded, HikariDataSource dataSource, String jdbcUrl, String user, String password) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * @param applicationName shows in pg_stat_activity, so an SRE sees which node holds which connection
     * @param registry        receives db_pool_wait_time_ms; null for short CLI runs
     */
    public static Database open(YantraEnv env, String applicationName, int poolSize, MeterRegistry registry) {
        EmbeddedPostgresHost host = null;
        String url;
        String user;
        String password;
        if (env.databaseUrl().isPresent()) {
            DatabaseUrl parsed = DatabaseUrl.parse(env.databaseUrl().get());
            url = parsed.jdbcUrl();
            user = parsed.user();
            password = parsed.password();
        } else {
            try {
                host = EmbeddedPostgresHost.startOrAdopt(env.dataDir().resolve("pg"));
            } catch (IOException | RuntimeException e) {
                throw new UnavailableException("cannot start the embedded database in " + env.dataDir().resolve("pg")
                        + ": " + rootMessage(e), e);
            }
            url = host.jdbcUrl();
            user = host.user();
            password = "";
        }
        probe(url, user, password);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) config.setUsername(user);
        if (password != null) config.setPassword(password);
        config.setPoolName("yantra");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(3000);
        config.setValidationTimeout(1000);
        config.setInitializationFailTimeout(-1);  // a database outage later must not stop the pool from recovering
        // no leak detection: it captures a stack trace and schedules a timer on every checkout (bench bets saw
        // 5,683 of them in a 20 s max phase); a connection held too long shows as db_pool_connections_active
        config.addDataSourceProperty("ApplicationName", applicationName);
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        if (registry != null) {
            config.setMetricsTrackerFactory(new PoolWaitMetrics(registry));
        }
        return new Database(host, new HikariDataSource(config), url, user, password);
    }

    private static void probe(String url, String user, String password) {
        Properties props = new Properties();
        if (user != null) props.setProperty("user", user);
        if (password != null) props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "5");
        try (Connection c = DriverManager.getConnection(url, props)) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new UnavailableException("database unreachable at " + DatabaseUrl.redact(url) + ": " + rootMessage(e), e);
        }
    }

    /** A fresh, unpooled connection with a short timeout: the readiness probe must not queue behind a busy pool. */
    public boolean answersWithin(int seconds) {
        Properties props = new Properties();
        if (user != null) props.setProperty("user", user);
        if (password != null) props.setProperty("password", password);
        props.setProperty("connectTimeout", String.valueOf(seconds));
        props.setProperty("socketTimeout", String.valueOf(seconds));
        props.setProperty("ApplicationName", "yantra-readiness");
        try (Connection c = DriverManager.getConnection(jdbcUrl, props)) {
            return c.isValid(seconds);
        } catch (SQLException e) {
            return false;
        }
    }

    public void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .outOfOrder(true)   // feature ranges (see V1) may land in any order
                .load()
                .migrate();
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** Transactions for code that runs outside Spring (the CLI); inside the server, Spring's bean is the same kind. */
    public TransactionTemplate tx() {
        return new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Where this database is, for tools that connect on their own (pg_dump, pg_restore): URL, user, password. */
    public DatabaseUrl connection() {
        return new DatabaseUrl(jdbcUrl, user, password);
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String describe() {
        return (embedded != null ? "embedded " : "") + DatabaseUrl.redact(jdbcUrl);
    }

    /** A node stops the embedded postmaster itself, after its drain: see EmbeddedPostgresHost#shutdownHandledByCaller. */
    public void shutdownHandledByCaller() {
        if (embedded != null) embedded.shutdownHandledByCaller();
    }

    /** Closes the pool; stops the embedded postmaster only when {@code stopEmbedded} (the server owns it). */
    public void close(boolean stopEmbedded) {
        dataSource.close();
        if (embedded != null) {
            embedded.close(stopEmbedded);
        }
    }

    /** The safe default: stops a postmaster we started, leaves one we adopted (a running server's) alone. */
    @Override
    public void close() {
        close(false);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
