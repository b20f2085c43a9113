package dev.yantra.lottery.results.source;

import dev.yantra.lottery.draw.DrawScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configured results source every {@code RESULTS_POLL_SECONDS} and applies it, on one node only.
 *
 * <p>It rides the draw scheduler's leadership instead of a lease row of its own: results are only entered for
 * draws the leader has CLOSED, so the node that moves draws is the natural one to result them, and a second lease
 * would add a row, a TTL and a failover to reason about for no gain. Nothing breaks if two nodes ever poll at once
 * during a lease hand-over: {@code Results.set} locks the draw's result row and refuses a second entry
 * ({@code result_exists}), which the import reads back as unchanged.
 */
public final class ResultsSourcePoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResultsSourcePoller.class);

    private final String source;
    private final Duration every;
    private final ResultsSourceReader reader;
    private final ResultsImport importer;
    private final DrawScheduler scheduler;
    private ScheduledExecutorService thread;

    public ResultsSourcePoller(String source, Duration every, ResultsSourceReader reader, ResultsImport importer, DrawScheduler scheduler) {
        this.source = source;
        this.every = every;
        this.reader = reader;
        this.importer = importer;
        this.scheduler = scheduler;
    }

    public synchronized void start() {
        if (thread != null) return;
        thread = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("results-source").daemon().unstarted(r));
        thread.scheduleWithFixedDelay(this::pollQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        log.info("results source {} polled every {} s on the draw scheduler's leader", source, every.toSeconds());
    }

    private void pollQuietly() {
        try {
            if (scheduler.fence().isPresent()) poll();
        } catch (RuntimeException e) {   // the database, most likely: the next poll tries again
            log.warn("results source poll failed: {}", e.toString());
        }
    }

    /** One poll now, whoever leads; null when the source could not be read (counted as unreadable). */
    public ResultsImport.Report poll() {
        String text;
        try {
            text = reader.read(source);
        } catch (IOException | RuntimeException e) {
            importer.unreadable(source, e.toString());
            return null;
        }
        ResultsImport.Report report = importer.apply(source, text, false);
        if (report.count(SourceOutcome.APPLIED) > 0 || report.needsAttention()) {
            log.info("results source {}: {} applied, {} unchanged, {} conflict, {} invalid, {} unknown draw, {} not closed", source,
                    report.count(SourceOutcome.APPLIED), report.count(SourceOutcome.UNCHANGED), report.count(SourceOutcome.CONFLICT),
                    report.count(SourceOutcome.INVALID), report.count(SourceOutcome.UNKNOWN_DRAW), report.count(SourceOutcome.DRAW_NOT_CLOSED));
        }
        return report;
    }

    @Override
    public synchronized void close() {
        if (thread == null) return;
        thread.shutdownNow();
        thread = null;
    }
}
