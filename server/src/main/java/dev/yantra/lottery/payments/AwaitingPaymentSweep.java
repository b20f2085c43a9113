package dev.yantra.lottery.payments;

import dev.yantra.lottery.play.PlayState;
import dev.yantra.lottery.play.PlayTransitions;
import dev.yantra.lottery.plays.PlayStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The draw's fail-safe for card plays still waiting for their payment (AWAITING_PAYMENT: never sent to the
 * banca): once the draw has closed they can never be in it, so they end {@code failed} and the move queues the
 * release of whatever hold exists ({@link PaymentJobs}). Plays already QUEUED or awaiting the banca are the
 * forwarding fail-safe's. Guarded moves make it safe on every node.
 */
final class AwaitingPaymentSweep {
    private static final Logger log = LoggerFactory.getLogger(AwaitingPaymentSweep.class);
    static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PlayStore plays;

    AwaitingPaymentSweep(JdbcClient jdbc, TransactionTemplate tx, PlayStore plays) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.plays = plays;
    }

    int sweep() {
        List<Map<String, Object>> due = jdbc.sql("""
                        SELECT p.id, d.state = 'CANCELLED' AS cancelled FROM plays p JOIN draws d ON d.id = p.draw_id
                        WHERE p.status = 'AWAITING_PAYMENT'
                          AND (d.state IN ('CLOSED', 'RESULTED', 'SETTLED', 'CANCELLED') OR d.closes_at <= now())
                        ORDER BY d.closes_at LIMIT ?""")
                .param(BATCH).query().listOfRows();
        int done = 0;
        for (Map<String, Object> row : due) {
            UUID id = (UUID) row.get("id");
            // a cancelled draw cancels its plays; a closed one fails those that never got paid for
            boolean cancelled = Boolean.TRUE.equals(row.get("cancelled"));
            try {
                Boolean moved = tx.execute(s -> plays.lock(id).filter(p -> p.state() == PlayState.AWAITING_PAYMENT)
                        .map(p -> cancelled
                                ? plays.move(p, PlayTransitions.CANCELLED_BEFORE_PAYMENT, "the draw was cancelled", PlayStore.BancaIds.NONE)
                                : plays.move(p, PlayTransitions.PAYMENT_FAILED, "the draw closed before the card payment was authorized",
                                        PlayStore.BancaIds.NONE))
                        .orElse(false));
                if (Boolean.TRUE.equals(moved)) done++;
            } catch (RuntimeException e) {
                log.warn("awaiting-payment fail-safe of play {} failed (next pass retries): {}", id, e.toString());
            }
        }
        return done;
    }
}
