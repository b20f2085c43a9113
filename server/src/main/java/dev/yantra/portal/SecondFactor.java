package dev.yantra.portal;

import dev.yantra.admin.AdminAudit;
import dev.yantra.signing.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Owns portal users' second factor: the TOTP secret (sealed with the master key, bound to the user's id), its
 * enrolment (a pending secret becomes the user's only after a valid code from it), the spent-step guard against a
 * replayed code, and the ten single-use recovery codes handed out at enrolment.
 */
public final class SecondFactor {
    public static final int RECOVERY_CODES = 10;
    public static final String ISSUER = "Yantra";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Supplier<SecretBox> box;
    private final AdminAudit audit;
    private final Clock clock;

    public SecondFactor(JdbcClient jdbc, TransactionTemplate tx, Supplier<SecretBox> box, AdminAudit audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.box = box;
        this.audit = audit;
        this.clock = clock;
    }

    /** The secret being enrolled: the one already pending (a reloaded page shows the same), or a new one. */
    public String pendingSecret(UUID userId) {
        String sealed = jdbc.sql("SELECT totp_pending FROM portal_users WHERE id = ?").param(userId).query(String.class).optional().orElse(null);
        if (sealed != null) return open(userId, sealed);
        String secret = Totp.newSecret();
        int rows = jdbc.sql("UPDATE portal_users SET totp_pending = ? WHERE id = ? AND totp_sealed IS NULL")
                .params(seal(userId, secret), userId).update();
        if (rows != 1) throw new IllegalStateException("this user already has a second factor; an admin must reset it first");
        return secret;
    }

    /**
     * Confirms enrolment with a code of the pending secret: the secret becomes the user's, the code's step is spent,
     * and ten recovery codes are returned (the only time they are shown). Empty when the code is wrong.
     */
    public List<String> confirm(UUID userId, String username, String code) {
        String sealed = jdbc.sql("SELECT totp_pending FROM portal_users WHERE id = ? AND totp_sealed IS NULL").param(userId)
                .query(String.class).optional().orElse(null);
        if (sealed == null) return List.of();
        OptionalLong step = Totp.matchingStep(open(userId, sealed), code, clock.instant(), 0);
        if (step.isEmpty()) return List.of();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) codes.add(newRecoveryCode());
        tx.executeWithoutResult(s -> {
            int rows = jdbc.sql("""
                            UPDATE portal_users SET totp_sealed = totp_pending, totp_pending = NULL, totp_last_step = ?
                            WHERE id = ? AND totp_sealed IS NULL AND totp_pending = ?""")
                    .params(step.getAsLong(), userId, sealed).update();
            if (rows != 1) throw new IllegalStateException("enrolment changed under us (" + rows + " rows); start again");
            jdbc.sql("DELETE FROM portal_recovery_codes WHERE user_id = ?").param(userId).update();
            for (String c : codes) {
                jdbc.sql("INSERT INTO portal_recovery_codes (user_id, code_hash) VALUES (?, ?)").params(userId, hash(c)).update();
            }
            audit.record("portal:" + username, "portal.user.enrol-mfa", "portal_user:" + username, "none", "totp", null);
        });
        return codes;
    }

    /** A second factor set up at once, without a code round trip: what the CLI's --with-totp and the demo print. */
    public record Enrolment(String secret, List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "Enrolment[redacted]";
        }
    }

    /**
     * Enrols a user's second factor directly (the CLI, by someone with database access: the secret is printed to
     * them once). Refused when the user already has one.
     */
    public Enrolment enrolNow(UUID userId, String username, String by) {
        AdminAudit.requireAuthor(by);
        String secret = Totp.newSecret();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) codes.add(newRecoveryCode());
        tx.executeWithoutResult(s -> {
            int rows = jdbc.sql("UPDATE portal_users SET totp_sealed = ?, totp_pending = NULL WHERE id = ? AND totp_sealed IS NULL")
                    .params(seal(userId, secret), userId).update();
            if (rows != 1) throw new dev.yantra.config.UsageException("portal user '" + username + "' already has a second factor (reset-mfa first)");
            jdbc.sql("DELETE FROM portal_recovery_codes WHERE user_id = ?").param(userId).update();
            for (String c : codes) {
                jdbc.sql("INSERT INTO portal_recovery_codes (user_id, code_hash) VALUES (?, ?)").params(userId, hash(c)).update();
            }
            audit.record(by, "portal.user.enrol-mfa", "portal_user:" + username, "none", "totp", null);
        });
        return new Enrolment(secret, codes);
    }

    /** The step of a valid, unspent TOTP code for an enrolled user; empty otherwise. Does not spend it. */
    public OptionalLong check(PortalUsers.Account account, String code) {
        if (account.totpSealed() == null) return OptionalLong.empty();
        return Totp.matchingStep(open(account.user().id(), account.totpSealed()), code, clock.instant(), account.totpLastStep());
    }

    /** Spends a recovery code; true when it was the user's and unused. */
    public boolean useRecoveryCode(PortalUser user, String code) {
        if (code == null || !code.matches("[a-z2-7]{5}-[a-z2-7]{5}")) return false;
        int rows = jdbc.sql("UPDATE portal_recovery_codes SET used_at = now() WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")
                .params(user.id(), hash(code)).update();
        if (rows > 1) throw new IllegalStateException("recovery code spent " + rows + " times");
        if (rows == 1) audit.record(user.changedBy(), "portal.user.recovery-code", "portal_user:" + user.username(), null, "used", null);
        return rows == 1;
    }

    public int unusedRecoveryCodes(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM portal_recovery_codes WHERE user_id = ? AND used_at IS NULL").param(userId).query(Integer.class).single();
    }

    /** 50 random bits as two groups of five base32 letters, lower case: easy to read out and type. */
    static String newRecoveryCode() {
        byte[] b = new byte[7];
        RANDOM.nextBytes(b);
        String s = Totp.base32(b).toLowerCase(java.util.Locale.ROOT).substring(0, 10);
        return s.substring(0, 5) + "-" + s.substring(5);
    }

    static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String seal(UUID userId, String secret) {
        return box.get().seal(secret.getBytes(StandardCharsets.UTF_8), "portal_users.totp:" + userId);
    }

    private String open(UUID userId, String sealed) {
        return new String(box.get().open(sealed, "portal_users.totp:" + userId), StandardCharsets.UTF_8);
    }
}
