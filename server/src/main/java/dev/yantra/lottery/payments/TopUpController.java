package dev.yantra.lottery.payments;

import dev.yantra.api.ApiException;
import dev.yantra.api.Json;
import dev.yantra.lottery.player.PlayerPrincipal;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Wallet top-ups by card, own account only (another player's is 403): create, read one, list. */
@Guarded(Surface.SELF_AUTHENTICATED)  // PlayerAuthFilter verifies the JWT; each handler calls PlayerPrincipal.require
@RestController
public class TopUpController {
    private final TopUps topUps;

    public TopUpController(TopUps topUps) {
        this.topUps = topUps;
    }

    @PostMapping("/api/v1/users/{id}/wallet/topups")
    public ResponseEntity<String> create(@PathVariable("id") String id, @RequestBody(required = false) byte[] body,
                                         HttpServletRequest request) {
        UUID userId = PlayerPrincipal.require(request).own(id);
        TopUps.Created c = topUps.create(userId, body);
        return json(c.created() ? 201 : 200, TopUps.toJson(c.topUp()));
    }

    @GetMapping("/api/v1/users/{id}/wallet/topups/{topupId}")
    public ResponseEntity<String> get(@PathVariable("id") String id, @PathVariable("topupId") String topupId, HttpServletRequest request) {
        UUID userId = PlayerPrincipal.require(request).own(id);
        UUID t;
        try {
            t = UUID.fromString(topupId);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "topup_not_found", "no top-up " + topupId);
        }
        return json(200, TopUps.toJson(topUps.find(userId, t)));
    }

    @GetMapping("/api/v1/users/{id}/wallet/topups")
    public ResponseEntity<String> list(@PathVariable("id") String id, @RequestParam(name = "limit", defaultValue = "20") int limit,
                                       HttpServletRequest request) {
        UUID userId = PlayerPrincipal.require(request).own(id);
        if (limit < 1 || limit > 100) throw new ApiException(400, "invalid_request", "limit must be 1-100");
        return json(200, topUps.list(userId, limit).stream().map(TopUps::toJson).toList());
    }

    private static ResponseEntity<String> json(int status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
    }
}
