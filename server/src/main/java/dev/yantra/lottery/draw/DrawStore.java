package dev.yantra.lottery.draw;

import dev.yantra.db.RowLease;
import dev.yantra.db.Rows;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one place that writes draws. Inserts are idempotent on (lottery_id, draw_time); every move is guarded by
 * the expected state, writes its draw_transitions row in the same statement, and — when the scheduler makes it —
 * is fenced by the scheduler's lease epoch, so a node that lost the lease moves nothing.
 */
public final class DrawStore {
    /** The most draws one scheduler statement moves; the rest wait for the next poll. */
    public static final int MAX_BATCH = 500;
    private final JdbcClient jdbc;

    public DrawStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A draw to create: its lottery, draw time and sales cut-off. */
    public record Planned(String lotteryId, Instant drawTime, Instant closesAt) {
        public Planned {
            Objects.requireNonNull(lotteryId, "lotteryId");
            if (closesAt.isAfter(drawTime)) {
                throw new IllegalArgumentException("closesAt " + closesAt + " is after drawTime " + drawTime);
            }
        }
    }

    /** Inserts the planned draws not there yet (as SCHEDULED), in statements of at most {@value #MAX_BATCH}; returns how many were new. */
    public int insertMissing(List<Planned> planned, Instant now) {
        int added = 0;
        for (int i = 0; i < planned.size(); i += MAX_BATCH) {
            List<Planned> chunk = planned.subList(i, Math.min(planned.size(), i + MAX_BATCH));
            added += jdbc.sql("""
                    INSERT INTO draws (id, lottery_id, draw_time, closes_at, state, state_changed_at)
                    SELECT gen_random_uuid(), p.lottery_id, p.draw_time, p.closes_at, 'SCHEDULED', :now
                      FROM unnest(CAST(:lotteries AS text[]), CAST(:times AS timestamptz[]), CAST(:closes AS timestamptz[]))
                           AS p (lottery_id, draw_time, closes_at)
                    ON CONFLICT (lottery_id, draw_time) DO NOTHING""")
                    .param("lotteries", arrayLiteral(chunk.stream().map(Planned::lotteryId).toList()))
                    .param("times", arrayLiteral(chunk.stream().map(p -> p.drawTime().toString()).toList()))
                    .param("closes", arrayLiteral(chunk.stream().map(p -> p.closesAt().toString()).toList()))
                    .param("now", at(now)).update();
        }
        return added;
    }

    /** A Postgres array literal of slugs and ISO instants (no quotes, commas or braces can occur in them). */
    private static String arrayLiteral(List<String> values) {
        for (String v : values) {
            if (!v.matches("[A-Za-z0-9:.+\\-]+")) throw new IllegalArgumentException("unexpected array element '" + v + "'");
        }
        return "{" + String.join(",", values) + "}";
    }

    /**
     * SCHEDULED → OPEN for draws whose sales window has begun ({@code draw_time - salesOpenBefore <= now}) and
     * not yet ended; returns the ids moved.
     */
    public List<UUID> openDue(SchedulerFence fence, Instant now, Duration salesOpenBefore) {
        return moveFenced(DrawState.Transition.OPEN_SALES, fence, now, """
                AND d.closes_at > :now AND d.draw_time - make_interval(secs => :openBeforeS) <= :now""",
                salesOpenBefore.toSeconds());
    }

    /** OPEN → CLOSED, and SCHEDULED → CLOSED for draws that never opened, at their cut-off; returns the ids moved. */
    public List<UUID> closeDue(SchedulerFence fence, Instant now) {
        List<UUID> moved = new ArrayList<>(
                moveFenced(DrawState.Transition.CLOSE_SALES, fence, now, "AND d.closes_at <= :now", 0));
        moved.addAll(moveFenced(DrawState.Transition.CLOSE_UNOPENED, fence, now, "AND d.closes_at <= :now", 0));
        return moved;
    }

    private List<UUID> moveFenced(DrawState.Transition t, SchedulerFence fence, Instant now, String due, long openBeforeS) {
        return jdbc.sql("""
                WITH due AS (
                  SELECT d.id FROM draws d WHERE d.state = :from %s
                   ORDER BY d.closes_at LIMIT :batch FOR UPDATE SKIP LOCKED),
                moved AS (
                  UPDATE draws SET state = :to, state_changed_at = :now, moved_by = :owner, version = version + 1
                   WHERE id IN (SELECT id FROM due) AND state = :from
                     AND EXISTS (%s)
                  RETURNING id)
                INSERT INTO draw_transitions (draw_id, from_state, to_state, moved_by, lease_epoch, moved_at)
                SELECT id, :from, :to, :owner, :epoch, :now FROM moved
                RETURNING draw_id""".formatted(due, SchedulerFence.SQL))
                .param("from", t.from.name()).param("to", t.to.name()).param("now", at(now))
                .param("batch", MAX_BATCH).param("openBeforeS", openBeforeS)
                .param("owner", fence.owner()).param("epoch", fence.epoch()).param("leaseName", fence.name())
                .query(UUID.class).list();
    }

    /**
     * One draw's move made by a person (an admin's cancel), not fenced by the scheduler's lease; false when the
     * draw is no longer in {@code t.from} (someone moved it first).
     */
    public boolean move(UUID drawId, DrawState.Transition t, String movedBy, String reason, Instant now) {
        int rows = jdbc.sql("""
                WITH moved AS (
                  UPDATE draws SET state = :to, state_changed_at = :now, moved_by = :by, version = version + 1,
                         cancel_reason = CASE WHEN :to = 'CANCELLED' THEN :reason ELSE cancel_reason END
                   WHERE id = :id AND state = :from
                  RETURNING id)
                INSERT INTO draw_transitions (draw_id, from_state, to_state, moved_by, lease_epoch, moved_at)
                SELECT id, :from, :to, :by, NULL, :now FROM moved""")
                .param("to", t.to.name()).param("from", t.from.name()).param("now", at(now)).param("by", movedBy)
                .param("reason", reason).param("id", drawId).update();
        return Rows.one(rows, "move of draw " + drawId);
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
