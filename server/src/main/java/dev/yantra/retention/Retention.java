package dev.yantra.retention;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.audit.AuditChain;
import dev.yantra.retention.RetentionPolicies.Kind;
import dev.yantra.retention.RetentionPolicies.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies {@link RetentionPolicies} (docs/retention.md). Short-lived rows are deleted (payloads blanked) in batches
 * of {@link RetentionSettings#batchRows}, each its own statement with {@code FOR UPDATE SKIP LOCKED}, so any number
 * of nodes may run it at once. Money and audit rows are archived, never silently deleted: each batch is deleted
 * with {@code RETURNING} the whole row, the rows are appended to {@code <archive>/<run>/<table>.jsonl} and forced
 * to disk, and only then does the transaction commit — a failed write rolls the delete back. An audit table is
 * archived only while its hash chain verifies (archiving must not bury a tampered row), only as a prefix of its
 * chain, and the chain head's base moves to the last archived row in the same transaction, so
 * {@code yantra audit verify} still verifies what is kept. Each run ends with manifest.json and MANIFEST.sha256.
 */
public final class Retention {
    static final Set<String> AUDIT_TABLES = Set.of("admin_audit_log", "operator_config_audit_log");

    /** What one policy did (or, in a dry run, would do). */
    public record Outcome(String policy, String table, Kind kind, long rows) {
    }

    public record Report(boolean dryRun, List<Outcome> outcomes, Path archiveRun) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RetentionSettings settings;

    public Retention(JdbcClient jdbc, TransactionTemplate tx, RetentionSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = settings;
    }

    /** The short-lived policies: what the node runs on its schedule. Idempotent. */
    public List<Outcome> purgeShortLived(boolean dryRun) {
        List<Outcome> out = new ArrayList<>();
        for (Policy p : RetentionPolicies.SHORT_LIVED) out.add(new Outcome(p.name(), p.table(), p.kind(), dryRun ? count(p) : purge(p)));
        return out;
    }

    /** Everything: short-lived rows purged, money and audit rows past the jurisdiction period archived then deleted. */
    public Report run(boolean dryRun, String by) {
        AdminAudit.requireAuthor(by);
        List<Outcome> out = new ArrayList<>(purgeShortLived(dryRun));
        Path run = null;
        Map<String, Long> archived = new LinkedHashMap<>();
        for (Policy p : RetentionPolicies.MONEY) {
            if (dryRun) {
                out.add(new Outcome(p.name(), p.table(), p.kind(), AUDIT_TABLES.contains(p.table()) ? countAuditPrefix(p) : count(p)));
                continue;
            }
            if (run == null && (AUDIT_TABLES.contains(p.table()) ? countAuditPrefix(p) : count(p)) == 0) {
                out.add(new Outcome(p.name(), p.table(), p.kind(), 0));
                continue;
            }
            if (run == null) run = newRunDir();
            long n = AUDIT_TABLES.contains(p.table()) ? archiveAudit(p, run) : archive(p, run);
            archived.put(p.table(), n);
            out.add(new Outcome(p.name(), p.table(), p.kind(), n));
        }
        if (run != null) {
            writeManifest(run, archived, by);
            new AdminAudit(jdbc).record(by, "retention.archive", "archive:" + run.getFileName(), null, Json.write(archived),
                    "rows past the jurisdiction period (" + settings.money().toDays() + " days) archived to " + run.toAbsolutePath() + ", then deleted");
        }
        return new Report(dryRun, out, run);
    }

    private String age(Policy p, boolean money) {
        return "t." + p.timeColumn() + " < now() - make_interval(secs => " + (money ? settings.money() : settings.shortLived()).toSeconds() + ")"
                + (p.guardSql().isEmpty() ? "" : " AND " + p.guardSql());
    }

    private long count(Policy p) {
        return jdbc.sql("SELECT count(*) FROM " + p.table() + " t WHERE " + age(p, p.money())).query(Long.class).single();
    }

    private long purge(Policy p) {
        String pick = "SELECT t.ctid FROM " + p.table() + " t WHERE " + age(p, false) + " LIMIT " + settings.batchRows() + " FOR UPDATE SKIP LOCKED";
        String sql = p.kind() == Kind.PURGE
                ? "DELETE FROM " + p.table() + " d WHERE d.ctid IN (" + pick + ")"
                : "UPDATE " + p.table() + " d SET " + p.column() + " = NULL WHERE d.ctid IN (" + pick + ")";
        long total = 0;
        while (true) {
            int n = jdbc.sql(sql).update();
            total += n;
            if (n < settings.batchRows()) return total;
        }
    }

    private long archive(Policy p, Path run) {
        String sql = "DELETE FROM " + p.table() + " d WHERE d.ctid IN (SELECT t.ctid FROM " + p.table() + " t WHERE " + age(p, true)
                + " ORDER BY t." + p.timeColumn() + " LIMIT " + settings.batchRows() + " FOR UPDATE SKIP LOCKED) RETURNING to_jsonb(d)::text";
        long total = 0;
        while (true) {
            Integer n = tx.execute(s -> {
                List<String> rows = jdbc.sql(sql).query(String.class).list();
                append(run.resolve(p.table() + ".jsonl"), rows);   // on disk before the delete commits
                return rows.size();
            });
            total += n;
            if (n < settings.batchRows()) return total;
        }
    }

    /** The chain prefix older than the period: every row before the first one that is still young. */
    private long auditCutoffSeq(Policy p) {
        return jdbc.sql("SELECT coalesce((SELECT min(chain_seq) FROM " + p.table() + " t WHERE NOT (" + age(p, true) + ")),"
                        + " (SELECT last_seq FROM audit_chain_heads WHERE table_name = ?) + 1) - 1")
                .param(p.table()).query(Long.class).single();
    }

    private long countAuditPrefix(Policy p) {
        long cutoff = auditCutoffSeq(p);
        return jdbc.sql("SELECT count(*) FROM " + p.table() + " WHERE chain_seq <= ?").param(cutoff).query(Long.class).single();
    }

    private long archiveAudit(Policy p, Path run) {
        AuditChain.Result verified = new AuditChain(jdbc).verify(p.table());
        if (!verified.intact()) {
            throw new IllegalStateException(p.table() + " is not archived: its hash chain is broken (" + verified.problem().orElseThrow().message()
                    + "); investigate with 'yantra audit verify' first");
        }
        long total = 0;
        while (true) {
            Integer n = tx.execute(s -> {
                // the head row lock: no audit row is inserted while the chain's base moves
                jdbc.sql("SELECT 1 FROM audit_chain_heads WHERE table_name = ? FOR UPDATE").param(p.table()).query(Integer.class).single();
                long cutoff = auditCutoffSeq(p);
                List<Object[]> rows = jdbc.sql("DELETE FROM " + p.table() + " d WHERE d.chain_seq IN (SELECT chain_seq FROM " + p.table()
                                + " WHERE chain_seq <= ? ORDER BY chain_seq LIMIT " + settings.batchRows() + ") RETURNING d.chain_seq, d.row_hash, to_jsonb(d)::text")
                        .param(cutoff).query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).list();
                if (rows.isEmpty()) return 0;
                Object[] last = rows.stream().max(java.util.Comparator.comparingLong(r -> (Long) r[0])).orElseThrow();
                int moved = jdbc.sql("UPDATE audit_chain_heads SET base_seq = ?, base_hash = ?, updated_at = now() WHERE table_name = ?")
                        .params(last[0], last[1], p.table()).update();
                if (moved != 1) throw new IllegalStateException("audit chain head of " + p.table() + " changed " + moved + " rows");
                append(run.resolve(p.table() + ".jsonl"), rows.stream().map(r -> (String) r[2]).toList());
                return rows.size();
            });
            total += n;
            if (n < settings.batchRows()) return total;
        }
    }

    private Path newRunDir() {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(dev.yantra.config.NodeClock.system().instant());
        Path run = settings.archiveDir().resolve("retention-" + stamp);
        try {
            Files.createDirectories(settings.archiveDir());
            Files.createDirectory(run);   // never into an existing run
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the archive directory " + run + "; nothing was deleted", e);
        }
    }

    private static void append(Path file, List<String> rows) {
        if (rows.isEmpty()) return;
        StringBuilder b = new StringBuilder();
        for (String r : rows) b.append(r).append('\n');
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the archive " + file + "; the batch is rolled back, nothing is deleted", e);
        }
    }

    private void writeManifest(Path run, Map<String, Long> archived, String by) {
        try {
            Map<String, Object> files = new LinkedHashMap<>();
            StringBuilder sums = new StringBuilder();
            for (Map.Entry<String, Long> e : archived.entrySet()) {
                Path f = run.resolve(e.getKey() + ".jsonl");
                if (!Files.exists(f)) continue;
                String sha = sha256(Files.readAllBytes(f));
                files.put(f.getFileName().toString(), Map.of("rows", e.getValue(), "sha256", sha));
                sums.append(sha).append("  ").append(f.getFileName()).append('\n');
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", "yantra-retention-archive-v1");
            m.put("archivedAt", dev.yantra.config.NodeClock.system().instant().toString());
            m.put("archivedBy", by);
            m.put("keptDays", settings.money().toDays());
            m.put("rows", "one JSON object per line: the whole row as PostgreSQL's to_jsonb printed it");
            m.put("files", files);
            byte[] json = (Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.write(run.resolve("manifest.json"), json);
            sums.append(sha256(json)).append("  manifest.json\n");
            Files.writeString(run.resolve("MANIFEST.sha256"), sums.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("the rows are archived in " + run + " but its manifest could not be written", e);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
