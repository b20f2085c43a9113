package dev.yantra.ops;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Whether this node should receive traffic, and if not, why. Features register their own blocking reason
 * (the RNG self-test, a drain) so /readyz tells an SRE the first thing that is wrong.
 */
@Component
public class Readiness {
    private volatile boolean databaseUp = true;
    private volatile boolean draining = false;
    private final Map<String, Supplier<Optional<String>>> checks = new ConcurrentHashMap<>();
    private final Map<String, Supplier<Object>> details = new ConcurrentHashMap<>();
    private final Map<String, Supplier<String>> healthChecks = new ConcurrentHashMap<>();

    public void databaseUp(boolean up) {
        this.databaseUp = up;
    }

    public boolean databaseUp() {
        return databaseUp;
    }

    public void startDraining() {
        this.draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** A named check that returns a reason when the node must not serve. */
    public void register(String name, Supplier<Optional<String>> blockingReason) {
        checks.put(name, blockingReason);
    }

    /** Extra state shown in /readyz without making the node unready (e.g. active halts). */
    public void registerDetail(String name, Supplier<Object> detail) {
        details.put(name, detail);
    }

    /** A named entry of /health's {@code checks} ("ok", "down", ...) beside the database's. */
    public void registerHealthCheck(String name, Supplier<String> status) {
        healthChecks.put(name, status);
    }

    public Map<String, String> healthChecks() {
        Map<String, String> out = new java.util.TreeMap<>();
        healthChecks.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public Map<String, Object> details() {
        Map<String, Object> out = new java.util.TreeMap<>();
        details.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public Optional<String> notReadyReason() {
        if (!databaseUp) return Optional.of("database_unreachable");
        if (draining) return Optional.of("draining");
        for (Supplier<Optional<String>> check : checks.values()) {
            Optional<String> reason = check.get();
            if (reason.isPresent()) return reason;
        }
        return Optional.empty();
    }
}
