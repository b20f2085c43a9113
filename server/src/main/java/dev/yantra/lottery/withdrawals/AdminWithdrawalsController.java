package dev.yantra.lottery.withdrawals;

import dev.yantra.admin.AdminAuthFilter;
import dev.yantra.api.ApiException;
import dev.yantra.api.Fields;
import dev.yantra.api.Json;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * /v1/admin/withdrawals, mirroring {@code yantra lottery withdrawal}: {@code GET ?status=requested&limit=100}
 * (oldest first), {@code GET /{id}}, {@code POST /{id}/approve}, {@code POST /{id}/reject} {reason} and
 * {@code POST /{id}/paid} {reference}. Every change is audited under the admin token's name.
 */
@Guarded(Surface.ADMIN)
@RestController
public class AdminWithdrawalsController {
    private final Withdrawals withdrawals;

    public AdminWithdrawalsController(Withdrawals withdrawals) {
        this.withdrawals = withdrawals;
    }

    @GetMapping("/v1/admin/withdrawals")
    public ResponseEntity<String> list(@RequestParam(name = "status", required = false) String status,
                                       @RequestParam(name = "limit", defaultValue = "100") int limit) {
        Optional<WithdrawalState> state = Optional.empty();
        if (status != null && !status.isBlank() && !status.equals("all")) {
            state = Optional.of(WithdrawalState.fromWire(status).orElseThrow(() ->
                    new ApiException(400, "invalid_request", "status must be requested, approved, rejected, paid or all")));
        }
        Optional<WithdrawalState> s = state;
        return handle(() -> PlayerWithdrawalsController.json(200, withdrawals.list(s, limit).stream().map(Withdrawal::toAdminJson).toList()));
    }

    @GetMapping("/v1/admin/withdrawals/{id}")
    public ResponseEntity<String> show(@PathVariable String id) {
        UUID wid = uuid(id);
        return withdrawals.find(wid).map(w -> PlayerWithdrawalsController.json(200, w.toAdminJson()))
                .orElseThrow(() -> new ApiException(404, "not_found", "no withdrawal " + id));
    }

    @PostMapping("/v1/admin/withdrawals/{id}/approve")
    public ResponseEntity<String> approve(@PathVariable String id, HttpServletRequest request) {
        String who = who(request);
        return handle(() -> PlayerWithdrawalsController.json(200, withdrawals.approve(uuid(id), who).toAdminJson()));
    }

    @PostMapping("/v1/admin/withdrawals/{id}/reject")
    public ResponseEntity<String> reject(@PathVariable String id, @RequestBody(required = false) String body, HttpServletRequest request) {
        String who = who(request);
        String reason = Fields.requiredString(parse(body), "reason", Withdrawals.MAX_REASON_CHARS);
        return handle(() -> PlayerWithdrawalsController.json(200, withdrawals.reject(uuid(id), reason, who).toAdminJson()));
    }

    @PostMapping("/v1/admin/withdrawals/{id}/paid")
    public ResponseEntity<String> paid(@PathVariable String id, @RequestBody(required = false) String body, HttpServletRequest request) {
        String who = who(request);
        String reference = Fields.requiredString(parse(body), "reference", Withdrawals.MAX_REASON_CHARS);
        return handle(() -> PlayerWithdrawalsController.json(200, withdrawals.markPaid(uuid(id), reference, who).toAdminJson()));
    }

    private static ResponseEntity<String> handle(Supplier<ResponseEntity<String>> action) {
        try {
            return action.get();
        } catch (NotFoundException e) {
            throw new ApiException(404, "not_found", e.getMessage());
        } catch (WithdrawalConflictException e) {
            throw new ApiException(409, e.code(), e.getMessage());
        } catch (UsageException e) {
            throw new ApiException(400, "invalid_request", e.getMessage());
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "not_found", "no withdrawal " + id);
        }
    }

    private static JsonNode parse(String body) {
        return Json.parseObject((body == null || body.isBlank() ? "{}" : body).getBytes(StandardCharsets.UTF_8));
    }

    private static String who(HttpServletRequest request) {
        Object name = request.getAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE);
        if (name == null || name.toString().isBlank()) {
            throw new ApiException(401, "invalid_admin_token", "a withdrawal change needs an authenticated admin");
        }
        return name.toString();
    }
}
