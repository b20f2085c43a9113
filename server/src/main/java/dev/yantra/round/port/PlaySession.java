// Package dev.yantra.round.port: the few things the table engine needs from other features (sessions,
// operators, the wallet client, the job queue, the breaker), as small interfaces with interim SQL/HTTP
// implementations. When the operator and wallet features land, each interim class is swapped for one adapter.
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
