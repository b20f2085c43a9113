package dev.yantra.lottery.draw;

import dev.yantra.admin.AdminAuthFilter;
import dev.yantra.api.ApiException;
import dev.yantra.config.NotFoundException;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/admin/lottery/draws/{id}/cancel {"reason": "..."}}: the admin API twin of {@code yantra lottery draw
 * cancel}, same transaction (draw, plays, refunds, jobs, audit row). 404 unknown draw; 409 already final, or plays
 * already evaluated against a result.
 */
@RestController
@Guarded(Surface.ADMIN)
public class DrawAdminController {
    private final DrawCancellation cancellation;

    public DrawAdminController(DrawCancellation cancellation) {
        this.cancellation = cancellation;
    }

    @PostMapping("/v1/admin/lottery/draws/{id}/cancel")
    public Map<String, Object> cancel(@RequestAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE) String by, @PathVariable String id,
                                      @RequestBody(required = false) Map<String, Object> body) {
        UUID drawId;
        try {
            drawId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", "draw id must be a UUID");
        }
        Object reason = body == null ? null : body.get("reason");
        if (!(reason instanceof String r) || r.isBlank()) throw new ApiException(400, "reason_required", "a reason is required");
        DrawCancellation.Cancelled c;
        try {
            c = cancellation.cancel(drawId, r, by);
        } catch (NotFoundException e) {
            throw new ApiException(404, "draw_not_found", e.getMessage());
        } catch (IllegalStateException e) {
            // already final, or plays already evaluated (CancelledDrawPlays): nothing changed
            throw new ApiException(409, "draw_not_cancellable", e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("drawId", c.drawId().toString());
        out.put("lotteryId", c.lotteryId());
        out.put("from", c.from().name());
        out.put("state", DrawState.CANCELLED.name());
        out.put("playsCancelled", c.plays().cancelled());
        out.put("confirmedRefunded", c.plays().confirmedRefunded());
        out.put("jobsClosed", c.plays().jobsClosed());
        return out;
    }
}
