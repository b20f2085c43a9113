package dev.yantra.play;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps bet refusals in bet_refusals, batched: the refusal path only offers a record to a bounded in-memory
 * queue (no database connection, no wait), and one writer thread inserts what queued every 200 ms in a single
 * multi-row INSERT. Why not one INSERT per refusal: the breaker refuses to shed load while players retry, often
 * in bursts; a synchronous INSERT would make each shed request borrow a pool connection exactly when the pool
 * is busiest. The price: a crash (kill -9) loses at most the last 200 ms of refusals; a normal shutdown flushes.
 * A full queue (10,000 refusals within 200 ms, far beyond what a node serves) drops the record and counts it in
 * {@code bet_refusals_unrecorded_total}, so a gap in the evidence is visible. Rows older than 30 days are deleted
 * hourly.
 */
public final class BetRefusalWriter implements BetRefusals, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BetRefusalWriter.class);
    static final int QUEUE_CAPACITY = 10_000;
    static final int ROWS_PER_INSERT = 1_000;   // 5 parameters a row, well under PostgreSQL's 32,767
    static final Duration FLUSH_EVERY = Duration.ofMillis(200);
    static final Duration RETENTION = Duration.ofDays(30);

    record Refusal(UUID operatorId, String playerRef, String gameCode, String reason, Instant at) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Counter unrecorded;
    private final BlockingQueue<Refusal> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bet-refusal-writer");
        t.setDaemon(true);
        return t;
    });

    public BetRefusalWriter(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.unrecorded = Counter.builder("bet_refusals_unrecorded")
                .description("bet refusals dropped before reaching bet_refusals (queue full or insert failed)").register(meters);
        writer.scheduleWithFixedDelay(this::flushQuietly, FLUSH_EVERY.toMillis(), FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        writer.scheduleWithFixedDelay(this::pruneQuietly, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public void refused(UUID operatorId, String playerRef, String gameCode, String reason) {
        if (!queue.offer(new Refusal(operatorId, playerRef, gameCode, reason, clock.instant()))) unrecorded.increment();
    }

    /**
     * Writes everything queued so far; returns the number of rows written. Synchronized so that it returns only
     * after a periodic flush already holding a batch has written it too (a test caught a 1,000-row batch in flight).
     */
    public synchronized int flush() {
        int written = 0;
        List<Refusal> batch = new ArrayList<>(ROWS_PER_INSERT);
        while (queue.drainTo(batch, ROWS_PER_INSERT) > 0) {
            try {
                written += insert(batch);
            } catch (RuntimeException e) {
                // evidence, not money: drop the batch (counted) rather than hold memory while the database is away
                unrecorded.increment(batch.size());
                log.warn("{} bet refusals not recorded: {}", batch.size(), e.getMessage());
            }
            batch.clear();
        }
        return written;
    }

    private int insert(List<Refusal> batch) {
        StringBuilder sql = new StringBuilder("INSERT INTO bet_refusals (operator_id, player_ref, game_code, reason, refused_at) VALUES ");
        List<Object> params = new ArrayList<>(batch.size() * 5);
        for (int i = 0; i < batch.size(); i++) {
            Refusal r = batch.get(i);
            sql.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
            params.add(r.operatorId());
            params.add(r.playerRef());
            params.add(r.gameCode());
            params.add(r.reason());
            params.add(Timestamp.from(r.at()));
        }
        return jdbc.sql(sql.toString()).params(params).update();
    }

    /** Deletes rows past the retention; returns how many. */
    public int prune() {
        return jdbc.sql("DELETE FROM bet_refusals WHERE refused_at < ?")
                .param(Timestamp.from(clock.instant().minus(RETENTION))).update();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("bet refusal flush failed: {}", e.toString());
        }
    }

    private void pruneQuietly() {
        try {
            int n = prune();
            if (n > 0) log.info("deleted {} bet_refusals rows older than {}", n, RETENTION);
        } catch (RuntimeException e) {
            log.warn("bet_refusals retention failed: {}", e.getMessage());
        }
    }

    /** Stops the writer thread, then writes what is still queued (the context closes the pool after this). */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) writer.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
