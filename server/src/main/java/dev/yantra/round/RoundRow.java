package dev.yantra.round;

import java.time.Instant;
import java.util.UUID;

/** One rounds row as the engine reads it. Windows come from the round's own config snapshot. */
public record RoundRow(UUID id, UUID tableId, UUID operatorId, String gameCode, String currency, UUID chainId,
                       long nonce, String serverSeedHash, String serverSeed, String clientSeed, int configVersion,
                       String configJson, String rngVersion, RoundState state, String outcomeJson,
                       Instant openedAt, Instant bettingClosesAt, Instant rollingAt, Instant resultAt,
                       Instant settledAt, Instant voidedAt, long totalStakeMicro, long totalPayoutMicro, int betCount) {

    public Instant finishedAt() {
        return settledAt != null ? settledAt : voidedAt;
    }
}
