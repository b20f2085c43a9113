package dev.yantra.round.port;

import java.util.UUID;

/** The per-operator circuit breaker as the bet path sees it; until the wallet feature lands, always closed. */
@FunctionalInterface
public interface BreakerPort {
    boolean allows(UUID operatorId);

    /** Records a classified call outcome; a no-op for the interim always-closed breaker. */
    default void record(UUID operatorId, boolean failure) {
    }
}
