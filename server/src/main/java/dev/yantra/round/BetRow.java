package dev.yantra.round;

import dev.yantra.round.port.BetState;
import java.time.Instant;
import java.util.UUID;

/** One bets row. */
public record BetRow(UUID id, UUID roundId, UUID sessionId, UUID operatorId, String playerRef, String currency,
                     String mode, UUID requestUuid, UUID transactionUuid, long amountMicro, String selectionJson,
                     String side, BetState state, String reason, Long payoutMicro, UUID winTransactionUuid,
                     UUID refundTransactionUuid, Instant createdAt) {
    public boolean demo() {
        return "demo".equals(mode);
    }
}
