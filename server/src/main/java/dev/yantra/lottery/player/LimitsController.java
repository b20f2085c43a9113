package dev.yantra.lottery.player;

import dev.yantra.api.ApiException;
import dev.yantra.api.Json;
import dev.yantra.lottery.money.LotteryAmount;
import dev.yantra.lottery.money.LotteryCurrency;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET/PUT /api/v1/users/{id}/limits}: the player's own daily spend limits and self-exclusion. A PUT
 * changes only the fields it names; a stricter value applies at once, a looser one after the cooling-off
 * period (shown under {@code pending}).
 */
@Guarded(Surface.SELF_AUTHENTICATED)  // PlayerAuthFilter verifies the JWT; each handler calls PlayerPrincipal.require
@RestController
public class LimitsController {
    private final PlayerLimits limits;

    public LimitsController(PlayerLimits limits) {
        this.limits = limits;
    }

    @GetMapping("/api/v1/users/{id}/limits")
    public ResponseEntity<String> get(@PathVariable("id") String id, HttpServletRequest request) {
        return ok(own(request, id));
    }

    @PutMapping("/api/v1/users/{id}/limits")
    public ResponseEntity<String> put(@PathVariable("id") String id, @RequestBody(required = false) String body,
                                      HttpServletRequest request) {
        UUID userId = own(request, id);
        JsonNode b = Json.parseObject(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        Map<String, Long> daily = dailyLimits(b.get("dailySpendLimits"));
        boolean exclusionNamed = b.has("selfExcludedUntil");
        Instant until = exclusionNamed ? instant(b.get("selfExcludedUntil")) : null;
        daily.forEach((currency, micro) -> limits.setDailyLimit(userId, currency, micro));
        if (exclusionNamed) limits.setSelfExclusion(userId, until);
        return ok(userId);
    }

    private static UUID own(HttpServletRequest request, String pathId) {
        return PlayerPrincipal.require(request).own(pathId);
    }

    /** {"DOP": 500, "USD": null}: validated whole before anything is written. */
    private static Map<String, Long> dailyLimits(JsonNode v) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) return out;
        if (!v.isObject()) throw new ApiException(400, "invalid_request", "dailySpendLimits must be an object of currency to amount");
        for (String currency : v.propertyNames()) {
            if (LotteryCurrency.fromWire(currency).isEmpty()) {
                throw new ApiException(400, "invalid_currency", "dailySpendLimits keys must be DOP or USD");
            }
            JsonNode amount = v.get(currency);
            out.put(currency, amount.isNull() ? null : LotteryAmount.parse(amount.isString() ? amount.stringValue()
                    : amount.isNumber() ? amount.decimalValue() : amount.toString()));
        }
        return out;
    }

    private static Instant instant(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (!v.isString()) throw new ApiException(400, "invalid_request", "selfExcludedUntil must be an ISO-8601 instant or null");
        try {
            return Instant.parse(v.stringValue());
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid_request", "selfExcludedUntil must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
        }
    }

    private ResponseEntity<String> ok(UUID userId) {
        PlayerLimits.Limits now = limits.current(userId);
        Map<String, Object> daily = new LinkedHashMap<>();
        now.dailySpendLimitsMicro().forEach((c, micro) -> daily.put(c, decimal(micro)));
        List<Map<String, Object>> pending = limits.pending(userId).stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scope", p.scope());
            if (PlayerLimits.SELF_EXCLUSION.equals(p.scope())) {
                m.put("selfExcludedUntil", p.excludedUntil() == null ? null : p.excludedUntil().toString());
            } else {
                m.put("dailySpendLimit", p.dailyLimitMicro() == null ? null : decimal(p.dailyLimitMicro()));
            }
            m.put("effectiveAt", p.effectiveAt().toString());
            return m;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId.toString());
        body.put("dailySpendLimits", daily);
        body.put("selfExcludedUntil", now.selfExcludedUntil() == null ? null : now.selfExcludedUntil().toString());
        body.put("pending", pending);
        body.put("coolingOffHours", PlayerLimits.COOLING_OFF.toHours());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
    }

    private static BigDecimal decimal(long micro) {
        return new BigDecimal(LotteryAmount.format(micro));
    }
}
