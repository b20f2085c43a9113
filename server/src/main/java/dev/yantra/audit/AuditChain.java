package dev.yantra.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Verifies the audit tables' hash chains (docs/audit-chain.md). For each table of audit_chain_heads it walks the
 * rows in chain order, re-computes every row's hash from its current content with the same text function the
 * database hashed at insert, and checks that the sequence has no gap, that each row links to the one before, and
 * that the newest row is the one the chain head names. It stops at the first break and names the row: an edited
 * row (its content no longer matches its hash, or its hash was rewritten and the next row no longer links to it)
 * or a deleted one (a gap, or a missing newest row).
 */
public final class AuditChain {
    static final int PAGE = 1000;

    public enum Break { EDITED, DELETED }

    /** The first break of a chain: what happened, to which row (its id, or the ids around a deleted one). */
    public record Problem(Break kind, String message) {
    }

    /** One table's chain: how many rows were checked, and the first break if there is one. */
    public record Result(String table, long rows, String headHash, Optional<Problem> problem) {
        public boolean intact() {
            return problem.isEmpty();
        }
    }

    /** A chained row as stored, with the text the database hashes for it now. */
    public record Link(String id, long chainSeq, String prevHash, String rowHash, String chainText) {
    }

    private record Head(String table, long lastSeq, String lastHash, long baseSeq, String baseHash) {
    }

    private final JdbcClient jdbc;

    public AuditChain(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every chained table, in name order. */
    public List<String> tables() {
        return jdbc.sql("SELECT table_name FROM audit_chain_heads ORDER BY table_name").query(String.class).list();
    }

    public List<Result> verifyAll() {
        return tables().stream().map(this::verify).toList();
    }

    public Result verify(String table) {
        Head head = head(table);
        long expectedSeq = head.baseSeq() + 1;
        String expectedPrev = head.baseHash();
        Link last = null;
        long rows = 0;
        while (true) {
            List<Link> page = links(table, expectedSeq - 1, PAGE);
            for (Link l : page) {
                Optional<Problem> p = check(l, last, expectedSeq, expectedPrev);
                if (p.isPresent()) return new Result(table, rows, head.lastHash(), p);
                rows++;
                last = l;
                expectedSeq++;
                expectedPrev = l.rowHash();
            }
            if (page.size() < PAGE) break;
        }
        if (head.lastSeq() > expectedSeq - 1) {
            return new Result(table, rows, head.lastHash(), Optional.of(new Problem(Break.DELETED, "chain_seq " + expectedSeq
                    + (head.lastSeq() > expectedSeq ? ".." + head.lastSeq() : "") + " deleted: the newest row(s)"
                    + (last == null ? "" : ", after id " + last.id()) + ", are gone (the chain head records chain_seq " + head.lastSeq() + ")")));
        }
        if (!head.lastHash().equals(expectedPrev)) {
            return new Result(table, rows, head.lastHash(), Optional.of(new Problem(Break.EDITED, "row id " + (last == null ? "?" : last.id())
                    + " edited: its stored hash is not the one the chain head recorded")));
        }
        return new Result(table, rows, head.lastHash(), Optional.empty());
    }

    private static Optional<Problem> check(Link l, Link before, long expectedSeq, String expectedPrev) {
        String where = before == null ? "before id " + l.id() : "between id " + before.id() + " and id " + l.id();
        if (l.chainSeq() > expectedSeq) {
            return Optional.of(new Problem(Break.DELETED, "chain_seq " + expectedSeq + (l.chainSeq() - 1 > expectedSeq ? ".." + (l.chainSeq() - 1) : "")
                    + " deleted: the row(s) " + where + " are gone"));
        }
        if (!l.prevHash().equals(expectedPrev)) {
            return Optional.of(before == null
                    ? new Problem(Break.DELETED, "row id " + l.id() + " does not link to the chain's base: rows before it were deleted"
                            + " other than by retention, or its prev_hash was edited")
                    : new Problem(Break.EDITED, "row id " + before.id() + " edited: its hash was rewritten, so row id " + l.id()
                            + " no longer links to it"));
        }
        if (!hash(l.prevHash(), l.chainText()).equals(l.rowHash())) {
            return Optional.of(new Problem(Break.EDITED, "row id " + l.id() + " (chain_seq " + l.chainSeq()
                    + ") edited: its content no longer matches its hash"));
        }
        return Optional.empty();
    }

    /** Rows of {@code table} with chain_seq above {@code afterSeq}, in chain order. */
    public List<Link> links(String table, long afterSeq, int limit) {
        requireChained(table);
        return jdbc.sql("SELECT id::text AS id, chain_seq, prev_hash, row_hash, " + table + "_chain_text(t) AS chain_text FROM " + table
                        + " t WHERE chain_seq > ? ORDER BY chain_seq LIMIT ?")
                .params(afterSeq, limit)
                .query((rs, n) -> new Link(rs.getString("id"), rs.getLong("chain_seq"), rs.getString("prev_hash"), rs.getString("row_hash"),
                        rs.getString("chain_text")))
                .list();
    }

    /** Rows whose created_at is in [since, until), in chain order: an evidence export's segment of the chain. */
    public List<Link> linksCreatedIn(String table, java.time.Instant since, java.time.Instant until, int limit) {
        requireChained(table);
        List<Link> out = new ArrayList<>();
        out.addAll(jdbc.sql("SELECT id::text AS id, chain_seq, prev_hash, row_hash, " + table + "_chain_text(t) AS chain_text FROM " + table
                        + " t WHERE created_at >= ? AND created_at < ? ORDER BY chain_seq LIMIT ?")
                .params(java.sql.Timestamp.from(since), java.sql.Timestamp.from(until), limit)
                .query((rs, n) -> new Link(rs.getString("id"), rs.getLong("chain_seq"), rs.getString("prev_hash"), rs.getString("row_hash"),
                        rs.getString("chain_text")))
                .list());
        return out;
    }

    /** hex SHA-256 of prevHash + "\n" + chainText: what the database's audit_chain_hash computes. */
    public static String hash(String prevHash, String chainText) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest((prevHash + "\n" + chainText).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Head head(String table) {
        return jdbc.sql("SELECT table_name, last_seq, last_hash, base_seq, base_hash FROM audit_chain_heads WHERE table_name = ?").param(table)
                .query((rs, n) -> new Head(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5))).optional()
                .orElseThrow(() -> new dev.yantra.config.NotFoundException("no audit chain for table '" + table + "'"));
    }

    private void requireChained(String table) {
        if (!tables().contains(table)) throw new dev.yantra.config.NotFoundException("no audit chain for table '" + table + "'");
    }
}
