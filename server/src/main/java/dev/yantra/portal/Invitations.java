package dev.yantra.portal;

import dev.yantra.db.Rows;
import dev.yantra.admin.AdminAudit;
import dev.yantra.config.UsageException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Owns portal_invitations: a one-time link the inviter is shown and hands over (no mail is sent). Only the token's
 * SHA-256 is stored; it is good for {@link #VALID_FOR} and once. Accepting it creates the user with the password the
 * invitee chose; the second factor is enrolled at the first login.
 */
public final class Invitations {
    public static final Duration VALID_FOR = Duration.ofHours(72);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PortalUsers users;
    private final AdminAudit audit;
    private final Clock clock;

    public Invitations(JdbcClient jdbc, TransactionTemplate tx, PortalUsers users, AdminAudit audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates an invitation and returns its token (the path /portal/invite/TOKEN); shown once, never stored. */
    public String invite(String username, PortalRole role, UUID operatorId, String by) {
        AdminAudit.requireAuthor(by);
        String name = PortalUsers.validUsername(username);
        if (role.platform() != (operatorId == null)) {
            throw new UsageException(role.label() + (role.platform() ? " takes no --operator" : " needs --operator"));
        }
        if (users.find(name).isPresent()) throw new UsageException("portal user '" + name + "' already exists");
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        int rows = jdbc.sql("""
                        INSERT INTO portal_invitations (token_hash, username, role, operator_id, created_by, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(SecondFactor.hash(token), name, role.name(), operatorId, by,
                        java.sql.Timestamp.from(clock.instant().plus(VALID_FOR))).update();
        Rows.exactlyOne(rows, "invitation insert");
        audit.record(by, "portal.user.invite", "portal_user:" + name, null, PortalUsers.scopeText(role, operatorId), null);
        return token;
    }

    /** The username an unexpired, unused token invites; empty otherwise. */
    public java.util.Optional<String> invitee(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{32}")) return java.util.Optional.empty();
        return jdbc.sql("SELECT username FROM portal_invitations WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
                .params(SecondFactor.hash(token), java.sql.Timestamp.from(clock.instant())).query(String.class).optional();
    }

    /** Spends the token and creates its user with {@code password}, in one transaction. */
    public PortalUser accept(String token, String password) {
        String name = invitee(token).orElseThrow(() -> new UsageException("this invitation link is unknown, used or expired"));
        PortalUsers.validPassword(password);
        return tx.execute(s -> {
            record Invite(String role, UUID operatorId, String by) {
            }
            Invite inv = jdbc.sql("""
                            UPDATE portal_invitations SET used_at = now()
                            WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
                            RETURNING role, operator_id, created_by""")
                    .params(SecondFactor.hash(token), java.sql.Timestamp.from(clock.instant()))
                    .query((rs, i) -> new Invite(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)))
                    .optional().orElseThrow(() -> new UsageException("this invitation link was used meanwhile"));
            return users.create(name, password, PortalRole.valueOf(inv.role()), inv.operatorId(), "portal:" + name + " (invited by " + inv.by() + ")");
        });
    }
}
