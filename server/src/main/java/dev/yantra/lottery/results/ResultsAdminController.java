package dev.yantra.lottery.results;

import dev.yantra.admin.AdminAuthFilter;
import dev.yantra.api.ApiException;
import dev.yantra.api.Fields;
import dev.yantra.api.Json;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.lottery.bet.DrawResult;
import dev.yantra.lottery.money.LotteryAmount;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * /v1/admin/lottery: results entry, the four-eyes confirmation, corrections, settlement and prize approvals,
 * mirroring {@code yantra lottery result|prize}. Every change is audited under the admin token's name.
 */
@RestController
@Guarded(Surface.ADMIN)
public class ResultsAdminController {
    private final Results results;

    public ResultsAdminController(Results results) {
        this.results = results;
    }

    @PostMapping("/v1/admin/lottery/draws/{id}/result")
    public ResponseEntity<String> set(@PathVariable String id, @RequestBody(required = false) String body, HttpServletRequest request) {
        String who = who(request);
        return handle(() -> json(201, results.set(uuid(id, "draw"), numbers(parse(body)), who, "admin").toJson()));
    }

    @GetMapping("/v1/admin/lottery/draws/{id}/result")
    public ResponseEntity<String> show(@PathVariable String id) {
        UUID drawId = uuid(id, "draw");
        return results.find(drawId).map(r -> json(200, r.toJson()))
                .orElseThrow(() -> new ApiException(404, "not_found", "draw " + id + " has no result"));
    }

    @PostMapping("/v1/admin/lottery/draws/{id}/result/confirm")
    public ResponseEntity<String> confirm(@PathVariable String id, HttpServletRequest request) {
        String who = who(request);
        return handle(() -> json(200, results.confirm(uuid(id, "draw"), who).toJson()));
    }

    @PostMapping("/v1/admin/lottery/draws/{id}/result/correct")
    public ResponseEntity<String> correct(@PathVariable String id, @RequestBody(required = false) String body, HttpServletRequest request) {
        String who = who(request);
        JsonNode b = parse(body);
        String reason = Fields.requiredString(b, "reason", 500);
        return handle(() -> json(200, results.correct(uuid(id, "draw"), numbers(b), reason, who).toJson()));
    }

    @PostMapping("/v1/admin/lottery/draws/{id}/settle")
    public ResponseEntity<String> settle(@PathVariable String id, HttpServletRequest request) {
        String who = who(request);
        return handle(() -> {
            Settlement.Outcome o = results.settle(uuid(id, "draw"), who);
            return json(200, Map.of("evaluated", o.evaluated(), "credited", o.credited(), "awaitingApproval", o.awaitingApproval(),
                    "corrected", o.corrected(), "drawSettled", o.drawSettled()));
        });
    }

    @PostMapping("/v1/admin/lottery/plays/{id}/approve-prize")
    public ResponseEntity<String> approve(@PathVariable String id, HttpServletRequest request) {
        String who = who(request);
        return handle(() -> json(200, Map.of("playId", id, "prizeStatus", Settlement.STATUS_CREDITED,
                "prizeAmount", LotteryAmount.toDecimal(results.approvePrize(uuid(id, "play"), who)))));
    }

    @PutMapping("/v1/admin/lottery/lotteries/{id}/four-eyes")
    public ResponseEntity<String> fourEyes(@PathVariable String id, @RequestBody(required = false) String body, HttpServletRequest request) {
        String who = who(request);
        JsonNode required = parse(body).get("required");
        if (required == null || !required.isBoolean()) throw new ApiException(400, "invalid_request", "'required' must be true or false");
        return handle(() -> {
            results.setFourEyes(id, required.booleanValue(), who);
            return json(200, Map.of("lotteryId", id, "fourEyes", required.booleanValue()));
        });
    }

    /** {@code {rate: 10 | "10.00", reason?}}: the lottery's prize tax rate in percent (audited). */
    @PutMapping("/v1/admin/lottery/lotteries/{id}/prize-tax")
    public ResponseEntity<String> prizeTax(@PathVariable String id, @RequestBody(required = false) String body, HttpServletRequest request) {
        String who = who(request);
        JsonNode b = parse(body);
        JsonNode rate = b.get("rate");
        BigDecimal percent;
        if (rate != null && rate.isNumber()) {
            percent = rate.decimalValue();
        } else if (rate != null && rate.isString()) {
            try {
                percent = new BigDecimal(rate.stringValue().trim());
            } catch (NumberFormatException e) {
                throw new ApiException(400, "invalid_request", "'rate' must be a percentage such as 10 or \"12.50\"");
            }
        } else {
            throw new ApiException(400, "invalid_request", "'rate' is required: a percentage such as 10 or \"12.50\"");
        }
        JsonNode reason = b.get("reason");
        String why = reason != null && reason.isString() ? reason.stringValue() : null;
        try {
            BigDecimal set = results.setPrizeTaxRate(id, percent, why, who);
            return json(200, Map.of("lotteryId", id, "prizeTaxRate", set));
        } catch (NotFoundException e) {
            throw new ApiException(404, "not_found", e.getMessage());
        } catch (UsageException e) {
            throw new ApiException(400, "invalid_request", e.getMessage());
        }
    }

    private static DrawResult numbers(JsonNode b) {
        try {
            return Results.of(text(b, "first"), text(b, "second"), text(b, "third"), text(b, "pick3"));
        } catch (UsageException e) {
            throw new ApiException(400, "invalid_result", e.getMessage());
        }
    }

    /** A number field as sent; a JSON number (12 for "12") is refused, since "05" and 5 differ. */
    private static String text(JsonNode b, String name) {
        JsonNode v = b.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isString()) throw new ApiException(400, "invalid_result", "'" + name + "' must be a string of digits such as \"05\"");
        return v.stringValue();
    }

    private static ResponseEntity<String> handle(Supplier<ResponseEntity<String>> action) {
        try {
            return action.get();
        } catch (NotFoundException e) {
            throw new ApiException(404, "not_found", e.getMessage());
        } catch (ResultConflictException e) {
            throw new ApiException(409, e.code(), e.getMessage());
        } catch (UsageException e) {
            throw new ApiException(400, "invalid_result", e.getMessage());
        }
    }

    private static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "not_found", "no " + what + " " + id);
        }
    }

    private static JsonNode parse(String body) {
        return Json.parseObject((body == null || body.isBlank() ? "{}" : body).getBytes(StandardCharsets.UTF_8));
    }

    private static String who(HttpServletRequest request) {
        Object name = request.getAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE);
        if (name == null || name.toString().isBlank()) {
            throw new ApiException(401, "invalid_admin_token", "a results change needs an authenticated admin");
        }
        return name.toString();
    }

    private static ResponseEntity<String> json(int status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
    }
}
