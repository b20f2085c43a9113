package dev.yantra.inbound;

import dev.yantra.config.NodeClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * signature_rejections rows, aggregated in memory: one per (reason, operator, kid, source address, UTC minute, and for
 * clock skew the sign of the drift), counting its rejections, written by {@link #flush()} in batches of at most {@link #MAX_ROWS_PER_FLUSH}.
 * What the clock-skew triage reads (drift and its sign per source, since when) and the credential-leak audit reads
 * (kid, source address, day) survives the aggregation; the 401 itself no longer waits for a database.
 *
 * <p>Bounded: kids that name no operator fold into one key per source (attackers invent kids for free), and past
 * {@link #MAX_PENDING} keys waiting for a flush further kinds are only counted ({@code signature_rejections_unrecorded}).
 * Each node writes its own rows; a row seen again within its minute is updated, not duplicated.
 */
final class RejectionAggregator {
    static final int MAX_PENDING = 10_000;
    static final int MAX_ROWS_PER_FLUSH = 1_000;
    private static final String CLOCK_SKEW = "clock_skew_outside_window";

    record Key(String reason, UUID operatorId, String kid, String sourceIp, long minute, int driftSign) {
    }

    /** What a row says: the first rejection's details, the latest drift, how many and until when. */
    static final class Pending {
        final String kid;
        final String method;
        final String path;
        final String offeredTimestamp;
        final Instant first;
        Long drift;
        long count;
        Instant last;

        Pending(String kid, String method, String path, String offeredTimestamp, Instant first, Long drift) {
            this.kid = kid;
            this.method = method;
            this.path = path;
            this.offeredTimestamp = offeredTimestamp;
            this.first = first;
            this.drift = drift;
            this.last = first;
        }
    }

    private final JdbcClient jdbc;
    private final MeterRegistry registry;
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
    /** Rows written in the current or the previous minute, by key: a later batch of the same minute updates them. */
    private final Map<Key, Long> written = new ConcurrentHashMap<>();

    RejectionAggregator(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    void add(String reason, UUID operatorId, String kid, String method, String path, String sourceIp,
             String offeredTimestamp, Instant ourTime, Long drift) {
        // the sign of the drift tells the clock-skew triage "one-sided" from "both directions"; for any other reason
        // it is noise (a request signed on a second boundary), so it splits rows only for clock skew
        int sign = !CLOCK_SKEW.equals(reason) ? 0 : drift == null ? 2 : Long.signum(drift);
        Key key = new Key(reason, operatorId, operatorId == null ? null : kid, sourceIp, ourTime.getEpochSecond() / 60, sign);
        if (pending.size() >= MAX_PENDING && !pending.containsKey(key)) {
            registry.counter("signature_rejections_unrecorded").increment();
            return;
        }
        pending.compute(key, (k, p) -> {
            Pending row = p != null ? p : new Pending(kid, method, path, offeredTimestamp, ourTime, drift);
            row.count++;
            if (p != null) {
                row.drift = drift;
                row.last = ourTime;
            }
            return row;
        });
    }

    /** Writes up to {@link #MAX_ROWS_PER_FLUSH} pending rows; the rest wait for the next flush. Returns how many. */
    synchronized int flush() {
        List<Map.Entry<Key, Pending>> batch = new ArrayList<>();
        for (Iterator<Key> it = pending.keySet().iterator(); it.hasNext() && batch.size() < MAX_ROWS_PER_FLUSH; ) {
            Key k = it.next();
            Pending p = pending.remove(k);
            if (p != null) batch.add(Map.entry(k, p));
        }
        int done = 0;
        try {
            for (Map.Entry<Key, Pending> e : batch) {
                write(e.getKey(), e.getValue());
                done++;
            }
        } catch (RuntimeException ex) {
            // the database is away: put back what was not written, so the next flush tries again
            for (Map.Entry<Key, Pending> e : batch.subList(done, batch.size())) restore(e.getKey(), e.getValue());
            throw ex;
        } finally {
            long minute = NodeClock.system().instant().getEpochSecond() / 60;
            written.keySet().removeIf(k -> k.minute() < minute - 1);
        }
        return done;
    }

    private void write(Key k, Pending p) {
        Long id = written.get(k);
        if (id != null && jdbc.sql("""
                        UPDATE signature_rejections SET rejection_count = rejection_count + ?, last_seen_at = ?, drift_seconds = ?
                        WHERE id = ?""")
                .params(p.count, Timestamp.from(p.last), p.drift, id).update() == 1) {
            return;
        }
        // a new row, or the old one was trimmed meanwhile
        long newId = jdbc.sql("""
                        INSERT INTO signature_rejections (operator_id, kid, reason, method, path, source_ip, offered_timestamp,
                                                          our_time, drift_seconds, created_at, rejection_count, last_seen_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(k.operatorId(), p.kid, k.reason(), p.method, p.path, k.sourceIp(), p.offeredTimestamp,
                        Timestamp.from(p.first), p.drift, Timestamp.from(p.first), p.count, Timestamp.from(p.last))
                .query(Long.class).single();
        written.put(k, newId);
    }

    private void restore(Key k, Pending p) {
        pending.merge(k, p, (now, old) -> {
            now.count += old.count;
            return now;
        });
    }
}
