package dev.yantra.session;

import dev.yantra.signing.RequestSigner;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Owns game_sessions: creating a player session for an operator, reading and terminating it, and
 * {@link #authenticate} for the player endpoints (/v1/play/*). The bearer token is 32 random bytes
 * (base64url); only its SHA-256 is stored, so a database dump cannot be replayed as players.
 */
@Component
public class SessionStore {
    public static final Duration SESSION_TTL = Duration.ofHours(12);
    public static final long DEMO_BALANCE_MICRO = 1_000_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient jdbc;

    public SessionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the money path needs about the player behind a bearer token. */
    public record PlayerSession(UUID id, UUID operatorId, String playerRef, String gameCode, String currency, String mode,
                                String status, Instant expiresAt, Long demoBalanceMicro, Instant createdAt,
                                Instant terminatedAt, String terminatedReason) {
        public boolean demo() {
            return "demo".equals(mode);
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sessionId", id.toString());
            m.put("operatorId", operatorId.toString());
            m.put("playerRef", playerRef);
            m.put("gameCode", gameCode);
            m.put("currency", currency);
            m.put("mode", mode);
            m.put("status", status);
            m.put("expiresAt", expiresAt.toString());
            m.put("createdAt", createdAt.toString());
            m.put("terminatedAt", terminatedAt == null ? null : terminatedAt.toString());
            m.put("terminatedReason", terminatedReason);
            if (demoBalanceMicro != null) m.put("demoBalanceMicro", demoBalanceMicro.toString());
            return m;
        }
    }

    public record NewSession(UUID operatorId, UUID requestUuid, String playerRef, String gameCode, String currency,
                             String lang, String country, String mode, String returnUrl, String clientSeed,
                             String kid, String sourceIp) {
    }

    public record Created(PlayerSession session, String token) {
    }

    public Created create(NewSession n) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        UUID id = UUID.randomUUID();
        boolean demo = "demo".equals(n.mode());
        jdbc.sql("""
                        INSERT INTO game_sessions (id, operator_id, request_uuid, player_ref, game_code, currency, lang, country, mode,
                                                   return_url, client_seed, token_hash, demo_balance_micro, kid, source_ip, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))""")
                .params(id, n.operatorId(), n.requestUuid(), n.playerRef(), n.gameCode(), n.currency(), n.lang(), n.country(),
                        n.mode(), n.returnUrl(), n.clientSeed(), tokenHash(token), demo ? DEMO_BALANCE_MICRO : null, n.kid(),
                        n.sourceIp(), SESSION_TTL.toSeconds())
                .update();
        return new Created(find(n.operatorId(), id).orElseThrow(), token);
    }

    /** The active, unexpired session of a bearer token (the "Bearer " prefix may be included). */
    public Optional<PlayerSession> authenticate(String bearerToken) {
        if (bearerToken == null) return Optional.empty();
        String token = bearerToken.startsWith("Bearer ") ? bearerToken.substring(7).trim() : bearerToken.trim();
        if (token.isEmpty() || token.length() > 128) return Optional.empty();
        return jdbc.sql("SELECT * FROM game_sessions WHERE token_hash = ? AND status = 'ACTIVE' AND expires_at > now()")
                .param(tokenHash(token)).query(SessionStore::map).optional();
    }

    /** An operator's own session; empty for another operator's. */
    public Optional<PlayerSession> find(UUID operatorId, UUID sessionId) {
        return jdbc.sql("SELECT * FROM game_sessions WHERE id = ? AND operator_id = ?")
                .params(sessionId, operatorId).query(SessionStore::map).optional();
    }

    /** Ends an active session; a session already ended stays as it was (returns false). */
    public boolean terminate(UUID operatorId, UUID sessionId, String reason) {
        return jdbc.sql("""
                        UPDATE game_sessions SET status = 'TERMINATED', terminated_reason = ?, terminated_at = now()
                        WHERE id = ? AND operator_id = ? AND status = 'ACTIVE'""")
                .params(reason, sessionId, operatorId).update() == 1;
    }

    static String tokenHash(String token) {
        return RequestSigner.sha256Hex(token.getBytes(StandardCharsets.US_ASCII));
    }

    static PlayerSession map(ResultSet rs, int row) throws SQLException {
        Timestamp terminated = rs.getTimestamp("terminated_at");
        return new PlayerSession(rs.getObject("id", UUID.class), rs.getObject("operator_id", UUID.class), rs.getString("player_ref"),
                rs.getString("game_code"), rs.getString("currency"), rs.getString("mode"), rs.getString("status"),
                rs.getTimestamp("expires_at").toInstant(), (Long) rs.getObject("demo_balance_micro"),
                rs.getTimestamp("created_at").toInstant(), terminated == null ? null : terminated.toInstant(),
                rs.getString("terminated_reason"));
    }
}
