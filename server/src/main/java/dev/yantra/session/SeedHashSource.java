package dev.yantra.session;

import java.util.Optional;
import java.util.UUID;

/**
 * The table engine's answer to "what serverSeedHash is announced now for this operator, game and currency"
 * (the next round's s_{k-1}); a new session shows it. Implement it as a bean in the table feature;
 * {@link DefaultSeedHashSource} answers empty until one exists.
 */
public interface SeedHashSource {
    Optional<String> currentSeedHash(UUID operatorId, String gameCode, String currency);
}
