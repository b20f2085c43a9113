package dev.yantra.lottery.ledger;

import dev.yantra.admin.AdminAuthFilter;
import dev.yantra.api.ApiException;
import dev.yantra.api.Fields;
import dev.yantra.api.Json;
import dev.yantra.lottery.money.LotteryAmount;
import dev.yantra.lottery.money.LotteryCurrency;
import dev.yantra.lottery.player.PlayerAccounts;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/admin/players/{idOrPhone}/credit} {currency, amount, reason, idempotencyKey}: an audited
 * deposit by the admin whose token authenticated the request (201 when applied, 200 for a replayed key).
 */
@RestController
public class AdminCreditController {
    private final PlayerAccounts accounts;
    private final PlayerDeposits deposits;

    public AdminCreditController(PlayerAccounts accounts, PlayerDeposits deposits) {
        this.accounts = accounts;
        this.deposits = deposits;
    }

    @PostMapping("/v1/admin/players/{idOrPhone}/credit")
    public ResponseEntity<String> credit(@PathVariable("idOrPhone") String idOrPhone, @RequestBody(required = false) String body,
                                         HttpServletRequest request) {
        String admin = adminName(request);
        JsonNode b = Json.parseObject(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        String currency = Fields.requiredString(b, "currency", 3);
        if (LotteryCurrency.fromWire(currency).isEmpty()) throw new ApiException(400, "invalid_currency", "currency must be DOP or USD");
        long amountMicro = LotteryAmount.parse(amountValue(b.get("amount")));
        String reason = Fields.requiredString(b, "reason", 500);
        if (reason.isBlank()) throw new ApiException(400, "invalid_request", "reason must not be blank");
        String key = Fields.requiredString(b, "idempotencyKey", 150);
        PlayerAccounts.Player player = accounts.find(idOrPhone);
        PlayerDeposits.Credited c = deposits.credit(player.id(), currency, amountMicro, reason, key, admin);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("playerId", player.id().toString());
        m.put("currency", currency);
        m.put("amount", WalletController.decimal(amountMicro));
        m.put("applied", c.applied());
        m.put("balance", WalletController.decimal(c.balanceMicro()));
        return ResponseEntity.status(c.applied() ? 201 : 200).contentType(MediaType.APPLICATION_JSON).body(Json.write(m));
    }

    /** The JSON value as LotteryAmount reads it: a number or a string; null when absent. */
    static Object amountValue(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isString()) return v.stringValue();
        if (v.isNumber()) return v.decimalValue();
        return v.toString();
    }

    private static String adminName(HttpServletRequest request) {
        Object name = request.getAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE);
        if (name == null || name.toString().isBlank()) {
            throw new ApiException(401, "invalid_admin_token", "an admin credit needs an authenticated admin");
        }
        return name.toString();
    }
}
