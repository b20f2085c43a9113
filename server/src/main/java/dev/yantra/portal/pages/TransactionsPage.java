package dev.yantra.portal.pages;

import dev.yantra.portal.PortalUser;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** wallet_calls searched by transaction or request id, player, round and time, newest first, within the user's operator(s). */
@Controller
@Guarded(Surface.PORTAL)
public class TransactionsPage {
    static final int MAX_ROWS = 200;
    private final JdbcClient jdbc;

    public TransactionsPage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/portal/transactions")
    public String search(@AuthenticationPrincipal PortalUser me, @RequestParam(required = false) UUID id,
                         @RequestParam(required = false) String player, @RequestParam(required = false) UUID round,
                         @RequestParam(required = false) UUID operator, @RequestParam(required = false) Instant from,
                         @RequestParam(required = false) Instant to, Model model) {
        if (operator != null) me.requireOperator(operator);
        UUID only = me.operatorFilter(operator).orElse(null);
        String who = player == null || player.isBlank() ? null : player.trim();
        model.addAttribute("rows", jdbc.sql("""
                        SELECT w.created_at, w.endpoint, w.attempt, w.transaction_uuid, w.bet_id AS bet, w.amount_micro,
                               w.currency, w.status, w.response_status, w.succeeded, w.latency_ms, w.player_ref, w.round_id AS round
                        FROM wallet_calls w
                        WHERE (CAST(:op AS uuid) IS NULL OR w.operator_id = :op)
                          AND (CAST(:id AS uuid) IS NULL OR w.transaction_uuid = :id OR w.request_uuid = :id OR w.bet_id = :id)
                          AND (CAST(:player AS text) IS NULL OR w.player_ref = :player)
                          AND (CAST(:round AS uuid) IS NULL OR w.round_id = :round)
                          AND (CAST(:from AS timestamptz) IS NULL OR w.created_at >= :from)
                          AND (CAST(:to AS timestamptz) IS NULL OR w.created_at < :to)
                        ORDER BY w.created_at DESC LIMIT :limit""")
                .param("op", only).param("id", id).param("player", who).param("round", round)
                .param("from", from == null ? null : java.sql.Timestamp.from(from)).param("to", to == null ? null : java.sql.Timestamp.from(to))
                .param("limit", MAX_ROWS).query().listOfRows());
        model.addAttribute("q", java.util.Map.of("id", id == null ? "" : id.toString(), "player", who == null ? "" : who,
                "round", round == null ? "" : round.toString()));
        return "portal/transactions";
    }
}
