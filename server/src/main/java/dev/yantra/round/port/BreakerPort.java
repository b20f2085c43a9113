package dev.yantra.round.port;

import java.util.UUID;

/** The per-operator circuit breaker as the bet path sees it (a BET while it is open is refused without a call). */
@FunctionalInterface
public interface BreakerPort {
    boolean allows(UUID operatorId);
}
