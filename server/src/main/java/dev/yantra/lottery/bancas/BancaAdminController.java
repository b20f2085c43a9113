package dev.yantra.lottery.bancas;

import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import dev.yantra.admin.AdminAuthFilter;
import dev.yantra.api.ApiException;
import dev.yantra.api.Fields;
import dev.yantra.api.Json;
import dev.yantra.operator.Durations;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * /v1/admin/bancas: the bancas and their secrets for the portal, mirroring {@code yantra banca}. Authenticated
 * by {@link AdminAuthFilter} like the rest of the admin API; every change is audited by the stores under the
 * admin token's name, and a request that somehow lacks it is refused rather than audited anonymously.
 */
@RestController
@Guarded(Surface.ADMIN)
public class BancaAdminController {
    private final Bancas bancas;
    private final BancaCredentials credentials;

    public BancaAdminController(Bancas bancas, BancaCredentials credentials) {
        this.bancas = bancas;
        this.credentials = credentials;
    }

    @PostMapping("/v1/admin/bancas")
    public ResponseEntity<String> create(@RequestBody(required = false) String body, HttpServletRequest request) {
        String who = who(request);
        JsonNode b = parse(body);
        Bancas.Banca created = bancas.create(new Bancas.NewBanca(Fields.requiredString(b, "name", 64),
                Fields.requiredString(b, "rnc", 16), Fields.requiredString(b, "endpointUrl", 2048),
                Fields.requiredString(b, "contact", 256), commission(b), sucursales(b)), who);
        return json(201, created.toJson());
    }

    @GetMapping("/v1/admin/bancas")
    public ResponseEntity<String> list() {
        return json(200, bancas.list().stream().map(Bancas.Banca::toJson).toList());
    }

    @GetMapping("/v1/admin/bancas/pending")
    public ResponseEntity<String> pending() {
        return json(200, bancas.pending().stream().map(Bancas.Banca::toJson).toList());
    }

    @GetMapping("/v1/admin/bancas/{id}")
    public ResponseEntity<String> show(@PathVariable("id") String id) {
        Bancas.Banca b = bancas.get(uuid(id));
        Map<String, Object> m = b.toJson();
        m.put("credentials", credentials.list(b.id()).stream().map(BancaCredentials.Credential::toJson).toList());
        return json(200, m);
    }

    @PatchMapping("/v1/admin/bancas/{id}")
    public ResponseEntity<String> update(@PathVariable("id") String id, @RequestBody(required = false) String body,
                                         HttpServletRequest request) {
        return json(200, bancas.update(uuid(id), changes(parse(body)), who(request)).toJson());
    }

    @PutMapping("/v1/admin/bancas/{id}")
    public ResponseEntity<String> replace(@PathVariable("id") String id, @RequestBody(required = false) String body,
                                          HttpServletRequest request) {
        return update(id, body, request);
    }

    @PostMapping("/v1/admin/bancas/{id}/approve")
    public ResponseEntity<String> approve(@PathVariable("id") String id, HttpServletRequest request) {
        Bancas.Approved a = bancas.approve(uuid(id), who(request));
        Map<String, Object> m = a.banca().toJson();
        m.put("credential", a.credential().toJson());
        return json(200, m);
    }

    @PostMapping("/v1/admin/bancas/{id}/reject")
    public ResponseEntity<String> reject(@PathVariable("id") String id, @RequestBody(required = false) String body,
                                         HttpServletRequest request) {
        String who = who(request);
        return json(200, bancas.reject(uuid(id), reason(body), who).toJson());
    }

    @PostMapping("/v1/admin/bancas/{id}/suspend")
    public ResponseEntity<String> suspend(@PathVariable("id") String id, @RequestBody(required = false) String body,
                                          HttpServletRequest request) {
        String who = who(request);
        return json(200, bancas.suspend(uuid(id), reason(body), who).toJson());
    }

    @PostMapping("/v1/admin/bancas/{id}/activate")
    public ResponseEntity<String> activate(@PathVariable("id") String id, @RequestBody(required = false) String body,
                                           HttpServletRequest request) {
        String who = who(request);
        return json(200, bancas.activate(uuid(id), reason(body), who).toJson());
    }

    @GetMapping("/v1/admin/bancas/{id}/credentials")
    public ResponseEntity<String> credentials(@PathVariable("id") String id) {
        return json(200, credentials.list(bancas.get(uuid(id)).id()).stream().map(BancaCredentials.Credential::toJson).toList());
    }

    /** Rotation step 1: a new secret, inactive for signing but verifying webhooks at once. Body {"secret"} imports one. */
    @PostMapping("/v1/admin/bancas/{id}/credentials")
    public ResponseEntity<String> rotate(@PathVariable("id") String id, @RequestBody(required = false) String body,
                                         HttpServletRequest request) {
        String who = who(request);
        String imported = Fields.optionalString(parseOrEmpty(body), "secret", 256).orElse(null);
        return json(201, credentials.issue(bancas.get(uuid(id)).id(), imported, who).toJson());
    }

    @PostMapping("/v1/admin/bancas/{id}/credentials/{keyId}/activate")
    public ResponseEntity<String> activateCredential(@PathVariable("id") String id, @PathVariable("keyId") String keyId,
                                                     @RequestBody(required = false) String body, HttpServletRequest request) {
        String who = who(request);
        requireOwned(id, keyId);
        var b = parseOrEmpty(body);
        Duration overlap = Fields.optionalString(b, "overlap", 16).map(s -> Durations.parse(s, "overlap")).orElse(null);
        java.time.Instant at = Fields.optionalString(b, "activateAt", 40).map(BancaAdminController::instant).orElse(null);
        return json(200, credentials.activate(keyId, at, overlap, who).toJson());
    }

    @PostMapping("/v1/admin/bancas/{id}/credentials/{keyId}/revoke")
    public ResponseEntity<String> revoke(@PathVariable("id") String id, @PathVariable("keyId") String keyId,
                                         @RequestBody(required = false) String body, HttpServletRequest request) {
        String who = who(request);
        requireOwned(id, keyId);
        boolean changed = credentials.revoke(keyId, who, reason(body));
        Map<String, Object> m = credentials.get(keyId).toJson();
        m.put("changed", changed);
        return json(200, m);
    }

    private void requireOwned(String bancaId, String keyId) {
        if (!credentials.get(keyId).bancaId().equals(bancas.get(uuid(bancaId)).id())) {
            throw new ApiException(404, "not_found", "banca " + bancaId + " has no credential '" + keyId + "'");
        }
    }

    private static Bancas.Changes changes(JsonNode b) {
        return new Bancas.Changes(Fields.optionalString(b, "name", 64).orElse(null), Fields.optionalString(b, "rnc", 16).orElse(null),
                Fields.optionalString(b, "endpointUrl", 2048).orElse(null), Fields.optionalString(b, "contact", 256).orElse(null),
                commission(b), sucursales(b), cap(b), overrides(b));
    }

    /** numberLiabilityCap: currency units, as a number or decimal string (the lottery amount rules). */
    private static Long cap(JsonNode b) {
        JsonNode v = b.get("numberLiabilityCap");
        if (v == null || v.isNull()) return null;
        try {
            return dev.yantra.lottery.money.LotteryAmount.parse(v.isString() ? v.stringValue() : v.decimalValue());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", "numberLiabilityCap: " + e.getMessage());
        }
    }

    private static Map<String, Object> overrides(JsonNode b) {
        JsonNode v = b.get("payoutOverrides");
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) throw new ApiException(400, "invalid_request", "payoutOverrides must be an object (payout table form)");
        return Json.MAPPER.convertValue(v, new tools.jackson.core.type.TypeReference<Map<String, Object>>() { });
    }

    private static BigDecimal commission(JsonNode b) {
        JsonNode v = b.get("commission");
        if (v == null || v.isNull()) return null;
        try {
            if (v.isNumber()) return v.decimalValue();
            if (v.isString()) return new BigDecimal(v.stringValue());
        } catch (NumberFormatException e) {
            // falls through to the 400
        }
        throw new ApiException(400, "invalid_request", "commission must be a percentage (number or decimal string)");
    }

    private static List<Bancas.Sucursal> sucursales(JsonNode b) {
        JsonNode v = b.get("sucursales");
        if (v == null || v.isNull()) return null;
        if (!v.isArray() || v.size() > 500) throw new ApiException(400, "invalid_request", "sucursales must be an array of at most 500 objects");
        List<Bancas.Sucursal> out = new ArrayList<>();
        for (JsonNode s : v.values()) {
            if (!s.isObject()) throw new ApiException(400, "invalid_request", "each sucursal must be an object with code and name");
            out.add(new Bancas.Sucursal(Fields.requiredString(s, "code", 32), Fields.optionalString(s, "name", 128).orElse("")));
        }
        return out;
    }

    private static String reason(String body) {
        return Fields.optionalString(parseOrEmpty(body), "reason", 512).orElse(null);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "not_found", "no banca " + id);
        }
    }

    private static JsonNode parse(String body) {
        return Json.parseObject(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode parseOrEmpty(String body) {
        return body == null || body.isBlank() ? Json.parseObject("{}".getBytes(StandardCharsets.UTF_8)) : parse(body);
    }

    /** The admin token's name: the audit's changed_by. Without it nothing is changed. */
    private static String who(HttpServletRequest request) {
        Object name = request.getAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE);
        if (name == null || name.toString().isBlank()) {
            throw new ApiException(401, "invalid_admin_token", "a banca change needs an authenticated admin");
        }
        return name.toString();
    }

    private static ResponseEntity<String> json(int status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
    }

    private static java.time.Instant instant(String s) {
        try {
            return java.time.Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw new dev.yantra.api.ApiException(400, "invalid_request", "activateAt must be an ISO-8601 instant such as 2026-12-03T02:00:00Z");
        }
    }
}
