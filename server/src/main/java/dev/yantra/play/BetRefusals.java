package dev.yantra.play;

import java.util.UUID;

/**
 * Where the bet path reports a bet it refused before writing a bet row (breaker open, bets halted, operator
 * paused), so the post-incident report can count it. Must be cheap and must not throw: it runs on the
 * refusal path, whose point is to answer at once without touching the wallet.
 */
@FunctionalInterface
public interface BetRefusals {
    String OPERATOR_UNAVAILABLE = "operator_unavailable";
    String BETS_HALTED = "bets_halted";
    String OPERATOR_PAUSED = "operator_paused";

    BetRefusals NONE = (operatorId, playerRef, gameCode, reason) -> { };

    void refused(UUID operatorId, String playerRef, String gameCode, String reason);
}
