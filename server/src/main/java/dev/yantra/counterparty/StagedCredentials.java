package dev.yantra.counterparty;

import dev.yantra.db.Rows;
import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import dev.yantra.signing.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staged rotation of the secrets we share with a counterparty, once for every table that holds them (operator
 * credentials, banca credentials). A credential moves through:
 * <ol>
 *   <li><b>ISSUED</b> (generated, or imported from the counterparty): it verifies the counterparty's calls from
 *       its {@code not_before}, but we do not sign with it yet, so a counterparty that holds only the old secret
 *       keeps working;</li>
 *   <li><b>SCHEDULED</b> / <b>ACTIVE</b>: {@link #activate} now or at a given time; from then on it is the one we
 *       sign with (the newest activated one wins), and every credential it replaces keeps verifying until the
 *       activation time + overlap (<b>RETIRING</b>), then is <b>EXPIRED</b>;</li>
 *   <li><b>REVOKED</b>: {@link #revoke} ends one at once (a leak).</li>
 *   <li>A RETIRING credential can be activated again (the way back when the counterparty refuses the new one).</li>
 * </ol>
 * A "group" is the set of credentials that replace each other: one owner's (and, where the table has a kind
 * column, one kind's). Every time is the database's {@code now()}, evaluated on each read, so every node agrees
 * on it and a revocation reaches them all with the next request. Secrets are sealed with AES-256-GCM (associated
 * data = key id); only opened secrets are cached, by key id, since a key id's ciphertext never changes.
 *
 * <p>Each write runs in (or joins) one transaction, marked so the operator table's direct-SQL audit trigger
 * leaves the audit row to us, and writes one admin_audit_log row named {@code <auditPrefix>.<verb>}.
 */
public final class StagedCredentials {
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int MIN_IMPORTED_CHARS = 16;
    public static final int MAX_IMPORTED_CHARS = 256;

    /**
     * How one table stores its credentials.
     *
     * @param kindColumn null when the table has one kind only (banca secrets sign and verify alike)
     * @param subject    the audit subject of a credential (e.g. credential:&lt;kid&gt;, banca:&lt;id&gt;)
     * @param json       how a credential is shown (each feature keeps its field names)
     */
    public record Table(String name, String keyColumn, String ownerColumn, String kindColumn, Duration defaultOverlap,
                        Duration maxOverlap, String auditPrefix, Function<Row, String> subject,
                        Function<Row, Map<String, Object>> json) {
    }

    /** One credential row, its state computed by the database at the time it was read. */
    public record Row(UUID id, UUID ownerId, String kind, String keyId, String state, boolean imported, Instant notBefore,
                      Instant activatedAt, Instant notAfter, Instant revokedAt, String createdBy, Instant createdAt) {
        /**
         * How every feature shows a credential (never its secret), under the feature's own names for the owner and
         * the key id; {@code kind} and {@code notBefore} appear only where the feature's view has them (not null).
         */
        public Map<String, Object> toJson(String ownerField, String keyField) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id.toString());
            m.put(ownerField, ownerId.toString());
            m.put(keyField, keyId);
            if (kind != null) m.put("kind", kind);
            m.put("state", state);
            m.put("imported", imported);
            if (notBefore != null) m.put("notBefore", notBefore.toString());
            m.put("activatedAt", text(activatedAt));
            m.put("notAfter", text(notAfter));
            m.put("revokedAt", text(revokedAt));
            m.put("createdBy", createdBy);
            m.put("createdAt", createdAt.toString());
            return m;
        }

        private static String text(Instant t) {
            return t == null ? null : t.toString();
        }
    }

    /** A credential's JSON with its secret added, the one time it is shown (null: imported, the counterparty has it). */
    public static Map<String, Object> withSecret(Map<String, Object> credentialJson, String secret) {
        if (secret != null) credentialJson.put("secret", secret);
        return credentialJson;
    }

    /** A new credential and its secret, shown once; null when it was imported (the counterparty already has it). */
    public record Issued(Row row, String secret) {
        @Override
        public String toString() {
            return "Issued[" + row.keyId() + "]";   // never the secret
        }
    }

    /** What an activation did: the credential now (or soon) signing, and the ones it retires. */
    public record Activation(Row activated, List<Row> retiring, boolean changed) {
    }

    /** A credential that verifies a counterparty's calls now. */
    public record Verifying(UUID ownerId, String keyId, byte[] secret) {
        @Override
        public String toString() {
            return "Verifying[owner=" + ownerId + ", keyId=" + keyId + "]";
        }
    }

    private final Table table;
    private final JdbcClient jdbc;
    private final Supplier<SecretBox> box;
    private final AdminAudit audit;
    private final TransactionTemplate tx;
    private final Map<String, byte[]> opened = new ConcurrentHashMap<>();
    private final String state;

    public StagedCredentials(Table table, Database db, Supplier<SecretBox> box, AdminAudit audit) {
        this.table = table;
        this.jdbc = db.jdbc();
        this.box = box;
        this.audit = audit;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        this.state = stateSql(table);
    }

    /** The SQL predicate "c verifies a counterparty's call now". */
    public static final String VERIFIES_NOW =
            "c.revoked_at IS NULL AND c.not_before <= now() AND (c.not_after IS NULL OR c.not_after > now())";

    public Table table() {
        return table;
    }

    /**
     * Issues a generated secret or imports the counterparty's. It verifies at once; it signs only once activated,
     * except that the first credential of a group is activated at once when {@code activateIfFirst}: nothing
     * would sign otherwise.
     *
     * @param kind           null for a table without a kind column
     * @param importedSecret null to generate one
     * @param lifetime       null: until replaced or revoked
     */
    public Issued issue(UUID ownerId, String kind, String keyPrefix, String importedSecret, Duration lifetime,
                        boolean activateIfFirst, String changedBy) {
        if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) throw new UsageException("a lifetime must be positive, was " + lifetime);
        String secret = importedSecret == null ? generated() : validImported(importedSecret);
        return inAuditedTransaction(() -> {
            String keyId = keyPrefix + HexFormat.of().formatHex(randomBytes(10));
            String kindInsert = table.kindColumn() == null ? "" : ", " + table.kindColumn();
            String kindValue = table.kindColumn() == null ? "" : ", ?";
            List<Object> params = new ArrayList<>(List.of(UUID.randomUUID(), ownerId));
            if (table.kindColumn() != null) params.add(kind);
            params.addAll(List.of(keyId, box.get().seal(secret.getBytes(StandardCharsets.UTF_8), keyId), importedSecret != null, changedBy));
            params.add(lifetime == null ? null : lifetime.toSeconds());
            int rows = jdbc.sql("INSERT INTO " + table.name() + " (id, " + table.ownerColumn() + kindInsert + ", " + table.keyColumn()
                            + ", secret_ciphertext, imported, created_by, activated_at, not_after) VALUES (?, ?" + kindValue
                            + ", ?, ?, ?, ?, NULL, now() + make_interval(secs => ?::bigint))")
                    .params(params).update();
            Rows.exactlyOne(rows, "credential insert");
            if (activateIfFirst && !hasSigner(keyId)) {
                Rows.exactlyOne(jdbc.sql("UPDATE " + table.name() + " SET activated_at = now(), updated_at = now() WHERE "
                        + table.keyColumn() + " = ?").param(keyId).update(), "activating the first key " + keyId);
            }
            Row row = get(keyId);
            audit.record(changedBy, table.auditPrefix() + (importedSecret == null ? ".issue" : ".import"), table.subject().apply(row),
                    null, Json.write(table.json().apply(row)), null);
            return new Issued(row, importedSecret == null ? secret : null);
        });
    }

    /**
     * Makes {@code keyId} the credential we sign with, now ({@code at} null) or at a future time; every other
     * credential of its group that could still sign keeps verifying until that time + overlap. Activating the
     * already active credential changes nothing.
     */
    public Activation activate(String keyId, Instant at, Duration overlap, String changedBy) {
        Duration o = overlap == null ? table.defaultOverlap() : overlap;
        if (o.isNegative() || o.compareTo(table.maxOverlap()) > 0) {
            throw new UsageException("overlap must be between 0 and " + Durations.describe(table.maxOverlap()) + ", was " + Durations.describe(o));
        }
        return inAuditedTransaction(() -> {
            Row c = lock(keyId);
            if ("ACTIVE".equals(c.state())) return new Activation(c, List.of(), false);
            // a RETIRING one may be activated again: the way back when a counterparty refuses the new key
            if (!"ISSUED".equals(c.state()) && !"RETIRING".equals(c.state())) {
                throw new UsageException("credential " + keyId + " is " + c.state() + "; only an ISSUED or RETIRING one can be activated");
            }
            Timestamp when = at == null ? null : Timestamp.from(at);
            if (when != null && !jdbc.sql("SELECT ?::timestamptz > now()").param(when).query(Boolean.class).single()) {
                throw new UsageException("the activation time " + at + " is not in the future; leave it out to activate now");
            }
            List<Row> others = jdbc.sql("SELECT c.*, " + state + " AS state FROM " + table.name() + " c WHERE " + sameGroup("c", "?")
                            + " AND c." + table.keyColumn() + " <> ? AND c.activated_at IS NOT NULL AND c.revoked_at IS NULL"
                            + " AND (c.not_after IS NULL OR c.not_after > now()) ORDER BY c.created_at FOR UPDATE")
                    .params(groupParams(c, keyId)).query(this::map).list();
            if (others.stream().anyMatch(p -> "SCHEDULED".equals(p.state()))) {
                throw new UsageException("another credential of this group is already scheduled to activate; revoke it first");
            }
            for (Row p : others) {
                int rows = jdbc.sql("UPDATE " + table.name() + " SET not_after = LEAST(coalesce(not_after, 'infinity'),"
                                + " coalesce(?::timestamptz, now()) + make_interval(secs => ?)), updated_at = now() WHERE " + table.keyColumn() + " = ?")
                        .params(when, o.toSeconds(), p.keyId()).update();
                Rows.exactlyOne(rows, "retiring " + p.keyId());
            }
            int rows = jdbc.sql("UPDATE " + table.name() + " SET activated_at = coalesce(?::timestamptz, now()), not_after = NULL,"
                            + " updated_at = now() WHERE " + table.keyColumn() + " = ? AND revoked_at IS NULL")
                    .params(when, keyId).update();
            Rows.exactlyOne(rows, "activating " + keyId);
            Row after = get(keyId);
            List<Row> retiring = others.stream().map(p -> get(p.keyId())).toList();
            Map<String, Object> now = new LinkedHashMap<>();
            now.put("activated", table.json().apply(after));
            now.put("retiring", retiring.stream().map(table.json()).toList());
            audit.record(changedBy, table.auditPrefix() + ".activate", table.subject().apply(c), Json.write(table.json().apply(c)),
                    Json.write(now), "overlap " + Durations.describe(o) + (at == null ? "" : ", at " + at));
            return new Activation(after, retiring, true);
        });
    }

    /** Ends a credential now; false when it already was revoked (nothing changes then). */
    public boolean revoke(String keyId, String changedBy, String reason) {
        return Boolean.TRUE.equals(inAuditedTransaction(() -> {
            Row old = lock(keyId);
            int rows = jdbc.sql("UPDATE " + table.name() + " SET revoked_at = now(), updated_at = now() WHERE " + table.keyColumn()
                    + " = ? AND revoked_at IS NULL").param(keyId).update();
            if (rows == 0) return false;
            Rows.exactlyOne(rows, "revoking " + keyId);
            audit.record(changedBy, table.auditPrefix() + ".revoke", table.subject().apply(old), Json.write(table.json().apply(old)),
                    Json.write(table.json().apply(get(keyId))), reason);
            return true;
        }));
    }

    public Optional<Row> find(String keyId) {
        return jdbc.sql("SELECT c.*, " + state + " AS state FROM " + table.name() + " c WHERE c." + table.keyColumn() + " = ?")
                .param(keyId).query(this::map).optional();
    }

    public Row get(String keyId) {
        return find(keyId).orElseThrow(() -> new NotFoundException("no credential '" + keyId + "'"));
    }

    /** @param kind null: every kind */
    public List<Row> list(UUID ownerId, String kind) {
        String kindFilter = kind == null || table.kindColumn() == null ? "" : " AND c." + table.kindColumn() + " = ?";
        List<Object> params = new ArrayList<>(List.of(ownerId));
        if (!kindFilter.isEmpty()) params.add(kind);
        return jdbc.sql("SELECT c.*, " + state + " AS state FROM " + table.name() + " c WHERE c." + table.ownerColumn() + " = ?"
                        + kindFilter + " ORDER BY c.created_at, c." + table.keyColumn())
                .params(params).query(this::map).list();
    }

    /** The secret we sign with now: the newest activated credential of the group that still verifies. */
    public Optional<SigningKey> signingKey(UUID ownerId, String kind) {
        String kindFilter = table.kindColumn() == null ? "" : " AND c." + table.kindColumn() + " = ?";
        List<Object> params = new ArrayList<>(List.of(ownerId));
        if (table.kindColumn() != null) params.add(kind);
        return jdbc.sql("SELECT c." + table.keyColumn() + " AS key_id, c.secret_ciphertext FROM " + table.name() + " c WHERE c."
                        + table.ownerColumn() + " = ?" + kindFilter + " AND c.activated_at <= now() AND " + VERIFIES_NOW
                        + " ORDER BY c.activated_at DESC, c.created_at DESC LIMIT 1")
                .params(params)
                .query((rs, n) -> new SigningKey(rs.getString("key_id"), open(rs.getString("key_id"), rs.getString("secret_ciphertext"))))
                .optional();
    }

    /** Opens a sealed secret (cached by key id: its ciphertext never changes). */
    public byte[] open(String keyId, String ciphertext) {
        return opened.computeIfAbsent(keyId, k -> box.get().open(ciphertext, k));
    }

    /** The state expression for alias {@code c}, computed by the database. */
    public String stateSql() {
        return state;
    }

    private static String stateSql(Table t) {
        String successorActive = "EXISTS (SELECT 1 FROM " + t.name() + " n WHERE n." + t.ownerColumn() + " = c." + t.ownerColumn()
                + (t.kindColumn() == null ? "" : " AND n." + t.kindColumn() + " = c." + t.kindColumn())
                + " AND n.activated_at > c.activated_at AND n.activated_at <= now() AND n.revoked_at IS NULL)";
        return """
                (CASE WHEN c.revoked_at IS NOT NULL THEN 'REVOKED'
                      WHEN c.not_after IS NOT NULL AND c.not_after <= now() THEN 'EXPIRED'
                      WHEN c.not_before > now() THEN 'NOT_YET_VALID'
                      WHEN c.activated_at IS NULL THEN 'ISSUED'
                      WHEN c.activated_at > now() THEN 'SCHEDULED'
                      WHEN %s THEN 'RETIRING'
                      ELSE 'ACTIVE' END)""".formatted(successorActive);
    }

    private boolean hasSigner(String exceptKeyId) {
        return jdbc.sql("SELECT count(*) FROM " + table.name() + " c WHERE " + sameGroup("c", "?") + " AND c." + table.keyColumn()
                        + " <> ? AND c.activated_at IS NOT NULL AND " + VERIFIES_NOW)
                .params(groupParams(get(exceptKeyId), exceptKeyId)).query(Long.class).single() > 0;
    }

    /** "c is in the same group as the credential whose values are bound next" (owner, and kind where there is one). */
    private String sameGroup(String alias, String placeholder) {
        return alias + "." + table.ownerColumn() + " = " + placeholder
                + (table.kindColumn() == null ? "" : " AND " + alias + "." + table.kindColumn() + " = " + placeholder);
    }

    private List<Object> groupParams(Row c, String keyId) {
        List<Object> p = new ArrayList<>(List.of(c.ownerId()));
        if (table.kindColumn() != null) p.add(c.kind());
        p.add(keyId);
        return p;
    }

    private Row lock(String keyId) {
        // FOR UPDATE cannot sit beside the state's sub-select on the same table in every plan: lock first, read after
        jdbc.sql("SELECT 1 FROM " + table.name() + " WHERE " + table.keyColumn() + " = ? FOR UPDATE").param(keyId).query(Integer.class)
                .optional().orElseThrow(() -> new NotFoundException("no credential '" + keyId + "'"));
        return get(keyId);
    }

    private <T> T inAuditedTransaction(Supplier<T> work) {
        return tx.execute(status -> {
            jdbc.sql("SELECT set_config('yantra.app_audit', 'on', true)").query(String.class).single();
            return work.get();
        });
    }

    private Row map(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject(table.ownerColumn(), UUID.class),
                table.kindColumn() == null ? null : rs.getString(table.kindColumn()), rs.getString(table.keyColumn()),
                rs.getString("state"), rs.getBoolean("imported"), instant(rs.getTimestamp("not_before")),
                instant(rs.getTimestamp("activated_at")), instant(rs.getTimestamp("not_after")), instant(rs.getTimestamp("revoked_at")),
                rs.getString("created_by"), instant(rs.getTimestamp("created_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A secret we issue: 32 random bytes as 43 base64url characters; the HMAC key is their UTF-8 bytes. */
    private static String generated() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private static String validImported(String s) {
        if (s.length() < MIN_IMPORTED_CHARS || s.length() > MAX_IMPORTED_CHARS || !s.equals(s.strip())) {
            throw new UsageException("an imported secret must be " + MIN_IMPORTED_CHARS + "-" + MAX_IMPORTED_CHARS
                    + " characters without surrounding spaces");
        }
        return s;
    }

    /** A SecretBox made on first use: listing and revoking need no master key, so a missing one stops only what needs it. */
    public static Supplier<SecretBox> memoized(Supplier<SecretBox> make) {
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

    /** Durations as people write them (24h, 90s), for messages. */
    static final class Durations {
        static String describe(Duration d) {
            long s = d.toSeconds();
            if (s % 86400 == 0 && s > 86400) return (s / 86400) + "d";
            if (s % 3600 == 0 && s > 0) return (s / 3600) + "h";
            if (s % 60 == 0 && s > 0) return (s / 60) + "m";
            return s + "s";
        }

        private Durations() {
        }
    }
}
