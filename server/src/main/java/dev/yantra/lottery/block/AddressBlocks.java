package dev.yantra.lottery.block;

import dev.yantra.admin.AdminAudit;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stored blocks: add, list, remove, each change with its admin_audit_log row in the same transaction. The
 * database's {@code cidr} type parses and normalizes the range ("203.0.113.7" becomes 203.0.113.7/32,
 * "2001:DB8::/32" becomes 2001:db8::/32) and refuses a malformed one or one with host bits beyond its mask.
 * Used by the CLI directly on the database and by the admin API.
 */
public final class AddressBlocks {
    public record Block(long id, String cidr, String reason, String createdBy, Instant createdAt, String removedBy,
                        Instant removedAt) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("cidr", cidr);
            m.put("reason", reason);
            m.put("createdBy", createdBy);
            m.put("createdAt", createdAt.toString());
            m.put("removedBy", removedBy);
            m.put("removedAt", removedAt == null ? null : removedAt.toString());
            return m;
        }
    }

    /** The block and whether this call created it (false: that range was already blocked). */
    public record Added(Block block, boolean created) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AdminAudit audit;

    public AddressBlocks(JdbcClient jdbc, TransactionTemplate tx, AdminAudit audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
    }

    /** The range in PostgreSQL's canonical form; UsageException (a clear message) when it is not a CIDR. */
    public String normalize(String cidr) {
        if (cidr == null || cidr.isBlank()) throw new UsageException("a CIDR is required, e.g. 203.0.113.0/24 or 2001:db8::/32");
        String text = cidr.trim();
        if (!text.matches("[0-9A-Fa-f:.]+(/[0-9]{1,3})?")) throw new UsageException("'" + cidr + "' is not an IPv4 or IPv6 CIDR");
        try {
            return jdbc.sql("SELECT CAST(CAST(? AS cidr) AS text)").param(text).query(String.class).single();
        } catch (RuntimeException e) {
            throw new UsageException("'" + cidr + "' is not a valid CIDR (an address, then /bits with no host bits set beyond them, "
                    + "e.g. 203.0.113.0/24 or 2001:db8::/32)");
        }
    }

    public Added add(String cidr, String reason, String who) {
        if (reason == null || reason.isBlank()) throw new UsageException("a reason is required");
        String normalized = normalize(cidr);
        try {
            return Objects.requireNonNull(tx.execute(s -> {
                Optional<Block> existing = active(normalized);
                if (existing.isPresent()) return new Added(existing.get(), false);
                long id = jdbc.sql("""
                                INSERT INTO player_address_blocks (cidr, reason, created_by) VALUES (CAST(? AS cidr), ?, ?) RETURNING id""")
                        .params(normalized, reason.trim(), AdminAudit.requireAuthor(who)).query(Long.class).single();
                audit.record(who, "lottery.block.add", "address-block:" + normalized, null, "blocked (id " + id + ")", reason.trim());
                return new Added(find(id).orElseThrow(), true);
            }));
        } catch (DataIntegrityViolationException raced) {
            // a concurrent add of the same range won: that block is the one
            return new Added(active(normalized).orElseThrow(() -> raced), false);
        }
    }

    /** Active blocks, or every block ever made with {@code includeRemoved}, newest first. */
    public List<Block> list(boolean includeRemoved) {
        return jdbc.sql("SELECT * FROM player_address_blocks" + (includeRemoved ? "" : " WHERE removed_at IS NULL")
                        + " ORDER BY created_at DESC, id DESC")
                .query(AddressBlocks::map).list();
    }

    /** Lifts the active block of {@code cidr}; NotFoundException when that range is not blocked. */
    public Block remove(String cidr, String reason, String who) {
        String normalized = normalize(cidr);
        return Objects.requireNonNull(tx.execute(s -> {
            Block b = active(normalized).orElseThrow(() -> new NotFoundException("no active block of " + normalized));
            int rows = jdbc.sql("""
                            UPDATE player_address_blocks SET removed_by = ?, removed_at = now(), remove_reason = ?
                            WHERE id = ? AND removed_at IS NULL""")
                    .params(AdminAudit.requireAuthor(who), reason, b.id()).update();
            if (rows != 1) throw new NotFoundException("no active block of " + normalized);
            audit.record(who, "lottery.block.remove", "address-block:" + normalized, "blocked (id " + b.id() + ")", "removed", reason);
            return find(b.id()).orElseThrow();
        }));
    }

    private Optional<Block> active(String normalized) {
        return jdbc.sql("SELECT * FROM player_address_blocks WHERE cidr = CAST(? AS cidr) AND removed_at IS NULL")
                .param(normalized).query(AddressBlocks::map).optional();
    }

    private Optional<Block> find(long id) {
        return jdbc.sql("SELECT * FROM player_address_blocks WHERE id = ?").param(id).query(AddressBlocks::map).optional();
    }

    static Block map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        java.sql.Timestamp removed = rs.getTimestamp("removed_at");
        return new Block(rs.getLong("id"), rs.getString("cidr"), rs.getString("reason"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("removed_by"), removed == null ? null : removed.toInstant());
    }
}
