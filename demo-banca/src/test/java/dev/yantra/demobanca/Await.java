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

    /** Polls until the play is in the banca's ledger (a call the client gave up on is still being processed). */
    static Play registered(DemoBanca banca, UUID id, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            var p = banca.ledger().byRequestId(id);
            if (p.isPresent()) return p.get();
            Thread.sleep(20);
        }
        throw new AssertionError("play " + id + " never appeared in the banca's ledger");
    }
}
