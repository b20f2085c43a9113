package dev.yantra.round.port;

import java.time.Instant;
import java.util.UUID;

/**
 * Told when a real-money bet of a round that reached RESULT is final as far as the wallet is concerned (loss
 * recorded, win credited, refund confirmed): the SLO "result → settlement" is measured from these calls.
 */
public interface SettlementObserver {
    SettlementObserver NONE = (operatorId, resultAt, confirmedAt) -> {
    };

    void settled(UUID operatorId, Instant resultAt, Instant confirmedAt);
}
