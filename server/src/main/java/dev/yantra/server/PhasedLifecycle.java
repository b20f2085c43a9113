package dev.yantra.server;

import org.springframework.context.SmartLifecycle;

/**
 * A start/stop pair Spring runs in a given phase: the shutdown order of a node (tables, then players' streams,
 * then the web server's graceful stop) is written as phases. Higher phases start later and stop earlier.
 */
public final class PhasedLifecycle implements SmartLifecycle {
    /** The table engine: stops first, so the round in flight finishes while everything else still runs. */
    public static final int TABLE_ENGINE = Integer.MAX_VALUE - 100;
    /** The pending-job runner: stops claiming with the tables, then drains what it holds within the grace. */
    public static final int JOB_RUNNER = Integer.MAX_VALUE - 100;
    /** The draw scheduler: stops with the tables and gives its lease up, so another node takes over at once. */
    public static final int DRAW_SCHEDULER = Integer.MAX_VALUE - 100;
    /** Players' event streams: after the tables (the last result goes out), before the web server. */
    public static final int PLAY_STREAMS = Integer.MAX_VALUE - 200;

    private final int phase;
    private final Runnable onStart;
    private final Runnable onStop;
    private volatile boolean running;

    public PhasedLifecycle(int phase, Runnable onStart, Runnable onStop) {
        this.phase = phase;
        this.onStart = onStart;
        this.onStop = onStop;
    }

    @Override
    public void start() {
        onStart.run();
        running = true;
    }

    @Override
    public void stop() {
        onStop.run();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
