package dev.yantra.lottery.bancas;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.config.MasterKey;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.config.YantraEnv;
import dev.yantra.counterparty.SigningKey;
import dev.yantra.db.Database;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Owns banca_credentials: each banca's HMAC secrets, sealed with the master key (AES-256-GCM, associated data =
 * key id) exactly as operator credentials are. Staged rotation:
 * <ol>
 *   <li>{@link #issue} (or import) a secret: inactive for signing, but it already verifies the banca's webhooks,
 *       so the banca can switch whenever it is ready;</li>
 *   <li>{@link #activate} it: from now on we sign with it; the previously active one keeps verifying until
 *       now + overlap (default 24 h);</li>
 *   <li>{@link #revoke} ends a (leaked) secret at once.</li>
 * </ol>
 * Validity is evaluated against the database clock on every lookup, so a revocation reaches every node with
 * the next request. Only decrypted secrets are cached (by key id; a ciphertext never changes).
 *
 * <p>A secret we issue is a 43-character base64url string; the HMAC key is its UTF-8 bytes.
 */
@Component
public class BancaCredentials {
    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MIN_IMPORTED_CHARS = 16;
    private static final int MAX_IMPORTED_CHARS = 256;

    /** The state, computed by the database: ISSUED (verifies only), ACTIVE (signs), RETIRING (overlap), EXPIRED, REVOKED. */
    private static final String STATE = """
            CASE WHEN c.revoked_at IS NOT NULL THEN 'REVOKED'
                 WHEN c.not_after IS NOT NULL AND c.not_after <= now() THEN 'EXPIRED'
                 WHEN c.not_after IS NOT NULL THEN 'RETIRING'
                 WHEN c.activated_at IS NOT NULL THEN 'ACTIVE'
                 ELSE 'ISSUED' END""";

    private final JdbcClient jdbc;
    private final Supplier<SecretBox> box;
    private final AdminAudit audit;
    private final TransactionTemplate tx;
    private final Map<String, byte[]> opened = new ConcurrentHashMap<>();

    @Autowired
    public BancaCredentials(Database db, YantraEnv env, AdminAudit audit) {
        this(db, memoized(() -> new SecretBox(MasterKey.resolve(env))), audit);
    }

    public BancaCredentials(Database db, SecretBox box, AdminAudit audit) {
        this(db, () -> box, audit);
    }

    private BancaCredentials(Database db, Supplier<SecretBox> box, AdminAudit audit) {
        this.jdbc = db.jdbc();
        this.box = box;
        this.audit = audit;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
    }

    public record Credential(UUID id, UUID bancaId, String keyId, String state, boolean imported, Instant activatedAt,
                             Instant notAfter, Instant revokedAt, String createdBy, Instant createdAt) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id.toString());
            m.put("bancaId", bancaId.toString());
            m.put("keyId", keyId);
            m.put("state", state);
            m.put("imported", imported);
            m.put("activatedAt", activatedAt == null ? null : activatedAt.toString());
            m.put("notAfter", notAfter == null ? null : notAfter.toString());
            m.put("revokedAt", revokedAt == null ? null : revokedAt.toString());
            m.put("createdBy", createdBy);
            m.put("createdAt", createdAt.toString());
            return m;
        }
    }

    /** A new credential and its secret: shown once (null when it was imported: the banca already has it). */
    public record Issued(Credential credential, String secret) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = credential.toJson();
            if (secret != null) m.put("secret", secret);
            return m;
        }

        @Override
        public String toString() {
            return "Issued[" + credential.keyId() + "]";
        }
    }

    /** A secret that verifies inbound calls now (issued, active or within its overlap) of a banca that may answer. */
    public record InboundSecret(UUID bancaId, String keyId, byte[] secret) {
        @Override
        public String toString() {
            return "InboundSecret[banca=" + bancaId + ", keyId=" + keyId + "]";
        }
    }

    /** @param importedSecret null to generate one */
    public Issued issue(UUID bancaId, String importedSecret, String changedBy) {
        return tx.execute(s -> issueInTransaction(bancaId, importedSecret, changedBy));
    }

    Issued issueInTransaction(UUID bancaId, String importedSecret, String changedBy) {
        Bancas.requireWho(changedBy);
        String status = jdbc.sql("SELECT status FROM bancas WHERE id = ? FOR UPDATE").param(bancaId).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("no banca " + bancaId));
        if ("rejected".equals(status)) throw new UsageException("banca " + bancaId + " was rejected; it gets no secrets");
        String secret = importedSecret == null ? generated() : validImported(importedSecret);
        byte[] kidBytes = new byte[10];
        RANDOM.nextBytes(kidBytes);
        String keyId = "bk_" + HexFormat.of().formatHex(kidBytes);
        int rows = jdbc.sql("""
                        INSERT INTO banca_credentials (id, banca_id, key_id, secret_ciphertext, imported, created_by)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), bancaId, keyId, box.get().seal(secret.getBytes(StandardCharsets.UTF_8), keyId),
                        importedSecret != null, changedBy)
                .update();
        if (rows != 1) throw new IllegalStateException("credential insert wrote " + rows + " rows");
        Credential c = get(keyId);
        audit.record(changedBy, importedSecret == null ? "banca.credential.issue" : "banca.credential.import",
                Bancas.subject(bancaId), null, Json.write(c.toJson()), null);
        return new Issued(c, importedSecret == null ? secret : null);
    }

    /** The issued view with the credential re-read (after an activation in the same transaction). */
    Issued issuedView(Issued issued) {
        return new Issued(get(issued.credential().keyId()), issued.secret());
    }

    /**
     * Makes {@code keyId} the secret we sign with; the one active before keeps verifying until now + overlap.
     * Activating the already active secret changes nothing and returns it.
     */
    public Credential activate(String keyId, Duration overlap, String changedBy) {
        return tx.execute(s -> activateInTransaction(keyId, overlap, changedBy));
    }

    Credential activateInTransaction(String keyId, Duration overlap, String changedBy) {
        Bancas.requireWho(changedBy);
        Duration o = overlap == null ? DEFAULT_OVERLAP : overlap;
        if (o.isNegative() || o.compareTo(MAX_OVERLAP) > 0) throw new UsageException("overlap must be between 0 and 7d, was " + o);
        Credential c = lock(keyId);
        if ("ACTIVE".equals(c.state())) return c;
        if (!"ISSUED".equals(c.state())) throw new UsageException("credential " + keyId + " is " + c.state() + "; only an ISSUED one can be activated");
        Optional<Credential> previous = jdbc.sql("SELECT c.*, " + STATE + """
                         AS state FROM banca_credentials c
                        WHERE c.banca_id = ? AND c.activated_at IS NOT NULL AND c.not_after IS NULL AND c.revoked_at IS NULL
                        FOR UPDATE""")
                .param(c.bancaId()).query(BancaCredentials::map).optional();
        previous.ifPresent(p -> {
            int rows = jdbc.sql("""
                            UPDATE banca_credentials SET not_after = now() + make_interval(secs => ?), updated_at = now()
                            WHERE key_id = ? AND not_after IS NULL AND revoked_at IS NULL""")
                    .params(o.toSeconds(), p.keyId()).update();
            if (rows != 1) throw new IllegalStateException("retiring " + p.keyId() + " changed " + rows + " rows");
        });
        int rows = jdbc.sql("""
                        UPDATE banca_credentials SET activated_at = now(), updated_at = now()
                        WHERE key_id = ? AND activated_at IS NULL AND revoked_at IS NULL AND not_after IS NULL""")
                .param(keyId).update();
        if (rows != 1) throw new IllegalStateException("activating " + keyId + " changed " + rows + " rows");
        Credential after = get(keyId);
        audit.record(changedBy, "banca.credential.activate", Bancas.subject(c.bancaId()), Json.write(c.toJson()),
                Json.write(Map.of("activated", after.toJson(), "retiring", previous.map(p -> get(p.keyId()).toJson()).orElse(Map.of()))),
                "overlap " + o);
        return after;
    }

    /** Ends a secret now; false when it already was revoked (nothing changes then). */
    public boolean revoke(String keyId, String changedBy, String reason) {
        Bancas.requireWho(changedBy);
        return Boolean.TRUE.equals(tx.execute(s -> {
            Credential old = lock(keyId);
            int rows = jdbc.sql("UPDATE banca_credentials SET revoked_at = now(), updated_at = now() WHERE key_id = ? AND revoked_at IS NULL")
                    .param(keyId).update();
            if (rows == 0) return false;
            if (rows != 1) throw new IllegalStateException("revoking " + keyId + " changed " + rows + " rows");
            audit.record(changedBy, "banca.credential.revoke", Bancas.subject(old.bancaId()), Json.write(old.toJson()),
                    Json.write(get(keyId).toJson()), reason);
            return true;
        }));
    }

    public Credential get(String keyId) {
        return jdbc.sql("SELECT c.*, " + STATE + " AS state FROM banca_credentials c WHERE c.key_id = ?").param(keyId)
                .query(BancaCredentials::map).optional()
                .orElseThrow(() -> new NotFoundException("no banca credential '" + keyId + "'"));
    }

    public List<Credential> list(UUID bancaId) {
        return jdbc.sql("SELECT c.*, " + STATE + " AS state FROM banca_credentials c WHERE c.banca_id = ? ORDER BY c.created_at, c.key_id")
                .param(bancaId).query(BancaCredentials::map).list();
    }

    /** The secret a banca's calls are signed with now; empty when it has none (never approved, or revoked). */
    public Optional<SigningKey> signingKey(UUID bancaId) {
        return jdbc.sql("""
                        SELECT key_id, secret_ciphertext FROM banca_credentials
                        WHERE banca_id = ? AND activated_at IS NOT NULL AND not_after IS NULL AND revoked_at IS NULL""")
                .param(bancaId)
                .query((rs, n) -> new SigningKey(rs.getString("key_id"), open(rs.getString("key_id"), rs.getString("secret_ciphertext"))))
                .optional();
    }

    /** Every secret that verifies inbound calls now, of every banca that may answer (active or suspended). */
    public List<InboundSecret> inboundSecrets() {
        return jdbc.sql("""
                        SELECT c.banca_id, c.key_id, c.secret_ciphertext FROM banca_credentials c JOIN bancas b ON b.id = c.banca_id
                        WHERE b.status IN ('active', 'suspended') AND c.revoked_at IS NULL
                          AND (c.not_after IS NULL OR c.not_after > now())
                        ORDER BY c.banca_id, c.created_at DESC""")
                .query((rs, n) -> new InboundSecret(rs.getObject("banca_id", UUID.class), rs.getString("key_id"),
                        open(rs.getString("key_id"), rs.getString("secret_ciphertext"))))
                .list();
    }

    private byte[] open(String keyId, String ciphertext) {
        return opened.computeIfAbsent(keyId, k -> box.get().open(ciphertext, k));
    }

    private Credential lock(String keyId) {
        return jdbc.sql("SELECT c.*, " + STATE + " AS state FROM banca_credentials c WHERE c.key_id = ? FOR UPDATE").param(keyId)
                .query(BancaCredentials::map).optional()
                .orElseThrow(() -> new NotFoundException("no banca credential '" + keyId + "'"));
    }

    private static String generated() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static String validImported(String s) {
        if (s.length() < MIN_IMPORTED_CHARS || s.length() > MAX_IMPORTED_CHARS || !s.equals(s.strip())) {
            throw new UsageException("an imported secret must be " + MIN_IMPORTED_CHARS + "-" + MAX_IMPORTED_CHARS
                    + " characters without surrounding spaces");
        }
        return s;
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

    static Credential map(ResultSet rs, int row) throws SQLException {
        return new Credential(rs.getObject("id", UUID.class), rs.getObject("banca_id", UUID.class), rs.getString("key_id"),
                rs.getString("state"), rs.getBoolean("imported"), instant(rs.getTimestamp("activated_at")),
                instant(rs.getTimestamp("not_after")), instant(rs.getTimestamp("revoked_at")), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
