package dev.yantra.wallet;

import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.breaker.CounterpartyKind;
import dev.yantra.control.ControlPlane;
import dev.yantra.control.ControlSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Applies the control plane's breaker overrides ({@code yantra breaker force-open|force-closed|auto}, stored in
 * breaker_overrides / banca_breaker_overrides and re-read by every node within a second) to this node's breakers
 * of one kind of counterparty: the operators' wallets, or the bancas.
 */
public final class BreakerOverrideSync {
    private final CounterpartyBreakers breakers;
    private final CounterpartyKind kind;
    private final Map<UUID, String> applied = new HashMap<>();

    public BreakerOverrideSync(CounterpartyBreakers breakers, ControlPlane control) {
        this(breakers, CounterpartyKind.OPERATOR, control);
    }

    public BreakerOverrideSync(CounterpartyBreakers breakers, CounterpartyKind kind, ControlPlane control) {
        this.breakers = breakers;
        this.kind = kind;
        control.onChange(this::apply);
    }

    synchronized void apply(ControlSnapshot snapshot) {
        Map<UUID, String> wanted = snapshot.breakerOverrides(kind);
        for (Map.Entry<UUID, String> e : wanted.entrySet()) {
            if (e.getValue().equals(applied.get(e.getKey()))) continue;
            CounterpartyBreakers.Mode mode = switch (e.getValue()) {
                case "FORCED_OPEN" -> CounterpartyBreakers.Mode.FORCE_OPEN;
                case "FORCED_CLOSED" -> CounterpartyBreakers.Mode.FORCE_CLOSED;
                default -> CounterpartyBreakers.Mode.AUTO;
            };
            breakers.force(e.getKey().toString(), mode);
            applied.put(e.getKey(), e.getValue());
        }
        for (UUID gone : applied.keySet().stream().filter(k -> !wanted.containsKey(k)).toList()) {
            breakers.force(gone.toString(), CounterpartyBreakers.Mode.AUTO);
            applied.remove(gone);
        }
    }
}
