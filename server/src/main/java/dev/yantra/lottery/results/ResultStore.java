package dev.yantra.lottery.results;

import dev.yantra.lottery.bet.DrawResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads and writes draw_results; every write is guarded by the row's version. */
public final class ResultStore implements dev.yantra.lottery.draw.PublishedResults {
    private final JdbcClient jdbc;

    public ResultStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredResult> find(UUID drawId) {
        return jdbc.sql("SELECT * FROM draw_results WHERE draw_id = ?").param(drawId).query(ResultStore::map).optional();
    }

    /** Inside a transaction: the row locked against corrections and confirmations until it ends. */
    Optional<StoredResult> lock(UUID drawId) {
        return jdbc.sql("SELECT * FROM draw_results WHERE draw_id = ? FOR UPDATE").param(drawId).query(ResultStore::map).optional();
    }

    /** Inside a transaction: the row shared-locked, so a correction waits until a settlement batch commits. */
    Optional<StoredResult> share(UUID drawId) {
        return jdbc.sql("SELECT * FROM draw_results WHERE draw_id = ? FOR SHARE").param(drawId).query(ResultStore::map).optional();
    }

    void insert(UUID drawId, DrawResult r, String source, String enteredBy, boolean needsConfirmation) {
        jdbc.sql("""
                        INSERT INTO draw_results (draw_id, first, second, third, pick3, source, entered_by, needs_confirmation)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(drawId, r.first(), r.second(), r.third(), r.pick3().orElse(null), source, enteredBy, needsConfirmation)
                .update();
    }

    boolean confirm(UUID drawId, String by) {
        return jdbc.sql("""
                        UPDATE draw_results SET confirmed_by = ?, confirmed_at = now(), version = version + 1
                        WHERE draw_id = ? AND needs_confirmation AND confirmed_by IS NULL AND entered_by <> ?""")
                .params(by, drawId, by).update() == 1;
    }

    /**
     * The corrected numbers as the next revision. A released result's correction applies at once (it is audited);
     * one still waiting for its four-eyes confirmation keeps waiting, now for an admin other than the corrector.
     */
    boolean correct(UUID drawId, DrawResult r, int fromRevision, String by) {
        return jdbc.sql("""
                        UPDATE draw_results SET first = ?, second = ?, third = ?, pick3 = ?, revision = revision + 1,
                               source = 'correction', entered_by = ?, entered_at = now(),
                               needs_confirmation = (needs_confirmation AND confirmed_by IS NULL),
                               confirmed_by = NULL, confirmed_at = NULL, version = version + 1
                        WHERE draw_id = ? AND revision = ?""")
                .params(r.first(), r.second(), r.third(), r.pick3().orElse(null), by, drawId, fromRevision).update() == 1;
    }

    /** The released results of these draws, by draw id (the public draws list shows them). */
    public Map<UUID, StoredResult> released(List<UUID> drawIds) {
        Map<UUID, StoredResult> out = new HashMap<>();
        if (drawIds.isEmpty()) return out;
        jdbc.sql("SELECT * FROM draw_results WHERE draw_id = ANY(CAST(? AS uuid[])) AND (NOT needs_confirmation OR confirmed_by IS NOT NULL)")
                .param("{" + String.join(",", drawIds.stream().map(UUID::toString).toList()) + "}").query(ResultStore::map).list()
                .forEach(r -> out.put(r.drawId(), r));
        return out;
    }

    @Override
    public Map<UUID, Map<String, Object>> forDraws(List<UUID> drawIds) {
        Map<UUID, Map<String, Object>> out = new HashMap<>();
        released(drawIds).forEach((id, r) -> out.put(id, r.numbersJson()));
        return out;
    }

    static StoredResult map(ResultSet rs, int row) throws SQLException {
        java.sql.Timestamp confirmed = rs.getTimestamp("confirmed_at");
        return new StoredResult(rs.getObject("draw_id", UUID.class),
                new DrawResult(rs.getString("first"), rs.getString("second"), rs.getString("third"),
                        Optional.ofNullable(rs.getString("pick3"))),
                rs.getInt("revision"), rs.getString("source"), rs.getString("entered_by"),
                rs.getTimestamp("entered_at").toInstant(), rs.getBoolean("needs_confirmation"),
                rs.getString("confirmed_by"), confirmed == null ? null : confirmed.toInstant());
    }
}
