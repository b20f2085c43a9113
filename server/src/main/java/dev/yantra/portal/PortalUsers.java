package dev.yantra.portal;

import dev.yantra.db.Rows;
import dev.yantra.admin.AdminAudit;
import dev.yantra.config.UsageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Owns writes to portal_users and portal_sessions: creating, listing, disabling users, failed-login counting and
 * lockout, and revoking sessions. Passwords are BCrypt (cost 12): Spring Security's encoder, already on the
 * classpath, slow by design and with no extra native or BouncyCastle dependency that Argon2 would need; BCrypt reads
 * at most 72 bytes, so longer passwords are refused rather than silently cut. The CLI and the pages use this one
 * class, and every change writes an admin_audit_log row.
 */
public final class PortalUsers {
    public static final int MAX_FAILED_LOGINS = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_PASSWORD_BYTES = 72;
    static final PasswordEncoder PASSWORDS = new BCryptPasswordEncoder(12);

    private final JdbcClient jdbc;
    private final AdminAudit audit;
    private final Clock clock;

    public PortalUsers(JdbcClient jdbc, AdminAudit audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** What login needs of a user: its hash, second factor, lockout and status. */
    public record Account(PortalUser user, String passwordHash, String totpSealed, long totpLastStep, int failedLogins,
                          Instant lockedUntil, Instant disabledAt) {
        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    /** A row of the users page and of {@code yantra portal user list}. */
    public record Listed(String username, PortalRole role, UUID operatorId, boolean mfaEnrolled, boolean locked,
                         boolean disabled, Instant createdAt, String createdBy) {
    }

    public PortalUser create(String username, String password, PortalRole role, UUID operatorId, String createdBy) {
        AdminAudit.requireAuthor(createdBy);
        String name = validUsername(username);
        String hash = PASSWORDS.encode(validPassword(password));
        PortalUser user = new PortalUser(UUID.randomUUID(), name, role, operatorId);
        if (find(name).isPresent()) throw new UsageException("portal user '" + name + "' already exists");
        int rows = jdbc.sql("""
                        INSERT INTO portal_users (id, username, password_hash, role, operator_id, created_by)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(user.id(), name, hash, role.name(), operatorId, createdBy).update();
        Rows.exactlyOne(rows, "portal user insert");
        audit.record(createdBy, "portal.user.create", "portal_user:" + name, null, scopeText(role, operatorId), null);
        return user;
    }

    public Optional<Account> find(String username) {
        return jdbc.sql("""
                        SELECT id, username, role, operator_id, password_hash, totp_sealed, totp_last_step, failed_logins,
                               locked_until, disabled_at
                        FROM portal_users WHERE username = ?""")
                .param(username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT))
                .query((rs, i) -> new Account(
                        new PortalUser(rs.getObject("id", UUID.class), rs.getString("username"), PortalRole.valueOf(rs.getString("role")),
                                rs.getObject("operator_id", UUID.class)),
                        rs.getString("password_hash"), rs.getString("totp_sealed"), rs.getLong("totp_last_step"),
                        rs.getInt("failed_logins"), instant(rs.getTimestamp("locked_until")), instant(rs.getTimestamp("disabled_at"))))
                .optional();
    }

    public Account require(String username) {
        return find(username).orElseThrow(() -> new UsageException("no portal user '" + username + "'"));
    }

    /** Every user, or one operator's; newest last. */
    public List<Listed> list(Optional<UUID> operator) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        SELECT username, role, operator_id, totp_sealed IS NOT NULL AS mfa, locked_until, disabled_at,
                               created_at, created_by
                        FROM portal_users WHERE (CAST(? AS uuid) IS NULL OR operator_id = ?) ORDER BY created_at, username LIMIT 1000""")
                .params(operator.orElse(null), operator.orElse(null))
                .query((rs, i) -> new Listed(rs.getString("username"), PortalRole.valueOf(rs.getString("role")),
                        rs.getObject("operator_id", UUID.class), rs.getBoolean("mfa"),
                        rs.getTimestamp("locked_until") != null && rs.getTimestamp("locked_until").toInstant().isAfter(now),
                        rs.getTimestamp("disabled_at") != null, rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")))
                .list();
    }

    /** One more failed login; the fifth in a row locks the user for {@link #LOCKOUT}. Returns whether it is now locked. */
    public boolean recordFailure(UUID id) {
        Instant now = clock.instant();
        Boolean locked = jdbc.sql("""
                        UPDATE portal_users
                        SET failed_logins = failed_logins + 1,
                            locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END
                        WHERE id = ?
                        RETURNING locked_until IS NOT NULL AND locked_until > ?""")
                .params(MAX_FAILED_LOGINS, java.sql.Timestamp.from(now.plus(LOCKOUT)), id, java.sql.Timestamp.from(now))
                .query(Boolean.class).optional().orElse(false);
        if (locked) {
            // a lock starts a new count: after it expires the user has five fresh tries
            jdbc.sql("UPDATE portal_users SET failed_logins = 0 WHERE id = ? AND failed_logins >= ?").params(id, MAX_FAILED_LOGINS).update();
        }
        return locked;
    }

    /** A good login: the failure count is reset and, when a TOTP code was used, its step is spent. */
    public void recordSuccess(UUID id, long totpStep) {
        int rows = jdbc.sql("""
                        UPDATE portal_users SET failed_logins = 0, locked_until = NULL, totp_last_step = GREATEST(totp_last_step, ?)
                        WHERE id = ? AND disabled_at IS NULL""")
                .params(totpStep, id).update();
        Rows.exactlyOne(rows, "portal login success");
    }

    /** Disables a user and ends its sessions on every node. Returns false when it was already disabled. */
    public boolean disable(String username, String by) {
        AdminAudit.requireAuthor(by);
        Account a = require(username);
        int rows = jdbc.sql("UPDATE portal_users SET disabled_at = now() WHERE id = ? AND disabled_at IS NULL").param(a.user().id()).update();
        revokeSessions(a.user().username());
        if (rows == 1) audit.record(by, "portal.user.disable", "portal_user:" + a.user().username(), "active", "disabled", null);
        return rows == 1;
    }

    /** Removes a user's second factor and recovery codes and ends its sessions: its next login leads to enrolment. */
    public void resetMfa(String username, String by) {
        AdminAudit.requireAuthor(by);
        Account a = require(username);
        jdbc.sql("UPDATE portal_users SET totp_sealed = NULL, totp_pending = NULL WHERE id = ?").param(a.user().id()).update();
        jdbc.sql("DELETE FROM portal_recovery_codes WHERE user_id = ?").param(a.user().id()).update();
        revokeSessions(a.user().username());
        audit.record(by, "portal.user.reset-mfa", "portal_user:" + a.user().username(), a.totpSealed() == null ? "none" : "enrolled", "none", null);
    }

    /** Ends every session of a user (Spring Session keeps the principal's name on each session row). */
    public int revokeSessions(String username) {
        return jdbc.sql("DELETE FROM portal_sessions WHERE principal_name = ?").param(username).update();
    }

    static String scopeText(PortalRole role, UUID operatorId) {
        return role.label() + (operatorId == null ? "" : " of operator " + operatorId);
    }

    static String validUsername(String raw) {
        String name = raw == null ? "" : raw.trim().toLowerCase(java.util.Locale.ROOT);
        if (!name.matches("[a-z0-9][a-z0-9._@-]{2,63}")) {
            throw new UsageException("a portal username is 3-64 characters of a-z, 0-9, '.', '_', '@' or '-', was '" + raw + "'");
        }
        return name;
    }

    static String validPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new UsageException("a portal password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new UsageException("a portal password may have at most " + MAX_PASSWORD_BYTES + " bytes (BCrypt reads no more)");
        }
        return password;
    }

    static boolean passwordMatches(String offered, String hash) {
        return offered != null && offered.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES
                && PASSWORDS.matches(offered, hash);
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
