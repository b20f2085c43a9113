package dev.yantra.round.port;

import java.time.Instant;
import java.util.UUID;

/** A player's session as the bet path needs it. */
public record PlaySession(UUID id, UUID operatorId, String playerRef, String gameCode, String currency, String mode,
                          String status, Instant expiresAt, Long demoBalanceMicro) {
    public boolean demo() {
        return "demo".equals(mode);
    }

    public boolean terminated() {
        return "TERMINATED".equals(status);
    }

    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
