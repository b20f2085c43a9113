package dev.yantra.lottery.draw;

import java.time.Instant;
import java.util.UUID;

/** One draw of a lottery: when it is drawn, when its sales close, and where it is in its life. */
public record Draw(UUID id, String lotteryId, Instant drawTime, Instant closesAt, DrawState state) {
    /** Sales are open at {@code now}: OPEN and not yet past its cut-off. */
    public boolean onSale(Instant now) {
        return state == DrawState.OPEN && now.isBefore(closesAt);
    }
}
