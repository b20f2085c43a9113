package dev.yantra.db;

import dev.yantra.config.UsageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * DATABASE_URL in either form docs/configuration.md allows: {@code postgres://user:pass@host:port/db} or a JDBC URL.
 * A malformed one is a usage error (exit 64), never a driver stack trace.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public static DatabaseUrl parse(String raw) {
        if (raw.startsWith("jdbc:postgresql://")) {
            return new DatabaseUrl(raw, null, null);
        }
        if (!raw.startsWith("postgres://") && !raw.startsWith("postgresql://")) {
            throw new UsageException("DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql://, was '" + redact(raw) + "'");
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new UsageException("DATABASE_URL is not a valid URL: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new UsageException("DATABASE_URL has no host: '" + redact(raw) + "'");
        }
        String path = uri.getRawPath();
        if (path == null || path.length() < 2) {
            throw new UsageException("DATABASE_URL names no database (expected postgres://user:pass@host:port/yantra)");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + path + query, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Never echo a password back, not even in an error. */
    static String redact(String raw) {
        return raw.replaceAll("://([^:/@]+):[^@]*@", "://$1:***@");
    }
}
