package dev.yantra.lottery.withdrawals;

import dev.yantra.api.ApiException;
import dev.yantra.api.Fields;
import dev.yantra.api.Json;
import dev.yantra.config.UsageException;
import dev.yantra.lottery.money.InvalidAmountException;
import dev.yantra.lottery.money.LotteryAmount;
import dev.yantra.lottery.money.LotteryCurrency;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A player's own withdrawals: {@code POST /api/v1/users/{id}/withdrawals} {requestId, amount, currency,
 * destination} (201 created, 200 for a retry of the same requestId), {@code GET /api/v1/users/{id}/withdrawals}
 * and {@code GET /api/v1/users/{id}/withdrawals/{withdrawalId}}. Another player's id is 403, another player's
 * withdrawal by id 404 (as for plays).
 */
@Guarded(Surface.SELF_AUTHENTICATED)  // PlayerAuthFilter verifies the JWT; each handler calls PlayerPrincipal.require
@RestController
public class PlayerWithdrawalsController {
    static final int MAX_BODY_BYTES = 4 * 1024;
    private final Withdrawals withdrawals;

    public PlayerWithdrawalsController(Withdrawals withdrawals) {
        this.withdrawals = withdrawals;
    }

    @PostMapping("/api/v1/users/{id}/withdrawals")
    public ResponseEntity<String> request(@PathVariable("id") String id, @RequestBody(required = false) byte[] body,
                                          @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                          HttpServletRequest request) {
        UUID userId = PlayerPrincipal.require(request).own(id);
        if (body == null || body.length == 0 || body.length > MAX_BODY_BYTES) {
            throw new ApiException(400, "invalid_request", "a JSON body of at most " + MAX_BODY_BYTES + " bytes is required");
        }
        JsonNode b = Json.parseObject(body);
        UUID requestId = Fields.requiredUuid(b, "requestId");
        if (idempotencyKey != null && !idempotencyKey.trim().equalsIgnoreCase(requestId.toString())) {
            throw new ApiException(400, "idempotency_key_mismatch", "the Idempotency-Key header must equal requestId");
        }
        long amountMicro;
        try {
            amountMicro = LotteryAmount.parse(scalar(b.get("amount")));
        } catch (InvalidAmountException e) {
            throw new ApiException(400, InvalidAmountException.CODE, e.getMessage());
        }
        String currency = LotteryCurrency.fromWire(Fields.requiredString(b, "currency", 8)).map(LotteryCurrency::wire)
                .orElseThrow(() -> new ApiException(400, "invalid_currency", "currency must be DOP or USD"));
        String destination = Fields.requiredString(b, "destination", Withdrawals.MAX_DESTINATION_CHARS);
        try {
            Withdrawals.Requested r = withdrawals.request(userId, requestId, currency, amountMicro, destination);
            return json(r.created() ? 201 : 200, r.withdrawal().toPlayerJson());
        } catch (UsageException e) {
            throw new ApiException(400, "invalid_request", e.getMessage());
        } catch (WithdrawalConflictException e) {
            throw new ApiException(409, e.code(), e.getMessage());
        }
    }

    @GetMapping("/api/v1/users/{id}/withdrawals")
    public ResponseEntity<String> list(@PathVariable("id") String id, @RequestParam(name = "limit", defaultValue = "50") int limit,
                                       HttpServletRequest request) {
        UUID userId = PlayerPrincipal.require(request).own(id);
        if (limit < 1 || limit > 200) throw new ApiException(400, "invalid_request", "limit must be 1-200");
        return json(200, withdrawals.ofPlayer(userId, limit).stream().map(Withdrawal::toPlayerJson).toList());
    }

    @GetMapping("/api/v1/users/{id}/withdrawals/{withdrawalId}")
    public ResponseEntity<String> get(@PathVariable("id") String id, @PathVariable("withdrawalId") String withdrawalId,
                                      HttpServletRequest request) {
        UUID userId = PlayerPrincipal.require(request).own(id);
        UUID wid;
        try {
            wid = UUID.fromString(withdrawalId);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "withdrawal_not_found", "no withdrawal " + withdrawalId);
        }
        return withdrawals.find(wid).filter(w -> w.userId().equals(userId)).map(w -> json(200, w.toPlayerJson()))
                .orElseThrow(() -> new ApiException(404, "withdrawal_not_found", "no withdrawal " + withdrawalId));
    }

    /** The JSON value as LotteryAmount reads it: a number or a string; null when absent. */
    static Object scalar(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isString()) return v.stringValue();
        if (v.isNumber()) return v.decimalValue();
        return v.toString();
    }

    static ResponseEntity<String> json(int status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
    }
}
