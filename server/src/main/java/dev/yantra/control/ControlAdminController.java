package dev.yantra.control;

import dev.yantra.admin.AdminAuthFilter;
import dev.yantra.api.ApiException;
import dev.yantra.games.GameRegistry;
import dev.yantra.gameconfig.GameConfigStore;
import dev.yantra.ops.incident.IncidentBanners;
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

/**
 * The incident levers over the admin API (the portal's future buttons), the same stores the CLI uses, the
 * same audit rows — changed_by is the admin token's name. Halts, breaker overrides, runtime settings, game
 * configs with history and revert, and the incident banner.
 */
@RestController
public class ControlAdminController {
    private final ControlPlane control;
    private final GameConfigStore configs;
    private final IncidentBanners banners;

    public ControlAdminController(ControlPlane control, JdbcClient jdbc, TransactionTemplate tx) {
        this.control = control;
        this.configs = new GameConfigStore(jdbc, tx, GameRegistry.standard());
        this.banners = new IncidentBanners(jdbc);
    }

    /** Bodies are read as plain maps (the shape every admin endpoint takes) and checked field by field. */
    private static String str(Map<String, Object> body, String name) {
        Object v = body == null ? null : body.get(name);
        if (v == null) return null;
        if (!(v instanceof String s)) throw new ApiException(400, "invalid_request", name + " must be a string");
        return s;
    }

    private static UUID uuid(Map<String, Object> body, String name) {
        String s = str(body, name);
        if (s == null) return null;
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", name + " must be a UUID");
        }
    }

    private static boolean confirm(Map<String, Object> body) {
        return body != null && Boolean.TRUE.equals(body.get("confirm"));
    }

    private static KillSwitch.Scope scope(Map<String, Object> body) {
        String scope = str(body, "scope");
        if (scope == null) throw new ApiException(400, "invalid_request", "scope is required: BETS or SETTLEMENTS");
        try {
            return KillSwitch.Scope.valueOf(scope.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", "scope must be BETS or SETTLEMENTS, was '" + scope + "'");
        }
    }

    private static Map<String, String> changes(Map<String, Object> body) {
        Object v = body == null ? null : body.get("changes");
        if (!(v instanceof Map<?, ?> m) || m.isEmpty()) {
            throw new ApiException(400, "invalid_request", "changes is required: an object of field -> value");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
        return out;
    }

    private static String who(HttpServletRequest request) {
        return String.valueOf(request.getAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE));
    }

    @GetMapping("/v1/admin/halts")
    public Map<String, Object> halts() {
        return Map.of("active", control.snapshot().halts());
    }

    @PostMapping("/v1/admin/halts")
    public Map<String, Object> halt(@RequestBody Map<String, Object> req, HttpServletRequest request) {
        long id = control.store().halt(scope(req), uuid(req, "operatorId"), str(req, "gameCode"), str(req, "reason"), who(request));
        control.refresh();
        return Map.of("haltId", id, "active", control.snapshot().halts());
    }

    @PostMapping("/v1/admin/halts/resume")
    public Map<String, Object> resume(@RequestBody Map<String, Object> req, HttpServletRequest request) {
        int n = control.store().resume(scope(req), uuid(req, "operatorId"), str(req, "gameCode"), str(req, "reason"), who(request));
        control.refresh();
        return Map.of("resumed", n, "active", control.snapshot().halts());
    }

    @PutMapping("/v1/admin/breakers/{operatorId}/override")
    public Map<String, Object> breaker(@PathVariable UUID operatorId, @RequestBody Map<String, Object> req, HttpServletRequest request) {
        String mode = str(req, "mode") == null ? "" : str(req, "mode").toUpperCase(Locale.ROOT).replace('-', '_');
        String stored = switch (mode) {
            case "FORCED_OPEN", "FORCE_OPEN" -> "FORCED_OPEN";
            case "FORCED_CLOSED", "FORCE_CLOSED" -> "FORCED_CLOSED";
            case "AUTO" -> null;
            default -> throw new ApiException(400, "invalid_request", "mode must be FORCED_OPEN, FORCED_CLOSED or AUTO");
        };
        control.store().overrideBreaker(operatorId, stored, str(req, "reason"), who(request));
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
    public Map<String, Object> setSetting(@PathVariable String key, @RequestBody Map<String, Object> req, HttpServletRequest request) {
        RuntimeSetting s = RuntimeSetting.of(key);
        Object raw = req == null ? null : req.get("value");
        if (raw == null) throw new ApiException(400, "invalid_request", "value is required");
        String value = String.valueOf(raw);
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
                                            @RequestBody Map<String, Object> req, HttpServletRequest request) {
        try {
            return ResponseEntity.ok(configs.set(operatorId, gameCode, currency, changes(req), confirm(req), who(request), str(req, "reason")).after());
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
    public ResponseEntity<Object> revert(@PathVariable long auditId, @RequestBody(required = false) Map<String, Object> req, HttpServletRequest request) {
        try {
            return ResponseEntity.ok(configs.revert(auditId, confirm(req), who(request)).after());
        } catch (GameConfigStore.RtpChangeNeedsConfirmation e) {
            return ResponseEntity.status(409).body(Map.of("error", "rtp_change_needs_confirmation", "message", e.getMessage()));
        }
    }

    @PostMapping("/v1/admin/operators/{operatorId}/incident")
    public Map<String, Object> postBanner(@PathVariable UUID operatorId, @RequestBody Map<String, Object> req, HttpServletRequest request) {
        IncidentBanners.Banner b = banners.post(operatorId, str(req, "message"), who(request));
        return Map.of("id", b.id(), "message", b.message());
    }

    @DeleteMapping("/v1/admin/operators/{operatorId}/incident")
    public Map<String, Object> clearBanner(@PathVariable UUID operatorId, HttpServletRequest request) {
        return Map.of("cleared", banners.clear(operatorId, who(request)));
    }
}
