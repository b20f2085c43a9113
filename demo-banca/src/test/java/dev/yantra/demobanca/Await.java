package dev.yantra.demobanca;

import java.time.Duration;
import java.util.UUID;

final class Await {
    private Await() {
    }

    /** Polls the banca's ledger until the play's webhook reaches {@code state}; fails with the last row seen. */
    static Play webhookState(DemoBanca banca, UUID id, String state, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Play p = banca.ledger().byRequestId(id).orElseThrow();
            if (p.webhookState().equals(state)) return p;
            Thread.sleep(20);
        }
        throw new AssertionError("webhook of " + id + " never reached " + state + ": " + banca.ledger().byRequestId(id));
    }
}
