package dev.yantra.play;

import dev.yantra.round.BetRow;
import dev.yantra.round.port.BetState;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How a bet looks to its player: UNCERTAIN is shown as REJECTED (the stake is being rolled back). */
public final class BetView {
    private BetView() {
    }

    public static boolean shownAsRejected(BetState s) {
        return s == BetState.REJECTED || s == BetState.UNCERTAIN;
    }

    /** The player-facing reason: RS_ERROR_NOT_ENOUGH_MONEY → not_enough_money; others as stored (wallet_uncertain). */
    public static String reason(BetRow b) {
        return reason(b.reason(), b.state());
    }

    static String reason(String stored, BetState state) {
        if (stored == null) return state == BetState.UNCERTAIN ? "wallet_uncertain" : null;
        return stored.startsWith("RS_ERROR_") ? stored.substring(9).toLowerCase(Locale.ROOT) : stored;
    }

    public static Map<String, Object> of(BetRow b, Long balanceMicro) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("betId", b.id().toString());
        m.put("roundId", b.roundId().toString());
        m.put("requestUuid", b.requestUuid().toString());
        m.put("status", b.state() == BetState.UNCERTAIN ? "REJECTED" : b.state().name());
        m.put("amountMicro", Long.toString(b.amountMicro()));
        m.put("selection", b.selectionJson());
        m.put("side", b.side());
        String reason = reason(b);
        if (reason != null) m.put("reason", reason);
        if (b.payoutMicro() != null) m.put("payoutMicro", Long.toString(b.payoutMicro()));
        if (balanceMicro != null) m.put("balanceMicro", Long.toString(balanceMicro));
        return m;
    }
}
