package dev.yantra.control;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The levers as one node last read them: immutable, swapped whole every poll. */
public record ControlSnapshot(List<KillSwitch> halts, Map<UUID, String> breakerOverrides, Map<String, String> settings,
                              Map<UUID, String> bancaBreakerOverrides) {

    public static final ControlSnapshot EMPTY = new ControlSnapshot(List.of(), Map.of(), Map.of(), Map.of());

    /** The operators' overrides only (as before bancas had breakers of their own). */
    public ControlSnapshot(List<KillSwitch> halts, Map<UUID, String> breakerOverrides, Map<String, String> settings) {
        this(halts, breakerOverrides, settings, Map.of());
    }

    /** Forced breakers of one kind of counterparty: id to FORCED_OPEN or FORCED_CLOSED. */
    public Map<UUID, String> breakerOverrides(dev.yantra.breaker.CounterpartyKind kind) {
        return switch (kind) {
            case OPERATOR -> breakerOverrides;
            case BANCA -> bancaBreakerOverrides;
        };
    }

    public boolean betsHalted(UUID operatorId, String gameCode) {
        return halted(KillSwitch.Scope.BETS, operatorId, gameCode);
    }

    public boolean settlementsHalted(UUID operatorId, String gameCode) {
        return halted(KillSwitch.Scope.SETTLEMENTS, operatorId, gameCode);
    }

    private boolean halted(KillSwitch.Scope scope, UUID operatorId, String gameCode) {
        return halts.stream().anyMatch(h -> h.scope() == scope && h.covers(operatorId, gameCode));
    }

    /** FORCED_OPEN, FORCED_CLOSED, or empty for automatic. */
    public Optional<String> breakerOverride(UUID operatorId) {
        return Optional.ofNullable(breakerOverrides.get(operatorId));
    }

    /** The stored value, else the setting's default, else {@code envDefault} for settings whose default is an env var. */
    public int setting(RuntimeSetting s, int envDefault) {
        String raw = settings.get(s.key);
        if (raw != null) {
            try {
                return s.parse(raw);
            } catch (RuntimeException e) {
                // a bad row written by hand must not take the node down: keep the default
            }
        }
        return s.defaultValue == -1 ? envDefault : s.defaultValue;
    }
}
