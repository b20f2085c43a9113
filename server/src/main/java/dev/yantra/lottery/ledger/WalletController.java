package dev.yantra.lottery.ledger;

import dev.yantra.api.ApiException;
import dev.yantra.api.Json;
import dev.yantra.lottery.money.LotteryAmount;
import dev.yantra.lottery.player.PlayerPrincipal;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/users/{id}/wallet}: a player's own balances and newest movements; anyone else's is 403. */
@Guarded(Surface.SELF_AUTHENTICATED)  // PlayerAuthFilter verifies the JWT; each handler calls PlayerPrincipal.require
@RestController
public class WalletController {
    static final int DEFAULT_MOVEMENTS = 50;
    static final int MAX_MOVEMENTS = 200;
    private final PlayerLedger ledger;

    public WalletController(PlayerLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/api/v1/users/{id}/wallet")
    public ResponseEntity<String> wallet(@PathVariable("id") String id,
                                         @RequestParam(name = "limit", defaultValue = "" + DEFAULT_MOVEMENTS) int limit,
                                         HttpServletRequest request) {
        UUID userId = PlayerPrincipal.require(request).own(id);
        if (limit < 1 || limit > MAX_MOVEMENTS) throw new ApiException(400, "invalid_request", "limit must be 1-" + MAX_MOVEMENTS);
        Map<String, Long> balances = new TreeMap<>();
        PlayerLedger.CURRENCIES.forEach(c -> balances.put(c, 0L));
        ledger.balances(userId).forEach(b -> balances.put(b.currency(), b.balanceMicro()));
        List<Map<String, Object>> balanceList = new ArrayList<>();
        balances.forEach((currency, micro) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("currency", currency);
            m.put("balance", decimal(micro));
            balanceList.add(m);
        });
        List<Map<String, Object>> movements = ledger.movements(userId, limit).stream().map(WalletController::movement).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId.toString());
        body.put("blocked", ledger.blocked(userId));
        body.put("balances", balanceList);
        body.put("movements", movements);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
    }

    private static Map<String, Object> movement(PlayerLedger.Movement mv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", mv.id().toString());
        m.put("currency", mv.currency());
        m.put("amount", decimal(mv.amountMicro()));
        m.put("kind", mv.kind().wire());
        m.put("reference", mv.reference());
        m.put("createdAt", mv.createdAt().toString());
        return m;
    }

    static BigDecimal decimal(long micro) {
        return new BigDecimal(LotteryAmount.format(micro));
    }
}
