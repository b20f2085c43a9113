package dev.yantra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Polls a node's /readyz as fast as it answers and keeps the sequence of distinct answers (200, 503, -1 closed). */
final class ReadyzRecorder {
    private final ChaosNode node;
    private final List<Integer> changes = new ArrayList<>();
    private volatile boolean running = true;
    private Thread thread;
    private int polls;

    ReadyzRecorder(ChaosNode node) {
        this.node = node;
    }

    void start() {
        thread = Thread.ofPlatform().daemon().name("readyz-poll").start(() -> {
            while (running) {
                int s = node.readyz();
                synchronized (changes) {
                    polls++;
                    if (changes.isEmpty() || changes.getLast() != s) changes.add(s);
                }
                if (s == -1 && !node.alive()) return;
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }

    /** Whether {@code status} was among the answers so far. */
    boolean saw(int status) {
        synchronized (changes) {
            return changes.contains(status);
        }
    }

    String summary() {
        synchronized (changes) {
            return changes + " over " + polls + " polls";
        }
    }

    /** 200 while serving, then 503, then closed; never 200 again once 503 was seen. */
    void assertSaid503BeforeClosing() {
        List<Integer> seen;
        synchronized (changes) {
            seen = List.copyOf(changes);
        }
        assertThat(seen).as("readyz answers in order").startsWith(200);
        int first503 = seen.indexOf(503);
        int firstClosed = seen.indexOf(-1);
        assertThat(first503).as("503 seen: " + seen).isPositive();
        assertThat(firstClosed).as("the port closed: " + seen).isGreaterThan(first503);
        assertThat(seen.subList(first503, seen.size())).as("no 200 after draining began: " + seen).doesNotContain(200);
    }
}
