package dev.yantra.round;

import java.util.UUID;

/** A table as its config row describes it right now; config is null when the stored config does not validate. */
public record TableSpec(UUID tableId, UUID operatorId, String gameCode, String currency, boolean enabled,
                        TableConfig config, String configError) {
    public boolean playable() {
        return enabled && config != null;
    }
}
