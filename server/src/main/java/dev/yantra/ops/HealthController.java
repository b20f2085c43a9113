package dev.yantra.ops;

import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Liveness and readiness in both dialects orchestrators use: /healthz + /readyz, and /health + /health/ready. */
@RestController
@Guarded(Surface.PUBLIC)
public class HealthController {
    private final Readiness readiness;
    private final Durability durability;

    public HealthController(Readiness readiness, Durability durability) {
        this.readiness = readiness;
        this.durability = durability;
    }

    @GetMapping("/healthz")
    public Map<String, Object> healthz() {
        return Map.of("alive", true);
    }

    @GetMapping("/readyz")
    public ResponseEntity<Map<String, Object>> readyz() {
        Optional<String> reason = readiness.notReadyReason();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", reason.isEmpty());
        reason.ifPresent(r -> body.put("reason", r));
        body.put("detail", readiness.details());
        return ResponseEntity.status(reason.isEmpty() ? 200 : 503).body(body);
    }

    @GetMapping("/health")
    public Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", readiness.notReadyReason().isEmpty() ? "ok" : "degraded");
        body.put("service", "yantra");
        body.put("version", BuildInfo.current().version());
        body.put("uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("database", readiness.databaseUp() ? "ok" : "down");
        // never block /health on a database that is down: the setting is asked only while the probe sees it up
        checks.put("durability", readiness.databaseUp() ? durability.state() : durability.lastKnown());
        checks.putAll(readiness.healthChecks());
        body.put("checks", checks);
        return body;
    }

    @GetMapping("/health/ready")
    public ResponseEntity<Map<String, Object>> healthReady() {
        Optional<String> reason = readiness.notReadyReason();
        return reason.<ResponseEntity<Map<String, Object>>>map(r -> ResponseEntity.status(503).body(Map.of("status", "not_ready", "reason", r)))
                .orElseGet(() -> ResponseEntity.ok(Map.of("status", "ready")));
    }
}
