package dev.yantra.operator;

import dev.yantra.admin.AdminAuthFilter;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;

import dev.yantra.api.ApiException;
import dev.yantra.api.Fields;
import dev.yantra.api.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The admin API (/v1/admin/*) for the portal: operators and credentials, mirroring the CLI. Every change is
 * audited by the stores with changed_by = the admin token's name.
 */
@RestController
@Guarded(Surface.ADMIN)
public class AdminController {
    private final Operators operators;
    private final CredentialStore credentials;
    private final JdbcClient jdbc;

    public AdminController(Operators operators, CredentialStore credentials, JdbcClient jdbc) {
        this.operators = operators;
        this.credentials = credentials;
        this.jdbc = jdbc;
    }

    @GetMapping("/v1/admin/operators")
    public ResponseEntity<String> list() {
        return json(200, operators.list().stream().map(Operators.Operator::toJson).toList());
    }

    @PostMapping("/v1/admin/operators")
    public ResponseEntity<String> create(@RequestBody(required = false) String body, HttpServletRequest request) {
        JsonNode b = parse(body);
        Operators.Operator o = operators.create(new Operators.NewOperator(
                Fields.requiredString(b, "name", 64), Fields.requiredString(b, "complianceContact", 256),
                strings(b, "currencies"), Fields.requiredString(b, "walletUrl", 2048), strings(b, "ipAllowList"),
                Fields.optionalInt(b, "rateLimitPerSecond").orElse(null)), who(request));
        return json(201, o.toJson());
    }

    @GetMapping("/v1/admin/operators/{idOrName}")
    public ResponseEntity<String> show(@PathVariable("idOrName") String idOrName) {
        Operators.Operator o = operators.get(idOrName);
        Map<String, Object> m = o.toJson();
        m.put("credentials", credentials.list(o.id()).stream().map(CredentialStore.Credential::toJson).toList());
        return json(200, m);
    }

    @PatchMapping("/v1/admin/operators/{idOrName}")
    public ResponseEntity<String> update(@PathVariable("idOrName") String idOrName, @RequestBody(required = false) String body,
                                         HttpServletRequest request) {
        JsonNode b = parse(body);
        Operators.Operator o = operators.update(idOrName, new Operators.OperatorChanges(
                Fields.optionalString(b, "status", 16).orElse(null), Fields.optionalString(b, "walletUrl", 2048).orElse(null),
                strings(b, "ipAllowList"), Fields.optionalInt(b, "rateLimitPerSecond").orElse(null),
                Fields.optionalString(b, "complianceContact", 256).orElse(null), strings(b, "currencies")), who(request));
        return json(200, o.toJson());
    }

    @GetMapping("/v1/admin/operators/{idOrName}/credentials")
    public ResponseEntity<String> credentials(@PathVariable("idOrName") String idOrName) {
        return json(200, credentials.list(operators.get(idOrName).id()).stream().map(CredentialStore.Credential::toJson).toList());
    }

    @PostMapping("/v1/admin/operators/{idOrName}/credentials")
    public ResponseEntity<String> issue(@PathVariable("idOrName") String idOrName, @RequestBody(required = false) String body,
                                        HttpServletRequest request) {
        JsonNode b = parse(body);
        CredentialStore.Kind kind;
        try {
            kind = CredentialStore.Kind.valueOf(Fields.requiredString(b, "kind", 16).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", "kind must be inbound or outbound");
        }
        Duration validFor = Fields.optionalString(b, "notAfter", 16).map(s -> Durations.parse(s, "notAfter")).orElse(null);
        // {"secret": "..."} imports the operator's own secret (a request body, never a URL, so it is not logged)
        String imported = Fields.optionalString(b, "secret", 256).orElse(null);
        return json(201, credentials.issue(operators.get(idOrName).id(), kind, validFor, imported, who(request)).toJson());
    }

    /** Staged rotation's second step: {"activateAt": ISO instant (default now), "overlap": "24h"}. */
    @PostMapping("/v1/admin/credentials/{kid}/activate")
    public ResponseEntity<String> activate(@PathVariable("kid") String kid, @RequestBody(required = false) String body,
                                           HttpServletRequest request) {
        JsonNode b = body == null || body.isBlank() ? Json.parseObject("{}".getBytes(StandardCharsets.UTF_8)) : parse(body);
        Duration overlap = Fields.optionalString(b, "overlap", 16).map(s -> Durations.parse(s, "overlap")).orElse(null);
        java.time.Instant at = Fields.optionalString(b, "activateAt", 40).map(AdminController::instant).orElse(null);
        CredentialStore.Activated a = credentials.activate(kid, at, overlap, who(request));
        Map<String, Object> m = a.credential().toJson();
        m.put("changed", a.changed());
        m.put("retiring", a.retiring().stream().map(CredentialStore.Credential::toJson).toList());
        return json(200, m);
    }

    private static java.time.Instant instant(String s) {
        try {
            return java.time.Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiException(400, "invalid_request", "activateAt must be an ISO-8601 instant such as 2026-12-03T02:00:00Z");
        }
    }

    @PostMapping("/v1/admin/credentials/{kid}/rotate")
    public ResponseEntity<String> rotate(@PathVariable("kid") String kid, @RequestBody(required = false) String body,
                                         HttpServletRequest request) {
        JsonNode b = body == null || body.isBlank() ? Json.parseObject("{}".getBytes(StandardCharsets.UTF_8)) : parse(body);
        Duration overlap = Fields.optionalString(b, "overlap", 16).map(s -> Durations.parse(s, "overlap")).orElse(null);
        return json(201, credentials.rotate(kid, overlap, who(request)).toJson());
    }

    @PostMapping("/v1/admin/credentials/{kid}/revoke")
    public ResponseEntity<String> revoke(@PathVariable("kid") String kid, @RequestBody(required = false) String body,
                                         HttpServletRequest request) {
        JsonNode b = body == null || body.isBlank() ? Json.parseObject("{}".getBytes(StandardCharsets.UTF_8)) : parse(body);
        boolean changed = credentials.revoke(kid, who(request), Fields.optionalString(b, "reason", 512).orElse(null));
        Map<String, Object> m = credentials.get(kid).toJson();
        m.put("changed", changed);
        return json(200, m);
    }

    @GetMapping("/v1/admin/audit")
    public ResponseEntity<String> audit(@RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) throw new ApiException(400, "invalid_request", "limit must be 1-1000");
        return json(200, jdbc.sql("SELECT * FROM admin_audit_log ORDER BY id DESC LIMIT ?").param(limit).query((rs, n) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", rs.getLong("id"));
            m.put("changedBy", rs.getString("changed_by"));
            m.put("action", rs.getString("action"));
            m.put("subject", rs.getString("subject"));
            m.put("oldValue", rs.getString("old_value"));
            m.put("newValue", rs.getString("new_value"));
            m.put("reason", rs.getString("reason"));
            m.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
            return m;
        }).list());
    }

    private static JsonNode parse(String body) {
        return Json.parseObject(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> strings(JsonNode b, String name) {
        JsonNode v = b.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isArray() || v.size() > 200) throw new ApiException(400, "invalid_request", name + " must be an array of at most 200 strings");
        List<String> out = new ArrayList<>();
        for (JsonNode item : v.values()) {
            if (!item.isString()) throw new ApiException(400, "invalid_request", name + " must contain strings");
            out.add(item.stringValue());
        }
        return out;
    }

    private static String who(HttpServletRequest request) {
        Object name = request.getAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE);
        if (name == null) throw new IllegalStateException("admin request without admin authentication");
        return name.toString();
    }

    private static ResponseEntity<String> json(int status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
    }
}
