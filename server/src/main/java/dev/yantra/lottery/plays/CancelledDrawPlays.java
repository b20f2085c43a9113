package dev.yantra.lottery.plays;

import dev.yantra.config.NodeClock;
import dev.yantra.lottery.draw.DrawCancellation;
import dev.yantra.lottery.draw.DrawCancellation.PlaysReleased;
import dev.yantra.lottery.play.PlayState;
import dev.yantra.lottery.play.PlayTransitions;
import dev.yantra.admin.AdminAudit;
import dev.yantra.lottery.ledger.PlayerLedger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What happens to the plays of a draw an admin cancels, inside the cancel's own transaction (so the draw, every
 * play's state and every refund commit together, or none does). The rule (docs/lottery-hub.md, "Cancelled draws"):
 * <ul>
 *   <li>a play not yet final (awaiting payment, queued, awaiting the banca's webhook) is {@code cancelled};</li>
 *   <li>a confirmed play is {@code cancelled} too: the draw will never be drawn, so the stake goes back even though
 *       the banca registered the ticket;</li>
 *   <li>rejected, failed and cancelled plays already had their money released and are left alone.</li>
 * </ul>
 * Every move goes through {@link PlayStore#move}, the one place where play money follows a state change: a wallet
 * play is refunded to the player's ledger (key {@code refund:<play>}, so a repeat credits nothing) and the banca's
 * liability released; a card play's hold cancel or refund hangs off the same place. The play's open forwarding
 * jobs are completed (completion {@code MANUAL}, reason "draw cancelled").
 *
 * <p>A draw with plays already evaluated against a result (won or lost) is refused: reversing prizes is a result
 * correction, not a cancel.
 */
public final class CancelledDrawPlays implements DrawCancellation.PlaysRelease {
    /** The cancel would have to take back prizes: refused, nothing changed. */
    public static final class PlaysAlreadyEvaluatedException extends IllegalStateException {
        public PlaysAlreadyEvaluatedException(String message) {
            super(message);
        }
    }

    private static final Map<PlayState, PlayTransitions> MOVES = new EnumMap<>(Map.of(
            PlayState.AWAITING_PAYMENT, PlayTransitions.CANCELLED_BEFORE_PAYMENT,
            PlayState.QUEUED, PlayTransitions.CANCELLED_BEFORE_FORWARDING,
            PlayState.AWAITING_WEBHOOK, PlayTransitions.CANCELLED_AWAITING_CONFIRMATION,
            PlayState.CONFIRMED, PlayTransitions.DRAW_CANCELLED));

    private final JdbcClient jdbc;
    private final PlayStore plays;

    public CancelledDrawPlays(JdbcClient jdbc, PlayStore plays) {
        this.jdbc = jdbc;
        this.plays = plays;
    }

    /** For tools without a node (the CLI): its own ledger and a throw-away meter registry (no node exports it). */
    public static CancelledDrawPlays standalone(JdbcClient jdbc, PlayStore.CardMoney cardMoney) {
        PlayerLedger ledger = new PlayerLedger(jdbc, new AdminAudit(jdbc), NodeClock.system());
        // the card money must follow here too (a cancelled draw's card holds are released by the nodes' runners)
        return new CancelledDrawPlays(jdbc, new PlayStore(jdbc, ledger, new SimpleMeterRegistry(), cardMoney));
    }

    /**
     * In the caller's transaction, after the draw was moved to CANCELLED (its row is then locked, and a play being
     * created holds a share lock on it, so every play of the draw is visible here). Locks the draw's plays in id
     * order, so two cancels or a webhook cannot deadlock with this.
     */
    @Override
    public PlaysReleased release(UUID drawId, String reason, String changedBy) {
        List<UUID> evaluated = jdbc.sql("SELECT id FROM plays WHERE draw_id = ? AND result IS NOT NULL LIMIT 5")
                .param(drawId).query(UUID.class).list();
        if (!evaluated.isEmpty()) {
            throw new PlaysAlreadyEvaluatedException("draw " + drawId + " has plays already evaluated against its result (e.g. "
                    + evaluated.getFirst() + "); correct the result instead of cancelling the draw");
        }
        List<UUID> open = jdbc.sql("""
                        SELECT id FROM plays WHERE draw_id = ? AND status IN ('AWAITING_PAYMENT', 'QUEUED', 'AWAITING_WEBHOOK', 'CONFIRMED')
                        ORDER BY id""")
                .param(drawId).query(UUID.class).list();
        int cancelled = 0;
        int confirmed = 0;
        int jobs = 0;
        String why = "draw cancelled: " + reason;
        for (UUID id : open) {
            PlayRow p = plays.lock(id).orElseThrow();
            PlayTransitions t = MOVES.get(p.state());
            if (t == null) continue;   // settled by the banca meanwhile (rejected): its money is already back
            if (!plays.move(p, t, why, PlayStore.BancaIds.NONE)) throw new IllegalStateException("locked play " + id + " moved under its lock");
            cancelled++;
            if (p.state() == PlayState.CONFIRMED) confirmed++;
            jobs += ForwardingJobs.closeOpen(jdbc, id, "MANUAL", changedBy, "draw cancelled");
        }
        // jobs of plays that were already final (e.g. a STATUS check left open): nothing may be sent for this draw
        jobs += jdbc.sql("""
                        UPDATE pending_banca_jobs SET completed_at = now(), completion = 'MANUAL', completed_by = ?,
                               completion_reason = 'draw cancelled', version = version + 1, locked_by = NULL, locked_until = NULL
                        WHERE id IN (SELECT j.id FROM pending_banca_jobs j JOIN plays p ON p.id = j.play_id
                                     WHERE p.draw_id = ? AND j.completed_at IS NULL FOR UPDATE OF j SKIP LOCKED)""")
                .params(changedBy, drawId).update();
        return new PlaysReleased(cancelled, confirmed, jobs);
    }
}
