package dev.yantra.lottery.draw;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An admin cancels a draw not yet SETTLED: the move, the release of every play's money ({@link PlaysRelease}, the
 * plays code: lottery.plays.CancelledDrawPlays) and the admin_audit_log row commit together, so a cancelled draw
 * never leaves a play holding money. A second cancel of the same draw is {@link AlreadyFinalException} and
 * changes nothing.
 */
public final class DrawCancellation {
    /** A cancel has nothing to do: the draw is already final. */
    public static final class AlreadyFinalException extends IllegalStateException {
        public AlreadyFinalException(String message) {
            super(message);
        }
    }

    /** What the cancel did to the draw's plays: cancelled (refunded), of them confirmed ones, forwarding jobs closed. */
    public record PlaysReleased(int cancelled, int confirmedRefunded, int jobsClosed) {
    }

    /** Releases the money of every play of a draw just moved to CANCELLED, in the cancel's transaction. */
    @FunctionalInterface
    public interface PlaysRelease {
        PlaysReleased release(UUID drawId, String reason, String changedBy);
    }

    public record Cancelled(UUID drawId, String lotteryId, DrawState from, PlaysReleased plays) {
    }

    private final TransactionTemplate tx;
    private final DrawDirectory directory;
    private final DrawStore store;
    private final AdminAudit audit;
    private final Clock clock;
    private final PlaysRelease plays;

    public DrawCancellation(TransactionTemplate tx, DrawDirectory directory, DrawStore store, AdminAudit audit, Clock clock,
                            PlaysRelease plays) {
        this.plays = plays;
        this.tx = tx;
        this.directory = directory;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** Cancels the draw; NotFoundException for an unknown id, AlreadyFinalException for a SETTLED or CANCELLED one. */
    public Cancelled cancel(UUID drawId, String reason, String changedBy) {
        if (reason == null || reason.isBlank()) throw new UsageException("a reason is required to cancel a draw");
        // a guarded move can lose a race with the scheduler (OPEN became CLOSED meanwhile): read again, a few times
        for (int attempt = 0; attempt < 3; attempt++) {
            Cancelled done = tx.execute(s -> tryCancel(drawId, reason.trim(), changedBy));
            if (done != null) return done;
        }
        throw new IllegalStateException("draw " + drawId + " kept changing state; try the cancel again");
    }

    private Cancelled tryCancel(UUID drawId, String reason, String changedBy) {
        Draw draw = directory.find(drawId).orElseThrow(() -> new NotFoundException("no draw " + drawId));
        DrawState.Transition t = DrawState.Transition.between(draw.state(), DrawState.CANCELLED)
                .orElseThrow(() -> new AlreadyFinalException("draw " + drawId + " is " + draw.state() + " and cannot be cancelled"));
        if (!store.move(drawId, t, changedBy, reason, clock.instant())) return null;
        PlaysReleased released = plays.release(drawId, reason, changedBy);
        audit.record(changedBy, "lottery.draw.cancel", "draw:" + drawId,
                Json.write(Map.of("state", draw.state().name())),
                Json.write(Map.of("state", "CANCELLED", "lotteryId", draw.lotteryId(),
                        "drawTime", draw.drawTime().toString(), "playsCancelled", released.cancelled(),
                        "confirmedRefunded", released.confirmedRefunded(), "jobsClosed", released.jobsClosed())), reason);
        return new Cancelled(drawId, draw.lotteryId(), draw.state(), released);
    }
}
