package dev.yantra.portal.pages;

import dev.yantra.ops.support.BetLookup;
import dev.yantra.portal.PortalUser;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The support desk's path: a player's sessions and bets (the same lookup as {@code yantra bet list}), a bet's whole
 * story ({@code yantra bet show}: wallet calls, jobs, what an open job waits for) and its round with the proof and
 * the /verify link. Every lookup is filtered by, or checked against, the user's operator.
 */
@Controller
@Guarded(Surface.PORTAL)
public class PlayersPage {
    static final int MAX_ROWS = 200;
    private final JdbcClient jdbc;
    private final BetLookup bets;

    public PlayersPage(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.bets = new BetLookup(jdbc);
    }

    @GetMapping("/portal/players")
    public String players(@AuthenticationPrincipal PortalUser me, @RequestParam(required = false) String player,
                          @RequestParam(required = false) UUID operator, @RequestParam(defaultValue = "30") int days, Model model) {
        if (operator != null) me.requireOperator(operator);
        UUID only = me.operatorFilter(operator).orElse(null);
        model.addAttribute("player", player);
        model.addAttribute("days", days);
        if (player != null && !player.isBlank()) {
            String ref = player.trim();
            model.addAttribute("sessions", jdbc.sql("""
                            SELECT s.id AS session, o.name AS operator, s.game_code, s.currency, s.mode, s.status, s.created_at
                            FROM game_sessions s JOIN operators o ON o.id = s.operator_id
                            WHERE s.player_ref = ? AND (CAST(? AS uuid) IS NULL OR s.operator_id = ?)
                            ORDER BY s.created_at DESC LIMIT ?""")
                    .params(ref, only, only, MAX_ROWS).query().listOfRows());
            List<Map<String, Object>> list = bets.list(ref, only, Duration.ofDays(Math.max(1, Math.min(days, 400))), MAX_ROWS);
            model.addAttribute("bets", list.stream().map(b -> {
                Map<String, Object> row = new java.util.LinkedHashMap<>(b);
                row.remove("operator_id");
                row.put("bet", row.remove("id"));
                return row;
            }).toList());
        }
        return "portal/players";
    }

    @GetMapping("/portal/bets/{id}")
    public String bet(@AuthenticationPrincipal PortalUser me, @PathVariable UUID id, Model model) {
        BetLookup.Timeline t = bets.show(id);
        me.requireOperator((UUID) t.bet().get("operator_id"));
        model.addAttribute("t", t);
        return "portal/bet";
    }

    @GetMapping("/portal/rounds/{id}")
    public String round(@AuthenticationPrincipal PortalUser me, @PathVariable UUID id, Model model) {
        Map<String, Object> round = jdbc.sql("""
                        SELECT r.id, r.operator_id, o.name AS operator, r.game_code, r.currency, r.state, r.nonce, r.server_seed_hash,
                               CASE WHEN r.state IN ('SETTLED', 'VOIDED') THEN r.server_seed END AS server_seed, r.client_seed,
                               r.config_version, r.rng_version, r.outcome::text AS outcome, r.total_stake_micro, r.total_payout_micro,
                               r.bet_count, r.opened_at, r.result_at, r.settled_at, r.voided_at
                        FROM rounds r JOIN operators o ON o.id = r.operator_id WHERE r.id = ?""")
                .param(id).query().listOfRows().stream().findFirst().orElseThrow(PortalUser.NotVisible::new);
        me.requireOperator((UUID) round.get("operator_id"));
        model.addAttribute("round", round);
        model.addAttribute("bets", jdbc.sql("""
                        SELECT id AS bet, player_ref, amount_micro, currency, side, state, payout_micro, created_at
                        FROM bets WHERE round_id = ? ORDER BY created_at LIMIT ?""").params(id, MAX_ROWS).query().listOfRows());
        model.addAttribute("verifyUrl", "/verify?round=" + id);
        model.addAttribute("proofUrl", "/v1/public/rounds/" + id + "/proof");
        return "portal/round";
    }
}
