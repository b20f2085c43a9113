package dev.yantra.operator;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.config.MasterKey;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.config.YantraEnv;
import dev.yantra.counterparty.SigningKey;
import dev.yantra.counterparty.StagedCredentials;
import dev.yantra.counterparty.StagedCredentials.Row;
import dev.yantra.db.Database;
import dev.yantra.signing.RequestSigner;
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
 * Owns operator_credentials: inbound API keys and outbound wallet HMAC keys, issued or imported, activated (now or
 * at a set time), rotated with an overlap and revoked through the shared staged rotation of
 * {@link StagedCredentials} (the bancas use the same). Other features read secrets only through
 * {@link #inboundSecret}, {@link #lookupInbound} and {@link #currentOutbound}.
 *
 * <p>A group is one operator's credentials of one kind. Inbound: a new key verifies from its not_before, and
 * activating it gives the keys it replaces not_after = now + overlap. Outbound: a new key is inactive, so we keep
 * signing with the old one until {@link #activate} (or its scheduled time) — a wallet that holds one secret is
 * not broken by a rotation. An operator's first key of a kind is active at once.
 *
 * <p>Nothing but opened secrets is cached: every lookup is one read whose validity is evaluated against the
 * database clock, so a revocation — by us or by the playbook's direct SQL — takes effect on every node with the
 * next request (well inside the 1 s promise) and nodes agree on "now".
 */
@Component
public class CredentialStore {
    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    public static final Duration MAX_OVERLAP = Duration.ofHours(24);
    public enum Kind { INBOUND, OUTBOUND }

    static final StagedCredentials.Table TABLE = new StagedCredentials.Table("operator_credentials", "kid", "operator_id", "kind",
            DEFAULT_OVERLAP, MAX_OVERLAP, "credential", r -> "credential:" + r.keyId(), r -> credential(r).toJson());

    private final JdbcClient jdbc;
    private final StagedCredentials staged;
    private final AdminAudit audit;
    private final TransactionTemplate tx;

    /**
     * The master key is resolved on first use: listing, showing and revoking need no secret, so an SRE revoking a
     * leaked kid with only DATABASE_URL at hand is not stopped by a missing YANTRA_MASTER_KEY (the server checks
     * the key at start).
     */
    public CredentialStore(Database db, YantraEnv env, AdminAudit audit) {
        this(db, StagedCredentials.memoized(() -> new SecretBox(MasterKey.ring(env))), audit);
    }

    /** A node's: the master key ring it started with (the current key, and the previous one during a rotation). */
    @Autowired
    public CredentialStore(Database db, KeyRing masterKeys, AdminAudit audit) {
        this(db, new SecretBox(masterKeys), audit);
    }

    public CredentialStore(Database db, SecretBox box, AdminAudit audit) {
        this(db, () -> box, audit);
    }

    private CredentialStore(Database db, Supplier<SecretBox> box, AdminAudit audit) {
        this.jdbc = db.jdbc();
        this.staged = new StagedCredentials(TABLE, db, box, audit);
        this.audit = audit;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
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

    /**
     * A credential as the database saw it when read: state ISSUED (inbound: verifies; outbound: not yet signing),
     * SCHEDULED, ACTIVE, RETIRING (a successor is active; it still verifies until not_after), EXPIRED,
     * NOT_YET_VALID or REVOKED.
     */
    public record Credential(UUID id, UUID operatorId, String kid, Kind kind, String state, boolean imported, Instant notBefore,
                             Instant activatedAt, Instant notAfter, Instant revokedAt, String createdBy, Instant createdAt) {
        public Map<String, Object> toJson() {
            return new Row(id, operatorId, kind.name(), kid, state, imported, notBefore, activatedAt, notAfter, revokedAt, createdBy,
                    createdAt).toJson("operatorId", "kid");
        }
    }

    /** A new credential with its secret; the secret is shown once and never again (null when it was imported). */
    public record Issued(Credential credential, String secret) {
        public Map<String, Object> toJson() {
            return StagedCredentials.withSecret(credential.toJson(), secret);
        }

        @Override
        public String toString() {
            return "Issued[" + credential.kid() + "]";
        }
    }

    /** What {@link #activate} did: the credential and the ones that now retire at the end of the overlap. */
    public record Activated(Credential credential, List<Credential> retiring, boolean changed) {
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
                        staged.open(rs.getString("kid"), rs.getString("secret_ciphertext"))))
                .optional();
    }

    /** The outbound key we sign with now (the newest activated one still valid); NotFoundException when there is none. */
    public OutboundCredential currentOutbound(UUID operatorId) {
        SigningKey k = staged.signingKey(operatorId, Kind.OUTBOUND.name())
                .orElseThrow(() -> new NotFoundException("operator " + operatorId + " has no valid outbound credential"));
        return new OutboundCredential(k.keyId(), k.secret());
    }

    public Issued issue(UUID operatorId, Kind kind, Duration validFor, String changedBy) {
        return issue(operatorId, kind, validFor, null, changedBy);
    }

    /**
     * A new credential, generated or ({@code importedSecret}) the operator's own. The operator's first of a kind is
     * active at once; any later one is ISSUED: an inbound key verifies already, an outbound one signs only after
     * {@link #activate}.
     */
    public Issued issue(UUID operatorId, Kind kind, Duration validFor, String importedSecret, String changedBy) {
        if (validFor != null && (validFor.isNegative() || validFor.isZero())) throw new UsageException("--not-after must be positive");
        StagedCredentials.Issued i = staged.issue(operatorId, kind.name(), prefix(kind), importedSecret, validFor, true, changedBy);
        return new Issued(credential(i.row()), i.secret());
    }

    /** Signs with (outbound) or promotes (inbound) {@code kid} now or at {@code at}; the replaced ones keep working for the overlap. */
    public Activated activate(String kid, Instant at, Duration overlap, String changedBy) {
        StagedCredentials.Activation a = staged.activate(kid, at, overlap, changedBy);
        return new Activated(credential(a.activated()), a.retiring().stream().map(CredentialStore::credential).toList(), a.changed());
    }

    /**
     * One-step rotation: a successor of {@code kid}. Inbound, it is active at once and the old key keeps verifying
     * until now + overlap. Outbound, the successor is ISSUED only: we keep signing with the old key until
     * {@code credential activate} — the operator's wallet must have the new secret first.
     */
    public Issued rotate(String kid, Duration overlap, String changedBy) {
        return rotate(kid, overlap, null, changedBy);
    }

    public Issued rotate(String kid, Duration overlap, String importedSecret, String changedBy) {
        Duration o = overlap == null ? DEFAULT_OVERLAP : overlap;
        if (o.isNegative() || o.compareTo(MAX_OVERLAP) > 0) {
            throw new UsageException("overlap must be between 0 and 24h, was " + o);
        }
        return tx.execute(status -> {
            jdbc.sql("SELECT 1 FROM operator_credentials WHERE kid = ? FOR UPDATE").param(kid).query(Integer.class).optional();
            Credential old = get(kid);
            if (!"ACTIVE".equals(old.state())) {
                throw new UsageException("credential " + kid + " is " + old.state() + "; issue a new one instead");
            }
            StagedCredentials.Issued fresh = staged.issue(old.operatorId(), old.kind().name(), prefix(old.kind()), importedSecret,
                    null, false, changedBy);
            if (old.kind() == Kind.INBOUND) staged.activate(fresh.row().keyId(), null, o, changedBy);
            Credential successor = get(fresh.row().keyId());
            audit.record(changedBy, "credential.rotate", "credential:" + kid, Json.write(old.toJson()),
                    Json.write(Map.of("old", get(kid).toJson(), "new", successor.toJson())),
                    old.kind() == Kind.INBOUND ? "overlap " + o : "successor staged; it signs from credential activate");
            return new Issued(successor, fresh.secret());
        });
    }

    /** Revokes now; returns false when it already was revoked (nothing changes then). */
    public boolean revoke(String kid, String changedBy, String reason) {
        return staged.revoke(kid, changedBy, reason);
    }

    public Credential get(String kid) {
        return staged.find(kid).map(CredentialStore::credential)
                .orElseThrow(() -> new NotFoundException("no credential with kid '" + kid + "'"));
    }

    public List<Credential> list(UUID operatorId) {
        return staged.list(operatorId, null).stream().map(CredentialStore::credential).toList();
    }

    private static String prefix(Kind kind) {
        return kind == Kind.INBOUND ? "ik_" : "ok_";
    }

    static Credential credential(Row r) {
        return new Credential(r.id(), r.ownerId(), r.keyId(), Kind.valueOf(r.kind()), r.state(), r.imported(), r.notBefore(),
                r.activatedAt(), r.notAfter(), r.revokedAt(), r.createdBy(), r.createdAt());
    }
}
