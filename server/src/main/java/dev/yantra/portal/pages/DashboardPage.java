package dev.yantra.portal.pages;

import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.games.GameRegistry;
import dev.yantra.gameconfig.GameConfigStore;
import dev.yantra.portal.PortalUser;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard: per operator in scope, bets, stakes, GGR and realised RTP over the last hour and day (settled bets
 * only, by the database's clock) beside the configured theoretical RTP, this node's breaker state and any override,
 * open wallet jobs, and what is open now (halts, banner).
 */
@Controller
@Guarded(Surface.PORTAL)
public class DashboardPage {
    private final JdbcClient jdbc;
    private final GameConfigStore configs;
    private final CounterpartyBreakers breakers;

    public DashboardPage(JdbcClient jdbc, TransactionTemplate tx, @Qualifier("walletBreakers") CounterpartyBreakers breakers) {
        this.jdbc = jdbc;
        this.configs = new GameConfigStore(jdbc, tx, GameRegistry.standard());
        this.breakers = breakers;
    }

    /** One operator's line: figures of the last hour and day, each per currency (amounts are never summed across). */
    public record Line(UUID operatorId, String operator, String status, List<Map<String, Object>> hour, List<Map<String, Object>> day,
                       String theoreticalRtp, String breaker, String override, long openJobs, long stuckJobs, List<String> open) {
    }

    @GetMapping("/portal")
    public String dashboard(@AuthenticationPrincipal PortalUser me, @RequestParam(required = false) UUID operator, Model model) {
        List<Line> lines = new ArrayList<>();
        for (Map<String, Object> op : Scoped.operators(jdbc, me, operator)) {
            UUID id = (UUID) op.get("id");
            lines.add(new Line(id, (String) op.get("name"), (String) op.get("status"), figures(id, "1 hour"), figures(id, "24 hours"),
                    theoretical(id), breakers.state(id.toString()).name(),
                    jdbc.sql("SELECT mode FROM breaker_overrides WHERE operator_id = ?").param(id).query(String.class).optional().orElse("AUTO"),
                    count("SELECT count(*) FROM pending_wallet_jobs WHERE operator_id = ? AND completed_at IS NULL", id),
                    count("SELECT count(*) FROM pending_wallet_jobs WHERE operator_id = ? AND completed_at IS NULL AND created_at < now() - interval '10 minutes'", id),
                    open(id)));
        }
        model.addAttribute("lines", lines);
        model.addAttribute("platformHalts", jdbc.sql("""
                SELECT scope, coalesce(game_code, 'every game') AS game, reason, created_by, created_at FROM kill_switches
                WHERE cleared_at IS NULL AND operator_id IS NULL ORDER BY created_at""").query().listOfRows());
        return "portal/dashboard";
    }

    private List<Map<String, Object>> figures(UUID operator, String window) {
        return jdbc.sql("""
                        SELECT currency, count(*) AS bets, coalesce(sum(amount_micro), 0) AS stake_micro,
                               coalesce(sum(amount_micro) FILTER (WHERE state IN ('LOST', 'WON')), 0)
                                 - coalesce(sum(payout_micro) FILTER (WHERE state = 'WON'), 0) AS ggr_micro,
                               CASE WHEN coalesce(sum(amount_micro) FILTER (WHERE state IN ('LOST', 'WON')), 0) = 0 THEN NULL
                                    ELSE round(100.0 * coalesce(sum(payout_micro) FILTER (WHERE state = 'WON'), 0)
                                         / sum(amount_micro) FILTER (WHERE state IN ('LOST', 'WON')), 2) END AS rtp_percent
                        FROM bets WHERE operator_id = ? AND created_at > now() - CAST(? AS interval)
                        GROUP BY currency ORDER BY currency""")
                .params(operator, window).query().listOfRows();
    }

    private String theoretical(UUID operator) {
        List<String> parts = new ArrayList<>();
        for (GameConfigStore.Current c : configs.list(operator)) {
            double min = c.theoreticalRtp().values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double max = c.theoreticalRtp().values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            String range = min == max ? Format.percent(min) : Format.percent(min) + "–" + Format.percent(max);
            parts.add(c.gameCode() + " " + c.currency() + " " + range);
        }
        return parts.isEmpty() ? "no game configured" : String.join("; ", parts);
    }

    private List<String> open(UUID operator) {
        List<String> open = new ArrayList<>(jdbc.sql("""
                        SELECT 'halt of ' || lower(scope) || coalesce(' (' || game_code || ')', '') || ' by ' || created_by
                        FROM kill_switches WHERE cleared_at IS NULL AND operator_id = ? ORDER BY created_at""")
                .param(operator).query(String.class).list());
        jdbc.sql("SELECT 'banner: ' || message FROM incident_banners WHERE operator_id = ? AND cleared_at IS NULL")
                .param(operator).query(String.class).optional().ifPresent(open::add);
        return open;
    }

    private long count(String sql, UUID operator) {
        return jdbc.sql(sql).param(operator).query(Long.class).single();
    }
}
