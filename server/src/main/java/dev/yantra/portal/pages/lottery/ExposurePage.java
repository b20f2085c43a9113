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
 * Number limits and the current exposure, read-only: each banca's cap on what one draw may owe on one number set
 * of one bet type (bancas.number_liability_cap_micro, which a play is refused past), the lotteries' per-play
 * amounts, and per draw the liability already reserved (play_liability) with its largest number set against the
 * cap; one draw's number sets in full when asked.
 */
@Controller
@Guarded(Surface.PORTAL)
public class ExposurePage {
    private final JdbcClient jdbc;

    public ExposurePage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/portal/lottery/limits")
    public String limits(@AuthenticationPrincipal PortalUser me, @RequestParam(required = false) UUID draw, Model model) {
        LotteryPages.platformOnly(me);
        model.addAttribute("bancaCaps", jdbc.sql("""
                        SELECT name AS banca, status, number_liability_cap_micro AS cap_micro FROM bancas ORDER BY name LIMIT 500""")
                .query().listOfRows());
        model.addAttribute("lotteries", jdbc.sql("""
                        SELECT id AS lottery, name, min_amount_micro, max_amount_micro, array_to_string(currencies, ', ') AS currencies,
                               prize_approval_threshold_micro, results_four_eyes, enabled
                        FROM lotteries ORDER BY id LIMIT 500""").query().listOfRows());
        model.addAttribute("exposure", jdbc.sql("""
                        SELECT d.id AS draw, d.lottery_id, d.draw_time, d.state, b.name AS banca, count(*) AS number_sets,
                               sum(l.liability_micro) AS liability_micro, max(l.liability_micro) AS largest_micro,
                               b.number_liability_cap_micro AS cap_micro,
                               round(100.0 * max(l.liability_micro) / b.number_liability_cap_micro, 1) AS largest_percent_of_cap
                        FROM play_liability l JOIN draws d ON d.id = l.draw_id JOIN bancas b ON b.id = l.banca_id
                        WHERE l.liability_micro > 0 AND (d.state IN ('SCHEDULED', 'OPEN', 'CLOSED') OR d.draw_time > now() - interval '1 day')
                        GROUP BY d.id, d.lottery_id, d.draw_time, d.state, b.name, b.number_liability_cap_micro
                        ORDER BY largest_percent_of_cap DESC, d.draw_time LIMIT ?""").param(LotteryPages.MAX_ROWS).query().listOfRows());
        model.addAttribute("draw", draw);
        if (draw != null) {
            model.addAttribute("numbers", jdbc.sql("""
                            SELECT b.name AS banca, l.bet_type, l.limit_key AS numbers, l.liability_micro, b.number_liability_cap_micro AS cap_micro,
                                   (b.number_liability_cap_micro - l.liability_micro) AS room_micro,
                                   round(100.0 * l.liability_micro / b.number_liability_cap_micro, 1) AS percent_of_cap
                            FROM play_liability l JOIN bancas b ON b.id = l.banca_id
                            WHERE l.draw_id = ? AND l.liability_micro > 0
                            ORDER BY l.liability_micro DESC, l.bet_type, l.limit_key LIMIT ?""")
                    .params(draw, LotteryPages.MAX_ROWS).query().listOfRows());
        }
        return "portal/lottery-limits";
    }
}
