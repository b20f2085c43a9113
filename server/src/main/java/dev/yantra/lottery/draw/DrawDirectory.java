package dev.yantra.lottery.draw;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads draws: the plays code asks for a draw by id or the next one on sale; the API and CLI list them. */
public final class DrawDirectory {
    /** The most draws one listing returns (a week of a lottery drawing every 3 minutes is 3,360). */
    public static final int MAX_LIST = 1_000;
    private final JdbcClient jdbc;
    private final Clock clock;

    public DrawDirectory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Draw> find(UUID drawId) {
        if (drawId == null) return Optional.empty();
        return jdbc.sql("SELECT id, lottery_id, draw_time, closes_at, state FROM draws WHERE id = :id")
                .param("id", drawId).query(DrawDirectory::map).optional();
    }

    /** The lottery's OPEN draw that closes first after now: where a play without a drawId goes. */
    public Optional<Draw> nextOpen(String lotteryId) {
        return jdbc.sql("""
                SELECT id, lottery_id, draw_time, closes_at, state FROM draws
                 WHERE lottery_id = :lottery AND state = 'OPEN' AND closes_at > :now
                 ORDER BY closes_at, draw_time LIMIT 1""")
                .param("lottery", lotteryId).param("now", DrawStore.at(clock.instant()))
                .query(DrawDirectory::map).optional();
    }

    /** The lottery's draws whose draw time is in [from, to), oldest first, at most {@code limit} (≤ {@value #MAX_LIST}). */
    public List<Draw> between(String lotteryId, Instant from, Instant to, int limit) {
        if (limit < 1 || limit > MAX_LIST) throw new IllegalArgumentException("limit must be 1.." + MAX_LIST + ", was " + limit);
        return jdbc.sql("""
                SELECT id, lottery_id, draw_time, closes_at, state FROM draws
                 WHERE lottery_id = :lottery AND draw_time >= :from AND draw_time < :to
                 ORDER BY draw_time LIMIT :limit""")
                .param("lottery", lotteryId).param("from", DrawStore.at(from)).param("to", DrawStore.at(to))
                .param("limit", limit).query(DrawDirectory::map).list();
    }

    /** The lottery's next {@code count} draws not yet drawn (any state but CANCELLED), soonest first. */
    public List<Draw> upcoming(String lotteryId, int count) {
        if (count < 1 || count > MAX_LIST) throw new IllegalArgumentException("count must be 1.." + MAX_LIST + ", was " + count);
        return jdbc.sql("""
                SELECT id, lottery_id, draw_time, closes_at, state FROM draws
                 WHERE lottery_id = :lottery AND draw_time > :now AND state <> 'CANCELLED'
                 ORDER BY draw_time LIMIT :count""")
                .param("lottery", lotteryId).param("now", DrawStore.at(clock.instant())).param("count", count)
                .query(DrawDirectory::map).list();
    }

    /** Every move the draw made, in order: who moved it, under which lease epoch, when. */
    public List<DrawTransition> history(UUID drawId) {
        return jdbc.sql("""
                SELECT draw_id, from_state, to_state, moved_by, lease_epoch, moved_at FROM draw_transitions
                 WHERE draw_id = :id ORDER BY moved_at, id""")
                .param("id", drawId)
                .query((rs, n) -> new DrawTransition(rs.getObject("draw_id", UUID.class),
                        DrawState.valueOf(rs.getString("from_state")), DrawState.valueOf(rs.getString("to_state")),
                        rs.getString("moved_by"), (Long) rs.getObject("lease_epoch"),
                        rs.getTimestamp("moved_at").toInstant()))
                .list();
    }

    static Draw map(ResultSet rs, int row) throws SQLException {
        return new Draw(rs.getObject("id", UUID.class), rs.getString("lottery_id"),
                rs.getTimestamp("draw_time").toInstant(), rs.getTimestamp("closes_at").toInstant(),
                DrawState.valueOf(rs.getString("state")));
    }

    /** One row of draw_transitions. {@code leaseEpoch} is null for an admin's move. */
    public record DrawTransition(UUID drawId, DrawState from, DrawState to, String movedBy, Long leaseEpoch,
                                 Instant movedAt) {
    }
}
