package dev.yantra.chaos;

import dev.yantra.demowallet.DemoWallet;
import dev.yantra.demowallet.Faults;
import java.util.List;

/**
 * Cycles the demo wallet through a fixed schedule of faults (no randomness in the schedule itself): healthy phases
 * between 5xx bursts, lost answers (booked, answered after the caller gave up), refused connections and slowness.
 */
final class WalletFlapper implements AutoCloseable {
    static final List<Faults> SCHEDULE = List.of(
            Faults.NONE,
            Faults.NONE.withErrorRate(0.5),
            Faults.NONE,
            Faults.NONE.withTimeoutRate(0.3).withTimeoutSleepMs(1_200),
            Faults.NONE,
            Faults.NONE.withDown(true),
            Faults.NONE,
            Faults.NONE.withSlowMs(300).withErrorRate(0.2));

    private final DemoWallet wallet;
    private final Thread thread;
    private volatile boolean running = true;

    WalletFlapper(DemoWallet wallet, long phaseMs) {
        this.wallet = wallet;
        this.thread = Thread.ofPlatform().daemon().name("wallet-flapper").start(() -> {
            for (int i = 0; running; i++) {
                wallet.setFaults(SCHEDULE.get(i % SCHEDULE.size()));
                try {
                    Thread.sleep(phaseMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Stops flapping and leaves the wallet healthy. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
        wallet.setFaults(Faults.NONE);
    }
}
