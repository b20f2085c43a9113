package dev.yantra.portal.pages.lottery;

import dev.yantra.lottery.bancas.Bancas;
import dev.yantra.portal.Permission;
import dev.yantra.portal.PortalUser;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The lottery desk: bancas (pending approvals first; approve, reject, suspend, activate, each confirmed), the draws of
 * the last and next day, plays stuck at a banca (queued or awaiting its webhook for more than ten minutes), and a
 * plays lookup by player phone, request id or ticket code.
 */
@Controller
@Guarded(Surface.PORTAL)
public class LotteryPages {
    static final int MAX_ROWS = 200;
    private final JdbcClient jdbc;
    private final Bancas bancas;

    public LotteryPages(JdbcClient jdbc, Bancas bancas) {
        this.jdbc = jdbc;
        this.bancas = bancas;
    }

    static void platformOnly(PortalUser me) {
        if (!me.role().platform()) throw new PortalUser.NotVisible();
    }

    @GetMapping("/portal/lottery")
    public String desk(@AuthenticationPrincipal PortalUser me, Model model) {
        platformOnly(me);
        model.addAttribute("bancas", jdbc.sql("""
                        SELECT id, name, rnc, status, status_reason, endpoint_url, created_at FROM bancas
                        ORDER BY status <> 'pending', name LIMIT 500""").query().listOfRows());
        model.addAttribute("draws", jdbc.sql("""
                        SELECT d.id AS draw, d.lottery_id, d.draw_time, d.closes_at, d.state, d.cancel_reason,
                               (SELECT count(*) FROM plays p WHERE p.draw_id = d.id) AS plays
                        FROM draws d WHERE d.draw_time BETWEEN now() - interval '1 day' AND now() + interval '1 day'
                        ORDER BY d.draw_time LIMIT ?""").param(MAX_ROWS).query().listOfRows());
        model.addAttribute("stuck", jdbc.sql("""
                        SELECT p.id AS play, p.request_id, b.name AS banca, p.status, p.amount_micro, p.currency, p.needs_attention, p.created_at
                        FROM plays p JOIN bancas b ON b.id = p.banca_id
                        WHERE p.status IN ('QUEUED', 'AWAITING_WEBHOOK') AND p.updated_at < now() - interval '10 minutes'
                        ORDER BY p.created_at LIMIT ?""").param(MAX_ROWS).query().listOfRows());
        return "portal/lottery";
    }

    @GetMapping("/portal/lottery/plays")
    public String plays(@AuthenticationPrincipal PortalUser me, @RequestParam(required = false) String q, Model model) {
        platformOnly(me);
        String term = q == null ? "" : q.trim();
        model.addAttribute("q", term);
        if (!term.isEmpty()) {
            UUID asId = null;
            try {
                asId = UUID.fromString(term);
            } catch (IllegalArgumentException notAnId) {
                // a phone number or a ticket code
            }
            model.addAttribute("plays", jdbc.sql("""
                            SELECT p.id AS play, p.request_id, pl.phone, p.lottery_id, p.draw_id, b.name AS banca, p.bet_type,
                                   array_to_string(p.numbers, '-') AS numbers, p.amount_micro, p.currency, p.payment_method,
                                   p.status, p.status_reason, p.ticket_code, p.created_at
                            FROM plays p JOIN players pl ON pl.id = p.user_id JOIN bancas b ON b.id = p.banca_id
                            WHERE p.request_id = CAST(:id AS uuid) OR p.id = CAST(:id AS uuid) OR pl.phone = :term OR p.ticket_code = :term
                            ORDER BY p.created_at DESC LIMIT :limit""")
                    .param("id", asId).param("term", term).param("limit", MAX_ROWS).query().listOfRows());
        }
        return "portal/lottery-plays";
    }

    @PostMapping("/portal/lottery/bancas/{id}/{action}")
    public String bancaAction(@AuthenticationPrincipal PortalUser me, @PathVariable UUID id, @PathVariable String action,
                              @RequestParam(required = false) String reason, @RequestParam(required = false) String confirm, Model model) {
        platformOnly(me);
        me.require(Permission.LOTTERY_OPERATIONS);
        Bancas.Banca b = bancas.find(id).orElseThrow(PortalUser.NotVisible::new);
        if (!"yes".equals(confirm)) {
            model.addAttribute("title", action + " banca " + b.name());
            model.addAttribute("action", "/portal/lottery/bancas/" + id + "/" + action);
            model.addAttribute("consequence", switch (action) {
                case "approve" -> "The banca becomes active, gets its first signing secret (shown once) and is offered plays.";
                case "reject" -> "The banca's application is refused.";
                case "suspend" -> "The banca is offered no new plays until it is activated again.";
                case "activate" -> "The banca is offered plays again.";
                default -> throw new IllegalArgumentException("action must be approve, reject, suspend or activate, was '" + action + "'");
            });
            model.addAttribute("fields", java.util.Map.of("reason", reason == null ? "" : reason));
            return "portal/confirm";
        }
        String why = reason == null || reason.isBlank() ? null : reason.trim();
        switch (action) {
            case "approve" -> {
                Bancas.Approved a = bancas.approve(id, me.changedBy());
                model.addAttribute("issuedKey", a.credential().credential().keyId());
                model.addAttribute("issuedSecret", a.credential().secret());
            }
            case "reject" -> bancas.reject(id, why, me.changedBy());
            case "suspend" -> bancas.suspend(id, why, me.changedBy());
            case "activate" -> bancas.activate(id, why, me.changedBy());
            default -> throw new IllegalArgumentException("action must be approve, reject, suspend or activate, was '" + action + "'");
        }
        model.addAttribute("notice", "banca " + b.name() + ": " + action + " done");
        return desk(me, model);
    }
}
