package dev.yantra.secrets;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.signing.KeyRing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves every sealed text of {@link SealedColumns} under the ring's current key. {@link #rotate} opens each text
 * not yet under the current key (with the current or the previous key), seals it again under the current one and
 * writes it back — all in ONE transaction that also checks, before it commits, that no text is left under any
 * other key. Anything that does not open (a key the ring does not hold, a corrupted text) refuses the whole
 * rotation and changes nothing: a credential is never dropped to finish one.
 *
 * <p>Rows are locked as they are re-sealed (FOR UPDATE, in pages of {@link #PAGE}); a node that reads a secret
 * meanwhile gets the old or the new text, and opens either, since every node holds both keys during the rollout.
 * The operator table's direct-SQL audit trigger is told the change is the application's, which writes one
 * admin_audit_log row for the whole rotation.
 */
public final class MasterKeyRotation {
    static final int PAGE = 500;
    static final String UNREADABLE = "unreadable";

    /** How many texts of one column are under one key id ({@link KeyRing#LEGACY_KEY_ID}, or "unreadable" for garbage). */
    public record Count(String column, String keyId, long rows) {
    }

    /** A rotation that committed: texts re-sealed per column, and the counts afterwards. */
    public record Rotated(String toKeyId, Map<String, Integer> resealed, List<Count> after) {
        public int total() {
            return resealed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** The rotation was refused and rolled back; {@link #problems} names each row that stopped it. */
    public static final class Refused extends RuntimeException {
        private final List<String> problems;

        Refused(List<String> problems) {
            super("master-key rotation refused, nothing was changed: " + problems.size() + " problem(s), first: " + problems.getFirst());
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private record Sealed(Object id, String associatedData, String text) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final KeyRing ring;
    private final AdminAudit audit;

    public MasterKeyRotation(JdbcClient jdbc, TransactionTemplate tx, KeyRing ring, AdminAudit audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.ring = ring;
        this.audit = audit;
    }

    /** Counts per column and key id; needs no key, so it answers with only the database at hand. */
    public static List<Count> status(JdbcClient jdbc) {
        List<Count> out = new ArrayList<>();
        for (SealedColumns.Column c : SealedColumns.ALL) {
            out.addAll(jdbc.sql("SELECT CASE WHEN %1$s LIKE 'v1:%%' THEN '%2$s' WHEN %1$s ~ '^v2:[0-9a-f]{16}:' THEN substr(%1$s, 4, 16)"
                            .formatted(c.column(), KeyRing.LEGACY_KEY_ID)
                            + " ELSE '" + UNREADABLE + "' END AS key_id, count(*) AS n FROM " + c.table()
                            + " WHERE " + c.column() + " IS NOT NULL GROUP BY 1 ORDER BY 1")
                    .query((rs, n) -> new Count(c.label(), rs.getString("key_id"), rs.getLong("n"))).list());
        }
        return out;
    }

    /**
     * As {@link #status(JdbcClient)}, with each text that names no key (v1) counted under the held key it opens under
     * ({@link KeyRing#LEGACY_KEY_ID} when it opens under none): a node seals v1 outside a rotation (KeyRing's class
     * comment says why), and such text is as much under the current key as text that names it.
     */
    public static List<Count> status(JdbcClient jdbc, KeyRing ring) {
        List<Count> out = new ArrayList<>();
        for (Count c : status(jdbc)) {
            if (!c.keyId().equals(KeyRing.LEGACY_KEY_ID)) {
                out.add(c);
                continue;
            }
            SealedColumns.Column col = SealedColumns.ALL.stream().filter(x -> x.label().equals(c.column())).findFirst().orElseThrow();
            Map<String, Long> byKey = new LinkedHashMap<>();
            jdbc.sql("SELECT " + col.associatedDataSql() + " AS aad, " + col.column() + " AS text FROM " + col.table()
                            + " WHERE " + col.column() + " LIKE 'v1:%'")
                    .query((rs, n) -> ring.heldKeyOpening(rs.getString("text"), rs.getString("aad")).orElse(KeyRing.LEGACY_KEY_ID)).list()
                    .forEach(k -> byKey.merge(k, 1L, Long::sum));
            byKey.forEach((k, n) -> out.add(new Count(c.column(), k, n)));
        }
        // v1 text under a key that also has v2 text in the column: one line per column and key
        Map<List<String>, Count> merged = new LinkedHashMap<>();
        for (Count c : out) merged.merge(List.of(c.column(), c.keyId()), c, (a, b) -> new Count(a.column(), a.keyId(), a.rows() + b.rows()));
        return List.copyOf(merged.values());
    }

    public Rotated rotate(String by) {
        AdminAudit.requireAuthor(by);
        return tx.execute(status -> {
            jdbc.sql("SELECT set_config('yantra.app_audit', 'on', true)").query(String.class).single();
            List<String> problems = new ArrayList<>();
            Map<String, Integer> resealed = new LinkedHashMap<>();
            for (SealedColumns.Column c : SealedColumns.ALL) resealed.put(c.label(), reseal(c, problems));
            if (!problems.isEmpty()) throw new Refused(problems);
            for (SealedColumns.Column c : SealedColumns.ALL) {
                long left = notUnderCurrent(c);
                // another node (one still on the old key alone) sealed something meanwhile: do not claim success
                if (left != 0) problems.add(c.label() + ": " + left + " text(s) still not under " + ring.currentId() + " after re-sealing");
            }
            if (!problems.isEmpty()) throw new Refused(problems);
            Map<String, Object> what = new LinkedHashMap<>();
            what.put("to", ring.currentId());
            what.put("previous", ring.previousId().orElse(null));
            what.put("resealed", resealed);
            audit.record(by, "secrets.rotate-master-key", "master-key:" + ring.currentId(), null, Json.write(what),
                    "every sealed secret re-sealed under the current master key");
            return new Rotated(ring.currentId(), resealed, status(jdbc, ring));
        });
    }

    private int reseal(SealedColumns.Column c, List<String> problems) {
        int done = 0;
        Object after = null;
        while (true) {
            List<Sealed> page = page(c, after);
            for (Sealed s : page) {
                byte[] plain;
                try {
                    plain = ring.open(s.text(), s.associatedData());
                } catch (IllegalArgumentException e) {
                    problems.add(c.table() + " " + c.idColumn() + "=" + s.id() + ": " + e.getMessage());
                    continue;
                }
                if (write(c, s, ring.sealNamingKey(plain, s.associatedData())) != 1) {
                    throw new IllegalStateException(c.table() + " " + s.id() + " changed while locked");
                }
                done++;
            }
            if (page.size() < PAGE) return done;
            after = page.getLast().id();
        }
    }

    private List<Sealed> page(SealedColumns.Column c, Object after) {
        String sql = "SELECT " + c.idColumn() + " AS id, " + c.associatedDataSql() + " AS aad, " + c.column() + " AS text FROM "
                + c.table() + " WHERE " + c.column() + " NOT LIKE ?" + (after == null ? "" : " AND " + c.idColumn() + " > ?")
                + " ORDER BY " + c.idColumn() + " LIMIT " + PAGE + " FOR UPDATE";
        var spec = jdbc.sql(sql).param(currentPattern());
        if (after != null) spec = spec.param(after);
        return spec.query((rs, n) -> new Sealed(rs.getObject("id"), rs.getString("aad"), rs.getString("text"))).list();
    }

    private int write(SealedColumns.Column c, Sealed s, String text) {
        return jdbc.sql("UPDATE " + c.table() + " SET " + c.column() + " = ? WHERE " + c.idColumn() + " = ? AND " + c.column() + " = ?")
                .params(text, s.id(), s.text()).update();
    }

    private long notUnderCurrent(SealedColumns.Column c) {
        return jdbc.sql("SELECT count(*) FROM " + c.table() + " WHERE " + c.column() + " NOT LIKE ?").param(currentPattern())
                .query(Long.class).single();
    }

    private String currentPattern() {
        return KeyRing.PREFIX + ring.currentId() + ":%";
    }
}
