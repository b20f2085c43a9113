package dev.yantra.play;

import dev.yantra.signing.RequestSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the operator's launch asked of the page: the player's language and the lobby to return to. Read by the
 * session's id while it plays, and by its token once it ended, so a terminated or expired session still ends on a
 * screen in the player's language with the way back to the lobby. Only an absolute http(s) returnUrl is offered:
 * anything else (a javascript: URL, a relative path) would make the lobby button a link we never meant.
 */
public final class Launches {
    /** How a session launched; {@code status} is ACTIVE, TERMINATED, or EXPIRED (its time ran out). */
    public record Launch(String lang, String returnUrl, String status) {
    }

    private final JdbcClient jdbc;

    public Launches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Launch> ofSession(UUID sessionId) {
        return jdbc.sql("SELECT lang, return_url, status, expires_at <= now() AS expired FROM game_sessions WHERE id = ?")
                .param(sessionId).query(Launches::map).optional();
    }

    /** The launch behind a bearer token, whatever its session's status; empty for a token no session has. */
    public Optional<Launch> ofToken(String token) {
        if (token == null || token.isBlank() || token.length() > 128) return Optional.empty();
        String hash = RequestSigner.sha256Hex(token.trim().getBytes(StandardCharsets.US_ASCII));
        return jdbc.sql("SELECT lang, return_url, status, expires_at <= now() AS expired FROM game_sessions WHERE token_hash = ?")
                .param(hash).query(Launches::map).optional();
    }

    private static Launch map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String status = rs.getString("status");
        if ("ACTIVE".equals(status) && rs.getBoolean("expired")) status = "EXPIRED";
        return new Launch(language(rs.getString("lang")), lobby(rs.getString("return_url")), status);
    }

    /** The page's languages; any other tag (or none) plays in English. "si-LK" is Sinhala. */
    static String language(String lang) {
        if (lang == null) return "en";
        String primary = lang.trim().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return "si".equals(primary) ? "si" : "en";
    }

    static String lobby(String returnUrl) {
        if (returnUrl == null || returnUrl.isBlank()) return null;
        try {
            URI u = URI.create(returnUrl.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && u.getHost() != null ? u.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
