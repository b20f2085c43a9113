package dev.yantra.lottery.player;

import dev.yantra.api.ApiException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password reset by a one-time code: a request stores a fresh 6-digit code (only its hash; earlier codes of the
 * player die) and queues it in the outbox in the same transaction; a confirm with the right code within
 * {@link #CODE_TTL} sets the new password and revokes every refresh token. A code survives at most
 * {@link #MAX_TRIES} wrong guesses, so guessing one of 10^6 codes is hopeless.
 */
public class PasswordReset {
    public static final Duration CODE_TTL = Duration.ofMinutes(15);
    static final int MAX_TRIES = 5;
    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PlayerAccounts accounts;
    private final RefreshTokens refreshTokens;
    private final NotificationOutbox outbox;
    private final Clock clock;

    public PasswordReset(JdbcClient jdbc, TransactionTemplate tx, PlayerAccounts accounts, RefreshTokens refreshTokens,
                         NotificationOutbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Queues a code for the account of {@code e164}, if there is one (the caller answers the same either way). */
    public void request(String e164, Locale language) {
        Optional<PlayerAccounts.Player> player = accounts.byPhone(e164);
        if (player.isEmpty() || !player.get().active()) return;
        UUID userId = player.get().id();
        String code = String.format("%06d", random.nextInt(1_000_000));
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            jdbc.sql("UPDATE password_reset_codes SET used_at = ? WHERE user_id = ? AND used_at IS NULL")
                    .params(Timestamp.from(now), userId).update();
            jdbc.sql("""
                            INSERT INTO password_reset_codes (id, user_id, code_hash, expires_at, created_at)
                            VALUES (?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), userId, hash(userId, code), Timestamp.from(now.plus(CODE_TTL)), Timestamp.from(now))
                    .update();
            outbox.enqueue(userId, "sms", e164, "password_reset", body(code, language));
        });
        outbox.deliverPending();
    }

    /** Sets the new password when {@code code} is the player's live code; else 400 {@code invalid_reset_code}. */
    public void confirm(String e164, String code, String newPassword) {
        PlayerAccounts.checkPasswordShape(newPassword);
        PlayerAccounts.Player player = accounts.byPhone(e164).orElseThrow(PasswordReset::invalid);
        boolean ok = Boolean.TRUE.equals(tx.execute(status -> {
            Instant now = clock.instant();
            Optional<UUID> live = jdbc.sql("""
                            SELECT id FROM password_reset_codes
                            WHERE user_id = ? AND used_at IS NULL AND expires_at > ? AND attempts < ?
                            ORDER BY created_at DESC LIMIT 1 FOR UPDATE""")
                    .params(player.id(), Timestamp.from(now), MAX_TRIES).query(UUID.class).optional();
            if (live.isEmpty()) return false;
            byte[] stored = jdbc.sql("SELECT code_hash FROM password_reset_codes WHERE id = ?").param(live.get()).query(byte[].class).single();
            if (code == null || code.length() > 16 || !MessageDigest.isEqual(stored, hash(player.id(), code.trim()))) {
                jdbc.sql("UPDATE password_reset_codes SET attempts = attempts + 1 WHERE id = ?").param(live.get()).update();
                return false;
            }
            jdbc.sql("UPDATE password_reset_codes SET used_at = ? WHERE id = ?").params(Timestamp.from(now), live.get()).update();
            accounts.changePassword(player.id(), newPassword);
            refreshTokens.revokeAll(player.id());
            return true;
        }));
        if (!ok) throw invalid();
    }

    private static ApiException invalid() {
        return PlayerApiErrors.of(400, "invalid_reset_code");
    }

    private static byte[] hash(UUID userId, String code) {
        return RefreshTokens.sha256(userId + ":" + code);
    }

    private static String body(String code, Locale language) {
        long minutes = CODE_TTL.toMinutes();
        return "es".equals(language.getLanguage())
                ? "Su código para restablecer la contraseña es " + code + ". Vence en " + minutes + " minutos."
                : "Your password reset code is " + code + ". It expires in " + minutes + " minutes.";
    }
}
