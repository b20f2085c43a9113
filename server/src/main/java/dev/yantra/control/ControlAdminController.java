package dev.yantra.control;

import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;

import dev.yantra.admin.AdminAuthFilter;
import dev.yantra.api.Amounts;
import dev.yantra.api.ApiException;
import dev.yantra.api.Fields;
import dev.yantra.api.Json;
import dev.yantra.games.GameRegistry;
import dev.yantra.gameconfig.GameConfigStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The incident levers over the admin API (the portal's future buttons), the same stores the CLI uses, the
 * same audit rows — changed_by is the admin token's name. Halts, breaker overrides, runtime settings, game
 * configs with history and revert, and the incident banner.
 */
@RestController
@Guarded(Surface.ADMIN)
public class ControlAdminController {
    private final ControlPlane control;
    private final GameConfigStore configs;
    private final IncidentBanners banners;

    public ControlAdminController(ControlPlane control, JdbcClient jdbc, TransactionTemplate tx) {
        this.control = control;
        this.configs = new GameConfigStore(jdbc, tx, GameRegistry.standard());
        this.banners = new IncidentBanners(jdbc);
    }

    // Bodies go through the API's own readers (Json.parseObject, Fields): one definition of a 400 for the whole API.
    private static JsonNode body(byte[] raw) {
        return Json.parseObject(raw);
    }

    private static UUID optionalUuid(JsonNode body, String name) {
        return Fields.optionalString(body, name, 64).isEmpty() ? null : Fields.requiredUuid(body, name);
    }

    private static String reason(JsonNode body) {
        return Fields.optionalString(body, "reason", 500).orElse(null);
    }

    private static KillSwitch.Scope scope(JsonNode body) {
        String scope = Fields.requiredString(body, "scope", 32);
        try {
            return KillSwitch.Scope.valueOf(scope.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", "scope must be BETS or SETTLEMENTS, was '" + scope + "'");
        }
    }

    private static final java.util.Set<String> ZERO_ALLOWED_MICRO = java.util.Set.of("commissionMicro");

    private static Map<String, String> changes(JsonNode body) {
        JsonNode v = body.get("changes");
        if (v == null || !v.isObject() || v.isEmpty()) {
            throw new ApiException(400, "invalid_request", "changes is required: an object of field -> value");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (e.getKey().endsWith("Micro")) {
                // money by the wire's rule (a JSON string of digits); only a commission may be zero
                out.put(e.getKey(), Long.toString(Amounts.requiredMicro(v, e.getKey(), ZERO_ALLOWED_MICRO.contains(e.getKey()))));
                continue;
            }
            out.put(e.getKey(), e.getValue().isString() ? e.getValue().stringValue() : e.getValue().toString());
        }
        return out;
    }

    private static String who(HttpServletRequest request) {
        Object name = request.getAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE);
        if (!(name instanceof String s) || s.isBlank()) {
            throw new ApiException(401, "invalid_admin_token", "a valid admin bearer token is required");
        }
        return s;
    }

    @GetMapping("/v1/admin/halts")
    public Map<String, Object> halts() {
        return Map.of("active", control.snapshot().halts());
    }

    @PostMapping("/v1/admin/halts")
    public Map<String, Object> halt(@RequestBody(required = false) byte[] raw, HttpServletRequest request) {
        JsonNode req = body(raw);
        long id = control.store().halt(scope(req), optionalUuid(req, "operatorId"), Fields.optionalString(req, "gameCode", 64).orElse(null), reason(req), who(request));
        control.refresh();
        return Map.of("haltId", id, "active", control.snapshot().halts());
    }

    @PostMapping("/v1/admin/halts/resume")
    public Map<String, Object> resume(@RequestBody(required = false) byte[] raw, HttpServletRequest request) {
        JsonNode req = body(raw);
        int n = control.store().resume(scope(req), optionalUuid(req, "operatorId"), Fields.optionalString(req, "gameCode", 64).orElse(null), reason(req), who(request));
        control.refresh();
        return Map.of("resumed", n, "active", control.snapshot().halts());
    }

    @PutMapping("/v1/admin/breakers/{operatorId}/override")
    public Map<String, Object> breaker(@PathVariable UUID operatorId, @RequestBody(required = false) byte[] raw, HttpServletRequest request) {
        JsonNode req = body(raw);
        String mode = Fields.requiredString(req, "mode", 32).toUpperCase(Locale.ROOT).replace('-', '_');
        String stored = switch (mode) {
            case "FORCED_OPEN", "FORCE_OPEN" -> "FORCED_OPEN";
            case "FORCED_CLOSED", "FORCE_CLOSED" -> "FORCED_CLOSED";
            case "AUTO" -> null;
            default -> throw new ApiException(400, "invalid_request", "mode must be FORCED_OPEN, FORCED_CLOSED or AUTO");
        };
        control.store().overrideBreaker(operatorId, stored, reason(req), who(request));
        control.refresh();
        return Map.of("operatorId", operatorId.toString(), "mode", stored == null ? "AUTO" : stored);
    }

    @GetMapping("/v1/admin/settings")
    public Map<String, Object> settings() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RuntimeSetting s : RuntimeSetting.values()) {
            out.put(s.key, control.snapshot().settings().getOrDefault(s.key, s.defaultValue == -1 ? "env" : String.valueOf(s.defaultValue)));
        }
        return out;
    }

    @PutMapping("/v1/admin/settings/{key}")
    public Map<String, Object> setSetting(@PathVariable String key, @RequestBody(required = false) byte[] raw, HttpServletRequest request) {
        RuntimeSetting s = RuntimeSetting.of(key);
        JsonNode v = body(raw).get("value");
        if (v == null || v.isNull()) throw new ApiException(400, "invalid_request", "value is required");
        String value = v.isString() ? v.stringValue() : v.toString();
        control.store().setSetting(s, value, who(request));
        control.refresh();
        return Map.of(s.key, s.parse(value));
    }

    @GetMapping("/v1/admin/operators/{operatorId}/game-configs")
    public List<GameConfigStore.Current> configs(@PathVariable UUID operatorId) {
        return configs.list(operatorId);
    }

    @PutMapping("/v1/admin/operators/{operatorId}/game-configs/{gameCode}/{currency}")
    public ResponseEntity<Object> setConfig(@PathVariable UUID operatorId, @PathVariable String gameCode, @PathVariable String currency,
                                            @RequestBody(required = false) byte[] raw, HttpServletRequest request) {
        JsonNode req = body(raw);
        try {
            return ResponseEntity.ok(configs.set(operatorId, gameCode, currency, changes(req), req.path("confirm").asBoolean(false), who(request), reason(req)).after());
        } catch (GameConfigStore.RtpChangeNeedsConfirmation e) {
            return ResponseEntity.status(409).body(Map.of("error", "rtp_change_needs_confirmation", "message", e.getMessage(),
                    "theoreticalRtpBefore", e.before, "theoreticalRtpAfter", e.after));
        }
    }

    @GetMapping("/v1/admin/operators/{operatorId}/game-configs/history")
    public List<GameConfigStore.AuditEntry> history(@PathVariable UUID operatorId) {
        return configs.history(operatorId, null, 200);
    }

    @PostMapping("/v1/admin/config-audit/{auditId}/revert")
    public ResponseEntity<Object> revert(@PathVariable long auditId, @RequestBody(required = false) byte[] raw, HttpServletRequest request) {
        boolean confirm = raw != null && raw.length > 0 && body(raw).path("confirm").asBoolean(false);
        try {
            return ResponseEntity.ok(configs.revert(auditId, confirm, who(request)).after());
        } catch (GameConfigStore.RtpChangeNeedsConfirmation e) {
            return ResponseEntity.status(409).body(Map.of("error", "rtp_change_needs_confirmation", "message", e.getMessage()));
        }
    }

    @PostMapping("/v1/admin/operators/{operatorId}/incident")
    public Map<String, Object> postBanner(@PathVariable UUID operatorId, @RequestBody(required = false) byte[] raw, HttpServletRequest request) {
        IncidentBanners.Banner b = banners.post(operatorId, Fields.requiredString(body(raw), "message", 2000), who(request));
        return Map.of("id", b.id(), "message", b.message());
    }

    @DeleteMapping("/v1/admin/operators/{operatorId}/incident")
    public Map<String, Object> clearBanner(@PathVariable UUID operatorId, HttpServletRequest request) {
        return Map.of("cleared", banners.clear(operatorId, who(request)));
    }
}
