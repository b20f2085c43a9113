package dev.yantra.db;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Group commit for writes many threads make at once (wallet_calls rows, job completions): {@link #submit}
 * returns only after its item was written, but items submitted while a write is under way are written together
 * by the next one. The submitter that finds no write under way becomes the writer and keeps writing until the
 * queue is empty; the others wait. A lone submitter pays one write and no wait, so this costs nothing when idle.
 *
 * <p>The writer gets up to {@code maxBatch} items; it records per-item results on the items themselves. If it
 * throws, every item of that batch fails with that exception (the writer decides whether to retry row by row).
 */
public final class GroupCommit<T> {
    /** One submitted item; its own latch, so finishing a batch wakes exactly that batch's submitters. */
    private static final class Slot<T> {
        final T item;
        final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        RuntimeException failure;   // published by done.countDown()

        Slot(T item) {
            this.item = item;
        }
    }

    private final int maxBatch;
    private final Consumer<List<T>> writer;
    private final Object lock = new Object();
    private final List<Slot<T>> queue = new ArrayList<>();
    private boolean writing;

    public GroupCommit(int maxBatch, Consumer<List<T>> writer) {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        this.maxBatch = maxBatch;
        this.writer = writer;
    }

    /** Blocks until the item is written (by this thread or another); rethrows the writer's failure for its batch. */
    public void submit(T item) {
        Slot<T> me = new Slot<>(item);
        boolean iWrite;
        synchronized (lock) {
            queue.add(me);
            iWrite = !writing;
            if (iWrite) writing = true;
        }
        if (iWrite) {
            writeUntilEmpty();
        } else {
            boolean interrupted = false;
            while (true) {
                try {
                    me.done.await();
                    break;
                } catch (InterruptedException e) {
                    // the write is on its way and its outcome matters more; keep the interrupt for later
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
        if (me.failure != null) throw me.failure;
    }

    private void writeUntilEmpty() {
        while (true) {
            List<Slot<T>> batch;
            synchronized (lock) {
                if (queue.isEmpty()) {
                    writing = false;
                    return;
                }
                int n = Math.min(queue.size(), maxBatch);
                batch = new ArrayList<>(queue.subList(0, n));
                queue.subList(0, n).clear();
            }
            RuntimeException failure = null;
            try {
                List<T> items = new ArrayList<>(batch.size());
                for (Slot<T> s : batch) items.add(s.item);
                writer.accept(items);
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = new IllegalStateException(e);
            }
            for (Slot<T> s : batch) {
                s.failure = failure;
                s.done.countDown();
            }
        }
    }
}
