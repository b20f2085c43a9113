package dev.yantra.portal.pages;

import dev.yantra.portal.Permission;
import dev.yantra.portal.PortalUser;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Daily figures by operator, game and currency (UTC days; real-money bets; the same counting as the operator API's
 * /v1/reports/daily: stakes of bets debited and not refunded, wins owed or paid, GGR = stakes - wins), their CSV,
 * and the daily reconciliation results with the adjustments booked against them.
 */
@Controller
@Guarded(Surface.PORTAL)
public class ReportsPage {
    static final int MAX_DAYS = 92;
    private final JdbcClient jdbc;

    public ReportsPage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/portal/reports")
    public String reports(@AuthenticationPrincipal PortalUser me, @RequestParam(required = false) UUID operator,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
        LocalDate end = to == null ? LocalDate.now(dev.yantra.config.NodeClock.system()) : to;
        LocalDate start = from == null ? end.minusDays(6) : from;
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("operator", operator);
        model.addAttribute("rows", daily(me, operator, start, end));
        UUID only = scope(me, operator);
        model.addAttribute("reconciliation", jdbc.sql("""
                        SELECT r.business_date, o.name AS operator, r.currency, r.status, r.source_file, r.finished_at
                        FROM reconciliation_results r JOIN operators o ON o.id::text = r.operator_id
                        WHERE (CAST(? AS uuid) IS NULL OR o.id = ?) AND r.business_date BETWEEN ? AND ?
                        ORDER BY r.business_date DESC, o.name LIMIT 500""")
                .params(only, only, start, end).query().listOfRows());
        model.addAttribute("adjustments", jdbc.sql("""
                        SELECT a.day, o.name AS operator, a.currency, a.kind, a.amount_micro, a.reason, a.created_by, a.created_at
                        FROM reconciliation_adjustments a JOIN operators o ON o.id = a.operator_id
                        WHERE (CAST(? AS uuid) IS NULL OR a.operator_id = ?) AND a.day BETWEEN ? AND ?
                        ORDER BY a.day DESC, a.created_at LIMIT 500""")
                .params(only, only, start, end).query().listOfRows());
        return "portal/reports";
    }

    @GetMapping("/portal/reports/daily.csv")
    public ResponseEntity<byte[]> csv(@AuthenticationPrincipal PortalUser me, @RequestParam(required = false) UUID operator,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        me.require(Permission.EXPORT);
        if (operator != null) me.requireOperator(operator);
        if (to == null) to = LocalDate.now(dev.yantra.config.NodeClock.system());
        if (from == null) from = to.minusDays(6);
        StringBuilder out = new StringBuilder("date,operator,game_code,currency,rounds,bets,stakes,wins,refunds,ggr\n");
        Format f = new Format();
        for (Map<String, Object> r : daily(me, operator, from, to)) {
            out.append(r.get("day")).append(',').append(csvText((String) r.get("operator"))).append(',').append(r.get("game_code")).append(',')
                    .append(r.get("currency")).append(',').append(r.get("rounds")).append(',').append(r.get("bets")).append(',')
                    .append(f.money(r.get("stakes_micro"))).append(',').append(f.money(r.get("wins_micro"))).append(',')
                    .append(f.money(r.get("refunds_micro"))).append(',').append(f.money(r.get("ggr_micro"))).append('\n');
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"yantra-daily-" + from + "-" + to + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private UUID scope(PortalUser me, UUID operator) {
        if (operator != null) me.requireOperator(operator);
        return me.operatorFilter(operator).orElse(null);
    }

    List<Map<String, Object>> daily(PortalUser me, UUID operator, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
        if (from.plusDays(MAX_DAYS).isBefore(to)) throw new IllegalArgumentException("at most " + MAX_DAYS + " days at once");
        UUID only = scope(me, operator);
        return jdbc.sql("""
                        SELECT (b.created_at AT TIME ZONE 'UTC')::date AS day, o.name AS operator, r.game_code, b.currency,
                               count(DISTINCT b.round_id) AS rounds,
                               count(*) FILTER (WHERE b.state IN ('ACCEPTED', 'LOST', 'WIN_OWED', 'WON')) AS bets,
                               coalesce(sum(b.amount_micro) FILTER (WHERE b.state IN ('ACCEPTED', 'LOST', 'WIN_OWED', 'WON')), 0) AS stakes_micro,
                               coalesce(sum(b.payout_micro) FILTER (WHERE b.state IN ('WIN_OWED', 'WON')), 0) AS wins_micro,
                               coalesce(sum(b.amount_micro) FILTER (WHERE b.state IN ('REFUND_OWED', 'REFUNDED')), 0) AS refunds_micro,
                               coalesce(sum(b.amount_micro) FILTER (WHERE b.state IN ('ACCEPTED', 'LOST', 'WIN_OWED', 'WON')), 0)
                                 - coalesce(sum(b.payout_micro) FILTER (WHERE b.state IN ('WIN_OWED', 'WON')), 0) AS ggr_micro
                        FROM bets b JOIN rounds r ON r.id = b.round_id JOIN operators o ON o.id = b.operator_id
                        WHERE (CAST(? AS uuid) IS NULL OR b.operator_id = ?) AND b.mode = 'real'
                          AND b.created_at >= ? AND b.created_at < ?
                        GROUP BY 1, 2, 3, 4 ORDER BY 1 DESC, 2, 3, 4""")
                .params(only, only, Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()),
                        Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query().listOfRows();
    }

    /** A CSV field that a spreadsheet will not run as a formula and whose commas and quotes stay inside it. */
    static String csvText(String s) {
        String safe = s != null && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : (s == null ? "" : s);
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
