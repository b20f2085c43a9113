package dev.yantra.demobanca;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The demo banca's control panel, unauthenticated and on loopback only (it is a test peer): {@code GET|POST
 * /admin/faults}, {@code GET /admin/plays[?limit=]}, {@code GET /admin/plays/{requestId}}, {@code GET|POST
 * /admin/secrets} ({@code {id, secret}}; ids are listed, secrets never), {@code DELETE /admin/secrets/{id}}.
 */
final class AdminApi {
    private final DemoBanca banca;

    AdminApi(DemoBanca banca) {
        this.banca = banca;
    }

    void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            byte[] body;
            try {
                body = Http.readBody(ex);
            } catch (Http.BodyTooLarge e) {
                Http.error(ex, 413, "body_too_large", e.getMessage());
                return;
            }
            if (path.equals("/admin/faults")) faults(ex, method, body);
            else if (path.equals("/admin/plays") && method.equals("GET")) plays(ex);
            else if (path.startsWith("/admin/plays/") && method.equals("GET")) play(ex, path.substring("/admin/plays/".length()));
            else if (path.equals("/admin/secrets")) secrets(ex, method, body);
            else if (path.startsWith("/admin/secrets/") && method.equals("DELETE")) deleteSecret(ex, path.substring("/admin/secrets/".length()));
            else Http.error(ex, 404, "not_found", method + " " + path);
        } catch (RuntimeException e) {
            Http.sendText(ex, 500, "internal error: " + e.getMessage());
        }
    }

    private void faults(HttpExchange ex, String method, byte[] body) throws IOException {
        if (method.equals("POST")) {
            Map<String, Object> req = Http.parseObject(body);
            if (req == null) {
                Http.error(ex, 400, "invalid_json", "the body must be a JSON object");
                return;
            }
            try {
                banca.changeFaults(req);
            } catch (IllegalArgumentException e) {
                Http.error(ex, 400, "invalid_faults", e.getMessage());
                return;
            }
        } else if (!method.equals("GET")) {
            Http.error(ex, 405, "method_not_allowed", null);
            return;
        }
        Http.send(ex, 200, banca.faults().toJson());
    }

    private void plays(HttpExchange ex) throws IOException {
        int limit = PlayLedger.MAX_LIST;
        String q = ex.getRequestURI().getRawQuery();
        if (q != null && q.startsWith("limit=")) {
            try {
                limit = Integer.parseInt(q.substring("limit=".length()));
            } catch (NumberFormatException e) {
                Http.error(ex, 400, "invalid_limit", "limit must be a whole number");
                return;
            }
        }
        Http.send(ex, 200, Map.of("plays", banca.ledger().recent(limit).stream().map(Play::toJson).toList()));
    }

    private void play(HttpExchange ex, String rawId) throws IOException {
        UUID id;
        try {
            id = UUID.fromString(rawId);
        } catch (IllegalArgumentException e) {
            Http.error(ex, 400, "invalid_request_id", "requestId must be a UUID");
            return;
        }
        Optional<Play> p = banca.ledger().byRequestId(id);
        if (p.isPresent()) Http.send(ex, 200, p.get().toJson());
        else Http.error(ex, 404, "unknown_play", "no play with requestId " + id);
    }

    private void secrets(HttpExchange ex, String method, byte[] body) throws IOException {
        if (method.equals("POST")) {
            Map<String, Object> req = Http.parseObject(body);
            if (req == null || !(req.get("id") instanceof String id) || !(req.get("secret") instanceof String secret)) {
                Http.error(ex, 400, "invalid_secret", "the body must be {\"id\": \"...\", \"secret\": \"...\"}");
                return;
            }
            try {
                banca.addSecret(id, secret.getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                Http.error(ex, 400, "invalid_secret", e.getMessage());
                return;
            }
        } else if (!method.equals("GET")) {
            Http.error(ex, 405, "method_not_allowed", null);
            return;
        }
        Http.send(ex, 200, Map.of("ids", banca.secretIds()));
    }

    private void deleteSecret(HttpExchange ex, String rawId) throws IOException {
        String id = URLDecoder.decode(rawId, StandardCharsets.UTF_8);
        if (!banca.removeSecret(id)) {
            Http.error(ex, 404, "unknown_secret", "no secret with id " + id);
            return;
        }
        Http.send(ex, 200, Map.of("ids", banca.secretIds()));
    }
}
