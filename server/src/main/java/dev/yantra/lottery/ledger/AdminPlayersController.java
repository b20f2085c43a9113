package dev.yantra.lottery.ledger;

import dev.yantra.admin.AdminAuthFilter;
import dev.yantra.api.ApiException;
import dev.yantra.api.Fields;
import dev.yantra.api.Json;
import dev.yantra.lottery.money.LotteryAmount;
import dev.yantra.lottery.money.LotteryCurrency;
import dev.yantra.lottery.player.PlayerAccounts;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The admin API's players: {@code GET /v1/admin/players}, {@code GET /v1/admin/players/{idOrPhone}} (balances and
 * the newest movements), and {@code POST /v1/admin/players/{idOrPhone}/credit} {currency, amount, reason, idempotencyKey}: an audited
 * deposit by the admin whose token authenticated the request (201 when applied, 200 for a replayed key).
 */
@Guarded(Surface.ADMIN)
@RestController
public class AdminPlayersController {
    private final PlayerAccounts accounts;
    private final PlayerDeposits deposits;
    private final PlayerLedger ledger;

    public AdminPlayersController(PlayerAccounts accounts, PlayerDeposits deposits, PlayerLedger ledger) {
        this.accounts = accounts;
        this.deposits = deposits;
        this.ledger = ledger;
    }

    @GetMapping("/v1/admin/players")
    public ResponseEntity<String> list(@RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) throw new ApiException(400, "invalid_request", "limit must be 1-1000");
        return json(200, accounts.list(limit).stream().map(AdminPlayersController::player).toList());
    }

    @GetMapping("/v1/admin/players/{idOrPhone}")
    public ResponseEntity<String> show(@PathVariable("idOrPhone") String idOrPhone) {
        PlayerAccounts.Player p = accounts.find(idOrPhone);
        Map<String, Object> m = player(p);
        m.put("blocked", ledger.blocked(p.id()));
        m.put("balances", ledger.balances(p.id()).stream().map(b -> {
            Map<String, Object> bm = new LinkedHashMap<>();
            bm.put("currency", b.currency());
            bm.put("balance", WalletController.decimal(b.balanceMicro()));
            return bm;
        }).toList());
        m.put("movements", ledger.movements(p.id(), 50).stream().map(mv -> {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("id", mv.id().toString());
            mm.put("currency", mv.currency());
            mm.put("amount", WalletController.decimal(mv.amountMicro()));
            mm.put("kind", mv.kind().wire());
            mm.put("reference", mv.reference());
            mm.put("createdBy", mv.createdBy());
            mm.put("createdAt", mv.createdAt().toString());
            return mm;
        }).toList());
        return json(200, m);
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
        return json(c.applied() ? 201 : 200, m);
    }

    private static Map<String, Object> player(PlayerAccounts.Player p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id().toString());
        m.put("phone", p.phone());
        m.put("email", p.email());
        m.put("name", p.name());
        m.put("dateOfBirth", p.dateOfBirth().toString());
        m.put("status", p.status());
        m.put("createdAt", p.createdAt().toString());
        return m;
    }

    private static ResponseEntity<String> json(int status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
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
