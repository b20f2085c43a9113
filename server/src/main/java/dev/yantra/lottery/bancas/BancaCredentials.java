package dev.yantra.lottery.bancas;

import dev.yantra.admin.AdminAudit;
import dev.yantra.config.MasterKey;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.config.YantraEnv;
import dev.yantra.counterparty.SigningKey;
import dev.yantra.counterparty.StagedCredentials;
import dev.yantra.counterparty.StagedCredentials.Row;
import dev.yantra.db.Database;
import dev.yantra.signing.KeyRing;
import dev.yantra.signing.SecretBox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Owns banca_credentials: each banca's HMAC secrets (one secret signs our calls and verifies the banca's
 * webhooks), rotated in stages by the shared {@link StagedCredentials} exactly as operator credentials are:
 * <ol>
 *   <li>{@link #issue} (or import) a secret: inactive for signing, but it already verifies the banca's webhooks,
 *       so the banca can switch whenever it is ready;</li>
 *   <li>{@link #activate} it (now, or at a set time): from then on we sign with it; the previously active one
 *       keeps verifying until then + overlap (default 24 h);</li>
 *   <li>{@link #revoke} ends a (leaked) secret at once.</li>
 * </ol>
 * What is banca-specific stays here: a rejected banca gets no secrets, and webhooks are verified only for a
 * banca that may answer (active or suspended).
 */
@Component
public class BancaCredentials {
    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);

    static final StagedCredentials.Table TABLE = new StagedCredentials.Table("banca_credentials", "key_id", "banca_id", null,
            DEFAULT_OVERLAP, MAX_OVERLAP, "banca.credential", r -> Bancas.subject(r.ownerId()), r -> credential(r).toJson());

    private final JdbcClient jdbc;
    private final StagedCredentials staged;
    private final TransactionTemplate tx;

    public BancaCredentials(Database db, YantraEnv env, AdminAudit audit) {
        this(db, StagedCredentials.memoized(() -> new SecretBox(MasterKey.ring(env))), audit);
    }

    /** A node's: the master key ring it started with (the current key, and the previous one during a rotation). */
    @Autowired
    public BancaCredentials(Database db, KeyRing masterKeys, AdminAudit audit) {
        this(db, new SecretBox(masterKeys), audit);
    }

    public BancaCredentials(Database db, SecretBox box, AdminAudit audit) {
        this(db, () -> box, audit);
    }

    private BancaCredentials(Database db, Supplier<SecretBox> box, AdminAudit audit) {
        this.jdbc = db.jdbc();
        this.staged = new StagedCredentials(TABLE, db, box, audit);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
    }

    public record Credential(UUID id, UUID bancaId, String keyId, String state, boolean imported, Instant activatedAt,
                             Instant notAfter, Instant revokedAt, String createdBy, Instant createdAt) {
        /** The shared credential JSON under the banca's names; no kind (a banca secret signs and verifies) and no notBefore. */
        public Map<String, Object> toJson() {
            return new Row(id, bancaId, null, keyId, state, imported, null, activatedAt, notAfter, revokedAt, createdBy, createdAt)
                    .toJson("bancaId", "keyId");
        }
    }

    /** A new credential and its secret: shown once (null when it was imported: the banca already has it). */
    public record Issued(Credential credential, String secret) {
        public Map<String, Object> toJson() {
            return StagedCredentials.withSecret(credential.toJson(), secret);
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
        StagedCredentials.Issued i = staged.issue(bancaId, null, "bk_", importedSecret, null, false, changedBy);
        return new Issued(credential(i.row()), i.secret());
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
        return activate(keyId, null, overlap, changedBy);
    }

    /** As {@link #activate(String, Duration, String)}, from {@code at} (null: now). */
    public Credential activate(String keyId, Instant at, Duration overlap, String changedBy) {
        Bancas.requireWho(changedBy);
        return credential(staged.activate(keyId, at, overlap, changedBy).activated());
    }

    Credential activateInTransaction(String keyId, Duration overlap, String changedBy) {
        return activate(keyId, overlap, changedBy);   // joins the caller's transaction
    }

    /** Ends a secret now; false when it already was revoked (nothing changes then). */
    public boolean revoke(String keyId, String changedBy, String reason) {
        Bancas.requireWho(changedBy);
        get(keyId);
        return staged.revoke(keyId, changedBy, reason);
    }

    public Credential get(String keyId) {
        return staged.find(keyId).map(BancaCredentials::credential)
                .orElseThrow(() -> new NotFoundException("no banca credential '" + keyId + "'"));
    }

    public List<Credential> list(UUID bancaId) {
        return staged.list(bancaId, null).stream().map(BancaCredentials::credential).toList();
    }

    /** The secret a banca's calls are signed with now; empty when it has none (never approved, or revoked). */
    public Optional<SigningKey> signingKey(UUID bancaId) {
        return staged.signingKey(bancaId, null);
    }

    /** Every secret that verifies inbound calls now, of every banca that may answer (active or suspended). */
    public List<InboundSecret> inboundSecrets() {
        return jdbc.sql("SELECT c.banca_id, c.key_id, c.secret_ciphertext FROM banca_credentials c JOIN bancas b ON b.id = c.banca_id"
                        + " WHERE b.status IN ('active', 'suspended') AND " + StagedCredentials.VERIFIES_NOW
                        + " ORDER BY c.banca_id, c.created_at DESC")
                .query((rs, n) -> new InboundSecret(rs.getObject("banca_id", UUID.class), rs.getString("key_id"),
                        staged.open(rs.getString("key_id"), rs.getString("secret_ciphertext"))))
                .list();
    }

    static Credential credential(Row r) {
        return new Credential(r.id(), r.ownerId(), r.keyId(), r.state(), r.imported(), r.activatedAt(), r.notAfter(), r.revokedAt(),
                r.createdBy(), r.createdAt());
    }
}
