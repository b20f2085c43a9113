package dev.yantra.cli;

import java.util.concurrent.CountDownLatch;

/**
 * How a {@code serve} command runs a test double in the foreground: until the JVM is told to stop (Ctrl-C,
 * SIGTERM), then it closes what it opened, in that order, before the command returns.
 */
public final class Serving {
    private Serving() {
    }

    /**
     * Registers {@code close} to run when the JVM shuts down (in a thread named {@code name}), then runs
     * {@code announce} (the line saying where the double listens) and blocks until {@code close} has run. The hook is
     * in place before the announcement, so a stop that follows the line at once still closes everything.
     */
    public static void untilStopped(String name, Runnable close, Runnable announce) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                close.run();
            } finally {
                stopped.countDown();
            }
        }, name));
        announce.run();
        stopped.await();
    }
}
