package dev.yantra.operator;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.config.MasterKey;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.signing.RequestSigner;
import dev.yantra.signing.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import java.util.function.Supplier;

/**
 * Owns operator_credentials: issuing, rotating (with an overlap window) and revoking inbound API keys and
 * outbound wallet HMAC keys, secrets sealed with AES-256-GCM (associated data = kid). Other features read
 * secrets only through {@link #inboundSecret}, {@link #lookupInbound} and {@link #currentOutbound}.
 *
 * <p>Nothing is cached: every lookup is one primary-key read whose validity (revoked, not_before, not_after)
 * is evaluated against the database clock, so a revocation — by us or by the playbook's direct SQL — takes
 * effect on every node with the next request (well inside the 1 s promise) and nodes agree on "now".
 *
 * <p>The secret handed to an operator is a 43-character base64url string; the HMAC key is its UTF-8 bytes.
 */
@Component
public class CredentialStore {
    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(1);
    public static final Duration MAX_OVERLAP = Duration.ofHours(24);
    public enum Kind { INBOUND, OUTBOUND }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient jdbc;
    /**
     * Resolved on first use: listing, showing and revoking need no secret, so an SRE revoking a leaked kid with
     * only DATABASE_URL at hand is not stopped by a missing YANTRA_MASTER_KEY (the server checks the key at start).
     */
    private final Supplier<SecretBox> box;
    private final AdminAudit audit;
    private final TransactionTemplate tx;

    @Autowired
    public CredentialStore(Database db, YantraEnv env, AdminAudit audit) {
        this(db, memoized(() -> new SecretBox(MasterKey.resolve(env))), audit);
    }

    public CredentialStore(Database db, SecretBox box, AdminAudit audit) {
        this(db, () -> box, audit);
    }

    private CredentialStore(Database db, Supplier<SecretBox> box, AdminAudit audit) {
        this.jdbc = db.jdbc();
        this.box = box;
        this.audit = audit;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
    }

    private static Supplier<SecretBox> memoized(Supplier<SecretBox> make) {
        return new Supplier<>() {
            private volatile SecretBox made;

            @Override
            public SecretBox get() {
                SecretBox b = made;
                if (b == null) {
                    synchronized (this) {
                        if (made == null) made = make.get();
                        b = made;
                    }
                }
                return b;
            }
        };
    }

    /** The current outbound wallet key of an operator: what the wallet client signs with (kid goes in x-yantra-key-id). */
    public record OutboundCredential(String kid, byte[] secret) {
        public String sign(String method, String path, String timestamp, byte[] body) {
            return RequestSigner.sign(secret, method, path, timestamp, body);
        }

        @Override
        public String toString() {
            return "OutboundCredential[kid=" + kid + "]";  // never the secret
        }
    }

    /** A valid inbound key. */
    public record ActiveSecret(String kid, UUID operatorId, byte[] secret) {
        @Override
        public String toString() {
            return "ActiveSecret[kid=" + kid + ", operatorId=" + operatorId + "]";
        }
    }

    /** Everything the inbound check needs about a kid, validity evaluated at the database's now(). */
    public record InboundLookup(String kid, UUID operatorId, Kind kind, boolean revoked, boolean notYetValid,
                                boolean expired, String operatorStatus, List<String> ipAllowList, int rateLimitPerSecond,
                                byte[] secret) {
    }

    public record Credential(UUID id, UUID operatorId, String kid, Kind kind, Instant notBefore, Instant notAfter,
                             Instant revokedAt, String createdBy, Instant createdAt) {
        public String state(Instant now) {
            if (revokedAt != null) return "REVOKED";
            if (notBefore.isAfter(now)) return "NOT_YET_VALID";
            if (notAfter != null && !notAfter.isAfter(now)) return "EXPIRED";
            return "ACTIVE";
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id.toString());
            m.put("operatorId", operatorId.toString());
            m.put("kid", kid);
            m.put("kind", kind.name());
            m.put("notBefore", notBefore.toString());
            m.put("notAfter", notAfter == null ? null : notAfter.toString());
            m.put("revokedAt", revokedAt == null ? null : revokedAt.toString());
            m.put("state", state(Instant.now()));
            m.put("createdBy", createdBy);
            m.put("createdAt", createdAt.toString());
            return m;
        }
    }

    /** A new credential with its secret; the secret is shown once and never again. */
    public record Issued(Credential credential, String secret) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = credential.toJson();
            m.put("secret", secret);
            return m;
        }
    }

    public Optional<ActiveSecret> inboundSecret(String kid) {
        return lookupInbound(kid)
                .filter(l -> l.kind() == Kind.INBOUND && !l.revoked() && !l.notYetValid() && !l.expired())
                .map(l -> new ActiveSecret(l.kid(), l.operatorId(), l.secret()));
    }

    public Optional<InboundLookup> lookupInbound(String kid) {
        if (kid == null || kid.isEmpty() || kid.length() > 128) return Optional.empty();
        return jdbc.sql("""
                        SELECT c.kid, c.operator_id, c.kind, c.secret_ciphertext, o.status AS operator_status,
                               o.ip_allow_list, o.rate_limit_per_second,
                               c.revoked_at IS NOT NULL AS revoked, c.not_before > now() AS not_yet_valid,
                               (c.not_after IS NOT NULL AND c.not_after <= now()) AS expired
                        FROM operator_credentials c JOIN operators o ON o.id = c.operator_id
                        WHERE c.kid = ?""")
                .param(kid)
                .query((rs, n) -> new InboundLookup(rs.getString("kid"), rs.getObject("operator_id", UUID.class),
                        Kind.valueOf(rs.getString("kind")), rs.getBoolean("revoked"), rs.getBoolean("not_yet_valid"),
                        rs.getBoolean("expired"), rs.getString("operator_status"),
                        rs.getArray("ip_allow_list") == null ? null : Operators.strings(rs.getArray("ip_allow_list")),
                        rs.getInt("rate_limit_per_second"),
                        box.get().open(rs.getString("secret_ciphertext"), rs.getString("kid"))))
                .optional();
    }

    /** The newest valid outbound key of the operator; NotFoundException when it has none. */
    public OutboundCredential currentOutbound(UUID operatorId) {
        return jdbc.sql("""
                        SELECT kid, secret_ciphertext FROM operator_credentials
                        WHERE operator_id = ? AND kind = 'OUTBOUND' AND revoked_at IS NULL AND not_before <= now()
                          AND (not_after IS NULL OR not_after > now())
                        ORDER BY not_before DESC, created_at DESC LIMIT 1""")
                .param(operatorId)
                .query((rs, n) -> new OutboundCredential(rs.getString("kid"), box.get().open(rs.getString("secret_ciphertext"), rs.getString("kid"))))
                .optional()
                .orElseThrow(() -> new NotFoundException("operator " + operatorId + " has no valid outbound credential"));
    }

    public Issued issue(UUID operatorId, Kind kind, Duration validFor, String changedBy) {
        if (validFor != null && (validFor.isNegative() || validFor.isZero())) throw new UsageException("--not-after must be positive");
        return inAppAuditedTransaction(() -> {
            Issued issued = insert(operatorId, kind, validFor, changedBy);
            audit.record(changedBy, "credential.issue", "credential:" + issued.credential().kid(), null,
                    Json.write(issued.credential().toJson()), null);
            return issued;
        });
    }

    /** A new credential now; the old one keeps working until now + overlap (never longer than it already would). */
    public Issued rotate(String kid, Duration overlap, String changedBy) {
        Duration o = overlap == null ? DEFAULT_OVERLAP : overlap;
        if (o.isNegative() || o.compareTo(MAX_OVERLAP) > 0) {
            throw new UsageException("overlap must be between 0 and 24h, was " + o);
        }
        return inAppAuditedTransaction(() -> {
            Credential old = jdbc.sql("SELECT * FROM operator_credentials WHERE kid = ? FOR UPDATE").param(kid)
                    .query(CredentialStore::map).optional()
                    .orElseThrow(() -> new NotFoundException("no credential with kid '" + kid + "'"));
            if (!"ACTIVE".equals(old.state(Instant.now()))) {
                throw new UsageException("credential " + kid + " is " + old.state(Instant.now()) + "; issue a new one instead");
            }
            Issued fresh = insert(old.operatorId(), old.kind(), null, changedBy);
            int rows = jdbc.sql("""
                            UPDATE operator_credentials
                            SET not_after = LEAST(coalesce(not_after, 'infinity'), now() + make_interval(secs => ?)), updated_at = now()
                            WHERE kid = ? AND revoked_at IS NULL""")
                    .params(o.toSeconds(), kid).update();
            if (rows != 1) throw new IllegalStateException("rotate updated " + rows + " rows for " + kid);
            Credential after = get(kid);
            audit.record(changedBy, "credential.rotate", "credential:" + kid, Json.write(old.toJson()),
                    Json.write(Map.of("old", after.toJson(), "new", fresh.credential().toJson())), "overlap " + o);
            return fresh;
        });
    }

    /** Revokes now; returns false when it already was revoked (nothing changes then). */
    public boolean revoke(String kid, String changedBy, String reason) {
        return inAppAuditedTransaction(() -> {
            Credential old = get(kid);
            int rows = jdbc.sql("UPDATE operator_credentials SET revoked_at = now(), updated_at = now() WHERE kid = ? AND revoked_at IS NULL")
                    .param(kid).update();
            if (rows == 0) return false;
            audit.record(changedBy, "credential.revoke", "credential:" + kid, Json.write(old.toJson()),
                    Json.write(get(kid).toJson()), reason);
            return true;
        });
    }

    public Credential get(String kid) {
        return jdbc.sql("SELECT * FROM operator_credentials WHERE kid = ?").param(kid).query(CredentialStore::map).optional()
                .orElseThrow(() -> new NotFoundException("no credential with kid '" + kid + "'"));
    }

    public List<Credential> list(UUID operatorId) {
        return jdbc.sql("SELECT * FROM operator_credentials WHERE operator_id = ? ORDER BY created_at, kid")
                .param(operatorId).query(CredentialStore::map).list();
    }

    /** created_by is who asked (cli:&lt;user&gt; or the admin token name), not the database role the node uses. */
    private Issued insert(UUID operatorId, Kind kind, Duration validFor, String changedBy) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        byte[] kidBytes = new byte[10];
        RANDOM.nextBytes(kidBytes);
        String kid = (kind == Kind.INBOUND ? "ik_" : "ok_") + HexFormat.of().formatHex(kidBytes);
        Timestamp notAfter = validFor == null ? null : Timestamp.from(Instant.now().plus(validFor));
        jdbc.sql("""
                        INSERT INTO operator_credentials (id, operator_id, kid, kind, secret_ciphertext, not_after, created_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), operatorId, kid, kind.name(), box.get().seal(secret.getBytes(StandardCharsets.UTF_8), kid), notAfter,
                        changedBy)
                .update();
        return new Issued(get(kid), secret);
    }

    /** Marks the transaction so the V10 trigger leaves the audit to us (it logs only direct SQL). */
    private <T> T inAppAuditedTransaction(java.util.function.Supplier<T> work) {
        return tx.execute(status -> {
            jdbc.sql("SELECT set_config('yantra.app_audit', 'on', true)").query(String.class).single();
            return work.get();
        });
    }

    static Credential map(ResultSet rs, int row) throws SQLException {
        Timestamp notAfter = rs.getTimestamp("not_after");
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new Credential(rs.getObject("id", UUID.class), rs.getObject("operator_id", UUID.class), rs.getString("kid"),
                Kind.valueOf(rs.getString("kind")), rs.getTimestamp("not_before").toInstant(),
                notAfter == null ? null : notAfter.toInstant(), revoked == null ? null : revoked.toInstant(),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }
}
