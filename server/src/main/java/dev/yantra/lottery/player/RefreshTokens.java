package dev.yantra.lottery.player;

import dev.yantra.db.Rows;
import dev.yantra.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refresh tokens: opaque random strings (prefix {@value #PREFIX}, never a JWT, so one can never pass for an
 * access token), stored only as their SHA-256 and valid {@link #TTL}. Each use rotates: the presented token is
 * marked rotated and a new one of the same family is returned. Presenting a rotated token again means a copy
 * exists somewhere else, so the whole family is revoked and both holders must log in again.
 */
@Component
public class RefreshTokens {
    public static final Duration TTL = Duration.ofDays(30);
    static final String PREFIX = "yrt_";
    private static final int RANDOM_BYTES = 32;
    private static final int MAX_TOKEN_CHARS = 128;
    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public RefreshTokens(JdbcClient jdbc, Database db, Clock clock) {
        this.jdbc = jdbc;
        this.tx = db.tx();
        this.clock = clock;
    }

    /** What a presented refresh token led to. */
    public sealed interface Rotation {
        record Rotated(UUID userId, String refreshToken) implements Rotation {
        }

        /** Unknown, expired or revoked. */
        record Refused() implements Rotation {
        }

        /** Already rotated: the family has now been revoked. */
        record Reused(UUID userId) implements Rotation {
        }
    }

    /** A new token starting a new family (a login or a registration). */
    public String issue(UUID userId) {
        return insert(userId, UUID.randomUUID());
    }

    /** Rotates {@code token} in one transaction; a reuse's revocation commits before the caller refuses. */
    public Rotation rotate(String token) {
        if (!wellFormed(token)) return new Rotation.Refused();
        byte[] hash = sha256(token);
        return tx.execute(status -> {
            Optional<Stored> found = jdbc.sql("""
                            SELECT id, family_id, user_id, expires_at, rotated_at, revoked_at
                            FROM player_refresh_tokens WHERE token_hash = ? FOR UPDATE""")
                    .param(hash)
                    .query((rs, n) -> new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) != null, rs.getTimestamp(6) != null))
                    .optional();
            if (found.isEmpty()) return new Rotation.Refused();
            Stored s = found.get();
            Instant now = clock.instant();
            if (s.revoked) return new Rotation.Refused();
            if (s.rotated) {
                revokeFamily(s.familyId, now);
                return new Rotation.Reused(s.userId);
            }
            if (!s.expiresAt.isAfter(now)) return new Rotation.Refused();
            int rows = jdbc.sql("UPDATE player_refresh_tokens SET rotated_at = ? WHERE id = ? AND rotated_at IS NULL AND revoked_at IS NULL")
                    .params(Timestamp.from(now), s.id).update();
            Rows.exactlyOne(rows, "rotation of a locked token");
            return new Rotation.Rotated(s.userId, insert(s.userId, s.familyId));
        });
    }

    /** Logout: revokes the family of {@code token}; false when the token is unknown. */
    public boolean revoke(String token) {
        if (!wellFormed(token)) return false;
        Optional<UUID> family = jdbc.sql("SELECT family_id FROM player_refresh_tokens WHERE token_hash = ?")
                .param(sha256(token)).query(UUID.class).optional();
        family.ifPresent(f -> revokeFamily(f, clock.instant()));
        return family.isPresent();
    }

    /** Every token of the player (after a password reset). */
    public int revokeAll(UUID userId) {
        return jdbc.sql("UPDATE player_refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), userId).update();
    }

    private record Stored(UUID id, UUID familyId, UUID userId, Instant expiresAt, boolean rotated, boolean revoked) {
    }

    private void revokeFamily(UUID familyId, Instant now) {
        jdbc.sql("UPDATE player_refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(now), familyId).update();
    }

    private String insert(UUID userId, UUID familyId) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        int rows = jdbc.sql("""
                        INSERT INTO player_refresh_tokens (id, family_id, user_id, token_hash, expires_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), familyId, userId, sha256(token), Timestamp.from(now.plus(TTL)), Timestamp.from(now))
                .update();
        Rows.exactlyOne(rows, "refresh token insert");
        return token;
    }

    private static boolean wellFormed(String token) {
        return token != null && token.startsWith(PREFIX) && token.length() <= MAX_TOKEN_CHARS;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
