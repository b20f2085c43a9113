package dev.yantra.ops.incident;

import dev.yantra.control.IncidentBanners;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;

import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the banner: publicly per operator (the /play page shows it; it holds nothing secret) and to the
 * authenticated operator at /v1/incidents (the inbound signature filter has authenticated it).
 */
@RestController
@Guarded(Surface.OPERATOR)
public class IncidentController {
    private final IncidentBanners banners;

    public IncidentController(JdbcClient jdbc) {
        this.banners = new IncidentBanners(jdbc);
    }

    @GetMapping("/v1/public/operators/{operatorId}/incident")
    @Guarded(Surface.PUBLIC)
    public ResponseEntity<Map<String, Object>> publicBanner(@PathVariable UUID operatorId) {
        return ResponseEntity.ok(body(operatorId));
    }

    @GetMapping("/v1/incidents")
    public ResponseEntity<Map<String, Object>> operatorBanner(jakarta.servlet.http.HttpServletRequest request) {
        return ResponseEntity.ok(body(dev.yantra.security.AuthenticatedOperator.of(request).operatorId()));
    }

    private Map<String, Object> body(UUID operatorId) {
        return banners.active(operatorId)
                .<Map<String, Object>>map(b -> Map.of("active", true, "message", b.message(), "postedAt", b.postedAt().toString()))
                .orElse(Map.of("active", false));
    }
}
