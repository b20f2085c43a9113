package dev.yantra.backup;

import dev.yantra.config.UsageException;
import dev.yantra.db.DatabaseUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Map;

/**
 * One PostgreSQL database as the libpq tools address it. pg_dump and pg_restore get it through PG* environment
 * variables, never the command line, so the password shows in no process list.
 */
record PgTarget(String host, int port, String database, String user, String password, String sslMode) {

    static PgTarget of(DatabaseUrl connection) {
        String jdbc = connection.jdbcUrl();
        if (!jdbc.startsWith("jdbc:postgresql://")) throw new UsageException("not a PostgreSQL JDBC URL: " + jdbc);
        URI uri;
        try {
            uri = new URI(jdbc.substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            throw new UsageException("cannot read the database URL: " + e.getReason());
        }
        Map<String, String> query = query(uri.getRawQuery());
        String user = connection.user() != null ? connection.user() : query.get("user");
        String password = connection.password() != null ? connection.password() : query.get("password");
        String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new PgTarget(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), db, user, password, query.get("sslmode"));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) out.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The same server, another database (the scratch database of {@code backup verify}). */
    PgTarget withDatabase(String name) {
        return new PgTarget(host, port, name, user, password, sslMode);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (sslMode == null ? "" : "?sslmode=" + sslMode);
    }

    /** PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE for a child process. */
    void applyTo(Map<String, String> env) {
        env.put("PGHOST", host);
        env.put("PGPORT", String.valueOf(port));
        env.put("PGDATABASE", database);
        if (user != null) env.put("PGUSER", user);
        if (password != null && !password.isEmpty()) env.put("PGPASSWORD", password);
        if (sslMode != null) env.put("PGSSLMODE", sslMode);
        env.put("PGCONNECT_TIMEOUT", "10");
    }

    @Override
    public String toString() {
        return host + ":" + port + "/" + database;
    }
}
