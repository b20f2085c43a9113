package dev.yantra.session;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** No table engine yet: no announced seed hash (sessions show serverSeedHash = null). Any other bean wins. */
@Component
public class DefaultSeedHashSource implements SeedHashSource {
    @Override
    public Optional<String> currentSeedHash(UUID operatorId, String gameCode, String currency) {
        return Optional.empty();
    }
}
