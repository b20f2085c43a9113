package dev.yantra.portal.pages.lottery;

import dev.yantra.portal.PortalUser;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Card payments (table payments: a play's hold, captured or released, and top-ups) with the play each belongs to,
 * those needing attention first; and the wallet refunds of plays (player_ledger refund entries). Read-only: the
 * payments' own jobs capture, release and refund.
 */
@Controller
@Guarded(Surface.PORTAL)
public class PaymentsPage {
    private final JdbcClient jdbc;

    public PaymentsPage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/portal/lottery/payments")
    public String payments(@AuthenticationPrincipal PortalUser me, @RequestParam(required = false) String q, Model model) {
        LotteryPages.platformOnly(me);
        String term = q == null || q.isBlank() ? null : q.trim();
        UUID asId = null;
        if (term != null) {
            try {
                asId = UUID.fromString(term);
            } catch (IllegalArgumentException notAnId) {
                // a phone number or a PaymentIntent id
            }
        }
        model.addAttribute("q", term == null ? "" : term);
        model.addAttribute("payments", jdbc.sql("""
                        SELECT pa.id AS payment, pa.kind, pa.play_id AS play, pl.phone, pa.amount_micro, pa.currency, pa.status,
                               pa.captured_minor, pa.refunded_minor, pa.refund_status, pa.needs_attention, pa.attention_reason,
                               pa.last_error_code, p.status AS play_status, p.ticket_code, pa.payment_intent_id, pa.created_at
                        FROM payments pa JOIN players pl ON pl.id = pa.user_id LEFT JOIN plays p ON p.id = pa.play_id
                        WHERE CAST(:term AS text) IS NULL OR pa.id = CAST(:id AS uuid) OR pa.play_id = CAST(:id AS uuid)
                           OR pa.request_id = CAST(:id AS uuid) OR pl.phone = :term OR pa.payment_intent_id = :term
                        ORDER BY pa.needs_attention DESC, pa.created_at DESC LIMIT :limit""")
                .param("term", term).param("id", asId).param("limit", LotteryPages.MAX_ROWS).query().listOfRows());
        model.addAttribute("refunds", jdbc.sql("""
                        SELECT l.created_at, pl.phone, l.amount_micro, l.currency, l.reference, l.created_by
                        FROM player_ledger l JOIN players pl ON pl.id = l.user_id
                        WHERE l.kind = 'refund' AND (CAST(:term AS text) IS NULL OR pl.phone = :term OR l.reference LIKE '%' || :term || '%')
                        ORDER BY l.created_at DESC LIMIT :limit""")
                .param("term", term).param("limit", LotteryPages.MAX_ROWS).query().listOfRows());
        return "portal/lottery-payments";
    }
}
