package dev.yantra.lottery.forwarding;

import dev.yantra.admin.AdminAuthFilter;
import dev.yantra.api.ApiException;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.breaker.CounterpartyKind;
import dev.yantra.control.ControlPlane;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bancas' breakers over HTTP (admin bearer token), as {@code yantra breaker ... --banca X}:
 * {@code GET /v1/admin/bancas/circuit-breakers} (this node's banca breakers and the stored overrides) and
 * {@code POST /v1/admin/bancas/{id}/circuit-breaker {"mode": "force-open|force-closed|auto", "reason"}} (stored in
 * banca_breaker_overrides, audited, applied by every node within a second).
 */
@RestController
@Guarded(Surface.ADMIN)
public class BancaBreakerAdminController {
    private final ForwardingConfiguration.BancaForwarding forwarding;
    private final ControlPlane control;
    private final JdbcClient jdbc;

    public BancaBreakerAdminController(ForwardingConfiguration.BancaForwarding forwarding, ControlPlane control, JdbcClient jdbc) {
        this.forwarding = forwarding;
        this.control = control;
        this.jdbc = jdbc;
    }

    @GetMapping("/v1/admin/bancas/circuit-breakers")
    public Map<String, Object> list(@RequestAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE) String by) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        control.snapshot().breakerOverrides(CounterpartyKind.BANCA).forEach((id, mode) -> overrides.put(id.toString(), mode));
        return Map.of("breakers", forwarding.breakers().snapshot().stream().map(s -> s.toJson("bancaId")).toList(),
                "overrides", overrides);
    }

    @PostMapping("/v1/admin/bancas/{id}/circuit-breaker")
    public Map<String, Object> force(@RequestAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE) String by, @PathVariable String id,
                                     @RequestBody(required = false) Map<String, Object> body) {
        UUID bancaId;
        try {
            bancaId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", "banca id must be a UUID");
        }
        if (jdbc.sql("SELECT count(*) FROM bancas WHERE id = ?").param(bancaId).query(Long.class).single() == 0) {
            throw new ApiException(404, "banca_not_found", "no banca " + bancaId);
        }
        CounterpartyBreakers.Mode mode;
        try {
            mode = CounterpartyBreakers.Mode.valueOf(String.valueOf(body == null ? null : body.get("mode"))
                    .toUpperCase(Locale.ROOT).replace('-', '_').replace("FORCED_", "FORCE_"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_mode", "mode must be auto, force-open or force-closed");
        }
        String stored = switch (mode) {
            case FORCE_OPEN -> "FORCED_OPEN";
            case FORCE_CLOSED -> "FORCED_CLOSED";
            case AUTO -> null;
        };
        Object reason = body.get("reason");
        control.store().overrideBreaker(CounterpartyKind.BANCA, bancaId, stored, reason == null ? null : String.valueOf(reason), by);
        control.refresh();
        return Map.of("bancaId", bancaId.toString(), "mode", stored == null ? "AUTO" : stored,
                "state", forwarding.breakers().state(bancaId.toString()).name(), "scope", "every node within 1 s");
    }
}
