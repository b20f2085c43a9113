package dev.yantra.round.port;

import dev.yantra.signing.RequestSigner;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Interim: reads game_sessions by SHA-256 hex of the token until the operator feature's SessionStore is merged. */
public final class SqlSessionDirectory implements SessionDirectory {
    private static final int MAX_TOKEN_CHARS = 512;
    private final JdbcClient jdbc;

    public SqlSessionDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static String tokenHash(String token) {
        return RequestSigner.sha256Hex(token.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<PlaySession> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank() || bearerToken.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT id, operator_id, player_ref, game_code, currency, mode, status, expires_at, demo_balance_micro
                  FROM game_sessions WHERE token_hash = :h""")
                .param("h", tokenHash(bearerToken.trim()))
                .query((rs, n) -> new PlaySession(rs.getObject("id", UUID.class), rs.getObject("operator_id", UUID.class),
                        rs.getString("player_ref"), rs.getString("game_code"), rs.getString("currency"),
                        rs.getString("mode"), rs.getString("status"), rs.getTimestamp("expires_at").toInstant(),
                        (Long) rs.getObject("demo_balance_micro")))
                .optional();
    }
}
