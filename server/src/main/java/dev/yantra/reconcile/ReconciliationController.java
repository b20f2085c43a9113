package dev.yantra.reconcile;

import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;

import dev.yantra.config.UnavailableException;
import dev.yantra.config.UsageException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/reports/reconciliation} {@code {"requestUuid": "...", "csv": "..."}}: the same comparison as
 * {@code yantra reconcile}, for the authenticated operator only, answered with the JSON report. 200 for a
 * readable file (its status inside), 422 for an unreadable one (line errors inside), 400 a bad request,
 * 401 unauthenticated, 403 {@code operator_mismatch} for rows of another operator, 413 too large, 503 database down.
 */
@RestController
@Guarded(Surface.OPERATOR)
public class ReconciliationController {
    /** A day's transaction file of a large operator fits; beyond this, use the CLI. */
    static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

    private final ReconcileService service;
    private final AuthenticatedOperator auth;

    public ReconciliationController(ReconcileService service, ObjectProvider<AuthenticatedOperator> auth) {
        this.service = service;
        this.auth = auth.getIfAvailable(() -> AuthenticatedOperator.FROM_REQUEST_ATTRIBUTE);
    }

    @PostMapping(path = "/v1/reports/reconciliation", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> reconcile(HttpServletRequest request, @RequestBody(required = false) Map<String, Object> body)
            throws IOException {
        Optional<UUID> operator = auth.of(request);
        if (operator.isEmpty()) {
            return error(401, "unauthenticated", "the request is not signed by an operator");
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            return error(413, "too_large", "body over " + MAX_BODY_BYTES + " bytes: use yantra reconcile");
        }
        if (body == null || !(body.get("csv") instanceof String csv)
                || !(body.get("requestUuid") instanceof String uuid) || DatabaseOurs.parseUuid(uuid) == null) {
            return error(400, "invalid_request", "body must be {\"requestUuid\": \"<uuid>\", \"csv\": \"<settlement file>\"}");
        }
        try {
            ReconciliationReport report = service.reconcile(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                    operator.get().toString(), ReconcileService.Scope.ONLY_THIS_OPERATOR, n -> { });
            String json = ReportRenderer.render(report, ReportRenderer.Format.JSON, false);
            return ResponseEntity.status(report.unreadable() ? 422 : 200).contentType(MediaType.APPLICATION_JSON).body(json);
        } catch (ReconcileService.OperatorMismatchException e) {
            return error(403, "operator_mismatch", e.getMessage());
        } catch (UsageException e) {
            return error(400, "invalid_request", e.getMessage());
        } catch (UnavailableException e) {
            return error(503, "unavailable", "database unreachable");
        }
    }

    private static ResponseEntity<String> error(int status, String reason, String message) {
        StringBuilder sb = new StringBuilder();
        try {
            new JsonWriter(sb).beginObject().name("error").value(reason).name("message").value(message).endObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);   // a StringBuilder does not fail
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(sb.toString());
    }
}
