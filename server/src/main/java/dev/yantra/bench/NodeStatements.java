package dev.yantra.bench;

import dev.yantra.db.Database;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The statements the node's database ran, from {@code pg_stat_statements} when the server loads it
 * ({@code shared_preload_libraries}; the embedded binaries do not ship it, a local Postgres through DATABASE_URL
 * does). Counts, unlike CPU, do not depend on how busy the box is, so a before/after of a change to the bet path
 * compares statements per settled bet. Without the extension every figure is NaN and the report says n/a.
 */
final class NodeStatements {
    /** One normalized statement: how often it ran and its text (constants replaced by $n). */
    record Statement(String query, long calls) {
    }

    private final Database db;
    private final boolean available;

    private NodeStatements(Database db, boolean available) {
        this.db = db;
        this.available = available;
    }

    /** Creates the extension in the node's database when the server has it loaded; unavailable otherwise. */
    static NodeStatements of(Database db) {
        try {
            db.jdbc().sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
            db.jdbc().sql("SELECT count(*) FROM pg_stat_statements").query(Long.class).single();
            return new NodeStatements(db, true);
        } catch (RuntimeException e) {
            return new NodeStatements(db, false);
        }
    }

    boolean available() {
        return available;
    }

    /** Statements this database has run so far (every user, the bench's own few sampling queries included); NaN unknown. */
    double total() {
        if (!available) return Double.NaN;
        try {
            return db.jdbc().sql("""
                    SELECT coalesce(sum(calls), 0) FROM pg_stat_statements
                     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())""").query(Long.class).single();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Per statement text, the calls so far; empty when unavailable. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new HashMap<>();
        if (!available) return out;
        db.jdbc().sql("""
                SELECT query, sum(calls) AS calls FROM pg_stat_statements
                 WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) GROUP BY query""")
                .query((rs, n) -> out.put(rs.getString(1), rs.getLong(2))).list();
        return out;
    }

    /** What ran between two snapshots, most frequent first. */
    static List<Statement> between(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream().map(e -> new Statement(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(s -> s.calls() > 0).sorted(Comparator.comparingLong(Statement::calls).reversed()).toList();
    }

    /** The statements of one phase per settled bet, as written beside the report (statements-max.txt). */
    static String table(String phase, List<Statement> statements, long settled) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "statements in the node's database during %s (pg_stat_statements), per settled bet (%d settled):%n", phase, settled));
        long total = statements.stream().mapToLong(Statement::calls).sum();
        out.append(String.format(Locale.ROOT, "%10s %10s  %s%n", "per bet", "calls", "statement"));
        out.append(String.format(Locale.ROOT, "%10s %10d  (all)%n", perBet(total, settled), total));
        for (Statement s : statements) {
            out.append(String.format(Locale.ROOT, "%10s %10d  %s%n", perBet(s.calls(), settled), s.calls(),
                    s.query().replaceAll("\\s+", " ").strip()));
        }
        return out.toString();
    }

    private static String perBet(long calls, long settled) {
        return settled <= 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", (double) calls / settled);
    }
}
