package dev.yantra.lottery.draw;

import dev.yantra.lottery.catalog.Lottery;
import dev.yantra.lottery.catalog.LotteryCatalog;
import dev.yantra.lottery.schedule.DrawSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans the draws of the enabled lotteries from their schedules, ahead of time. It remembers, per lottery (and
 * per version of its schedule), how far it planned, so a lottery added or rescheduled gets its draws on the next
 * tick while the others are re-planned only every {@code refreshEvery}. Inserting is idempotent on (lottery,
 * draw time), so planning twice, or on two nodes, is harmless.
 */
final class DrawGenerator {
    private static final Logger log = LoggerFactory.getLogger(DrawGenerator.class);
    /** The most draws one lottery gets per planning (a draw a minute for 48 h is 2,880). */
    static final int MAX_PER_LOTTERY = 5_000;

    /** What a lottery's draws depend on: a change to any of these re-plans it at once. */
    record Key(String lotteryId, ZoneId zone, int closeMinutes, Map<String, Object> schedule) {
        static Key of(Lottery l) {
            return new Key(l.id(), l.zone(), l.closeMinutes(), l.schedule());
        }
    }

    /** Draws to insert, and how far each lottery is planned once they are. */
    record Plan(List<DrawStore.Planned> draws, Map<Key, Instant> plannedUntil) {
    }

    private final LotteryCatalog catalog;
    private final Map<Key, Instant> plannedUntil = new HashMap<>();

    DrawGenerator(LotteryCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The draws of every enabled lottery not planned up to {@code now + horizon - refreshEvery}: those whose draw
     * time is in (now, now + horizon) and whose sales have not closed yet.
     */
    synchronized Plan due(Instant now, Duration horizon, Duration refreshEvery) {
        Instant until = now.plus(horizon);
        List<DrawStore.Planned> draws = new ArrayList<>();
        Map<Key, Instant> marks = new HashMap<>();
        List<Lottery> lotteries = catalog.enabled();
        // forget lotteries disabled or rescheduled since: the map holds one entry per lottery on sale
        plannedUntil.keySet().retainAll(lotteries.stream().map(Key::of).toList());
        for (Lottery l : lotteries) {
            Key key = Key.of(l);
            Instant done = plannedUntil.get(key);
            if (done != null && done.isAfter(until.minus(refreshEvery))) continue;
            try {
                draws.addAll(plan(l, now, until));
                marks.put(key, until);
            } catch (RuntimeException e) {
                // one lottery's bad schedule must not stop the others' draws
                log.error("cannot plan the draws of lottery {}: {}", l.id(), e.getMessage());
            }
        }
        return new Plan(draws, marks);
    }

    /** Records a plan as inserted. */
    synchronized void done(Plan plan) {
        plannedUntil.putAll(plan.plannedUntil());
    }

    /** Forgets what was planned (a node that just took the lease plans everything again). */
    synchronized void forget() {
        plannedUntil.clear();
    }

    /** One lottery's draws with draw time strictly between from and until whose sales are still open at {@code from}. */
    static List<DrawStore.Planned> plan(Lottery l, Instant from, Instant until) {
        DrawSchedule schedule = l.drawSchedule();
        List<DrawStore.Planned> out = new ArrayList<>();
        for (Instant time : schedule.drawTimesBetween(from, until)) {
            if (!time.isAfter(from) || !time.isBefore(until)) continue;
            Instant closes = DrawSchedule.closesAt(time, l.closeMinutes());
            if (!closes.isAfter(from)) continue;
            if (out.size() == MAX_PER_LOTTERY) {
                log.warn("lottery {} has more than {} draws before {}; the rest are planned later", l.id(), MAX_PER_LOTTERY, until);
                break;
            }
            out.add(new DrawStore.Planned(l.id(), time, closes));
        }
        return out;
    }
}
