package dev.yantra.jobs;

import dev.yantra.db.GroupCommit;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works a durable queue ({@link JobTable}) with a pluggable {@link JobHandler}: one poller claims as many due
 * jobs as there are free worker slots (batch = free slots), each runs on its own virtual thread, at most
 * {@code concurrency} at once. Any number of nodes can run one over the same table.
 *
 * <p>Concurrency and max attempts can change while it runs ({@link #resize}, {@link #maxAttempts(int)}: the
 * runtime settings jobs.concurrency / jobs.maxAttempts). Completions of concurrent tries are written together
 * ({@link GroupCommit}): one transaction marks a batch of jobs done and settles their bets.
 *
 * <p>Recovery is by lease, not finally blocks: a node that dies mid-try leaves a lease that expires, and
 * another node reclaims the job; the dead node's late writes fail their version guard. Drain ({@link #stop})
 * stops claiming, waits for in-flight tries up to the grace, then hands back every lease it still holds.
 */
public final class PendingJobRunner<J extends QueuedJob> {
    private static final Logger log = LoggerFactory.getLogger(PendingJobRunner.class);

    /**
     * @param concurrency   most tries in flight (PENDING_JOB_CONCURRENCY)
     * @param maxAttempts   after this many failed tries a job is flagged needs_attention and retried at the cap
     * @param lease         how long a claim holds a job; longer than one try can take
     * @param idlePoll      wait between claims when the queue had nothing due
     * @param blockedDelay  how far a job of a blocked counterparty is pushed back
     */
    public record Settings(int concurrency, int maxAttempts, Backoff backoff, Duration lease, Duration idlePoll,
                           Duration blockedDelay) {
        public Settings {
            if (concurrency < 1 || concurrency > 1000) throw new IllegalArgumentException("concurrency must be 1..1000, was " + concurrency);
            if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
            Objects.requireNonNull(backoff, "backoff");
            if (lease.toMillis() < 100) throw new IllegalArgumentException("lease must be >= 100 ms, was " + lease);
            if (idlePoll.toMillis() < 1) throw new IllegalArgumentException("idlePoll must be >= 1 ms, was " + idlePoll);
            if (blockedDelay.toMillis() < 1) throw new IllegalArgumentException("blockedDelay must be >= 1 ms, was " + blockedDelay);
        }
    }

    private final String name;
    private final String node;
    private final JobTable<J> table;
    private final JobHandler<J> handler;
    private final Settings settings;
    private final Supplier<List<String>> blockedCounterparties;
    private final MeterRegistry meters;
    private final Slots slots;
    private final GroupCommit<Completion<J>> completions;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private volatile int limit;
    private volatile int maxAttempts;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Object wake = new Object();
    private volatile boolean running;
    private Thread poller;

    public PendingJobRunner(String name, String node, JobTable<J> table, JobHandler<J> handler, Settings settings,
                            Supplier<List<String>> blockedCounterparties, MeterRegistry meters) {
        this.name = name;
        this.node = node;
        this.table = table;
        this.handler = handler;
        this.settings = settings;
        this.blockedCounterparties = blockedCounterparties;
        this.meters = meters;
        this.limit = settings.concurrency();
        this.maxAttempts = settings.maxAttempts();
        this.slots = new Slots(settings.concurrency());
        this.completions = new GroupCommit<>(MAX_COMPLETION_BATCH, this::writeCompletions);
    }

    static final int MAX_COMPLETION_BATCH = 200;

    /** A semaphore whose size can shrink as well as grow; permits may go negative until tries finish. */
    private static final class Slots extends Semaphore {
        Slots(int permits) {
            super(permits);
        }

        void shrink(int by) {
            reducePermits(by);
        }
    }

    /** A finished try waiting for its completion write; {@code won} and {@code failure} are set by the writer. */
    private static final class Completion<J> {
        final J job;
        final JobOutcome.Done done;
        boolean won;
        RuntimeException failure;

        Completion(J job, JobOutcome.Done done) {
            this.job = job;
            this.done = done;
        }
    }

    /**
     * Changes how many tries may run at once, now: more slots are free at once; fewer take effect as running
     * tries finish (none is interrupted). The poller claims by free slots, so it never over-claims.
     */
    public synchronized void resize(int concurrency) {
        if (concurrency < 1 || concurrency > 1024) throw new IllegalArgumentException("concurrency must be 1..1024, was " + concurrency);
        int delta = concurrency - limit;
        if (delta == 0) return;
        limit = concurrency;
        if (delta > 0) slots.release(delta);
        else slots.shrink(-delta);
        log.info("{} runner on {}: concurrency now {}", name, node, concurrency);
        wake();
    }

    /** From the next failed try on, a job is flagged needs_attention after this many attempts. */
    public void maxAttempts(int attempts) {
        if (attempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1, was " + attempts);
        if (attempts != maxAttempts) log.info("{} runner on {}: maxAttempts now {}", name, node, attempts);
        maxAttempts = attempts;
    }

    public int concurrency() {
        return limit;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Tries running right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most tries that ran at once since the last call (which resets it to the current in-flight count). */
    public int takePeakInFlight() {
        return peakInFlight.getAndSet(inFlight.get());
    }

    public synchronized void start() {
        if (running) return;
        running = true;
        poller = Thread.ofPlatform().name(name + "-poller").daemon(true).start(this::pollLoop);
        log.info("{} runner started on {} with concurrency {}", name, node, limit);
    }

    public boolean running() {
        return running;
    }

    /** Something was enqueued: claim now instead of after the idle poll. */
    public void wake() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /**
     * Graceful drain: stop claiming, let in-flight tries finish within {@code grace}, then release the leases
     * of whatever is still running (locked_until = now()) so another node takes it at once.
     */
    public void stop(Duration grace) {
        synchronized (this) {
            if (!running) return;
            running = false;
        }
        wake();
        try {
            poller.join(200);
            if (poller.isAlive()) poller.interrupt();   // it may be waiting for a free slot
            poller.join(Math.max(1, grace.toMillis()));
            int all;
            synchronized (this) {
                all = limit;
            }
            boolean idle = slots.tryAcquire(all, Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS);
            if (idle) slots.release(all);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int released = 0;
        try {
            released = table.releaseAll(node);
        } catch (RuntimeException e) {
            log.warn("{} drain could not release leases of {} (they expire by themselves): {}", name, node, e.getMessage());
        }
        // No interrupt: a try still running finishes its call, and its write then fails the version guard.
        workers.shutdown();
        log.info("{} runner on {} drained; {} lease(s) handed back", name, node, released);
    }

    private void pollLoop() {
        while (running) {
            try {
                int free = slots.availablePermits();
                if (free <= 0) {
                    slots.acquire();          // wait for a slot, then look again
                    slots.release();
                    continue;
                }
                List<J> jobs = table.claim(node, settings.lease(), Math.min(free, 1000), blockedCounterparties.get());
                for (J job : jobs) {
                    slots.acquire();
                    int now = inFlight.incrementAndGet();
                    peakInFlight.accumulateAndGet(now, Math::max);
                    workers.submit(() -> {
                        try {
                            process(job);
                        } finally {
                            inFlight.decrementAndGet();
                            slots.release();
                        }
                    });
                }
                if (jobs.size() < free) idle();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("{} claim failed on {}: {}", name, node, e.getMessage());
                sleepQuietly(1000);
            }
        }
    }

    private void idle() throws InterruptedException {
        synchronized (wake) {
            if (running) wake.wait(settings.idlePoll().toMillis());
        }
    }

    /** One try of one claimed job; every write is version-guarded, so losing a race is silent. */
    void process(J job) {
        JobOutcome outcome;
        try {
            outcome = handler.attempt(job);
        } catch (RuntimeException e) {
            log.error("{} job {} try threw: {}", name, job.id(), e.toString());
            outcome = new JobOutcome.Retry(null, "internal: " + e, false);
        }
        try {
            boolean won = switch (outcome) {
                case JobOutcome.Done done -> complete(job, done);
                case JobOutcome.Retry retry -> {
                    int failed = job.attempts() + 1;
                    boolean stuck = failed >= maxAttempts;
                    long delay = stuck ? settings.backoff().capMs()
                            : settings.backoff().delayMs(failed, ThreadLocalRandom.current());
                    yield table.retry(job, retry.resultStatus(), retry.error(), delay, stuck || retry.flag());
                }
                case JobOutcome.NotAttempted n -> table.release(job, settings.blockedDelay().toMillis());
            };
            String result = outcome instanceof JobOutcome.Done ? "done" : outcome instanceof JobOutcome.Retry ? "retry" : "not_attempted";
            meters.counter("pending_job_tries", "queue", table.table(), "result", won ? result : "lost_race").increment();
            if (!won) log.debug("{} job {} was taken over or completed elsewhere; leaving it", name, job.id());
        } catch (RuntimeException e) {
            // The lease will expire and the job comes back; a completion made meanwhile is never overwritten.
            log.error("{} job {} could not record its try: {}", name, job.id(), e.toString());
        }
    }

    /** Waits for the group write that includes this completion; true when this try's completion won. */
    private boolean complete(J job, JobOutcome.Done done) {
        Completion<J> c = new Completion<>(job, done);
        completions.submit(c);
        if (c.failure != null) throw c.failure;
        return c.won;
    }

    /**
     * One transaction for the batch; should it fail (one bad row fails them all), each is retried in its own, so
     * one job's trouble leaves the others' completions standing.
     */
    private void writeCompletions(List<Completion<J>> batch) {
        if (batch.size() > 1) {
            try {
                List<J> jobs = batch.stream().map(c -> c.job).toList();
                List<JobOutcome.Done> dones = batch.stream().map(c -> c.done).toList();
                java.util.Set<java.util.UUID> won = table.completeAll(jobs, dones, node, (tx, wonIndexes) ->
                        handler.onCompletedAll(tx, wonIndexes.stream().map(jobs::get).toList(),
                                wonIndexes.stream().map(dones::get).toList()));
                for (Completion<J> c : batch) c.won = won.contains(((QueuedJob) c.job).id());
                return;
            } catch (RuntimeException e) {
                log.warn("{} completion batch of {} failed ({}); completing one by one", name, batch.size(), e.toString());
            }
        }
        for (Completion<J> c : batch) {
            try {
                c.won = table.complete(c.job, node, c.done, tx -> handler.onCompleted(tx, c.job, c.done));
            } catch (RuntimeException e) {
                c.failure = e;
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
