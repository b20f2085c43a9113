package dev.yantra.reports;

import dev.yantra.config.NodeClock;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;

import dev.yantra.api.ApiException;
import dev.yantra.api.Json;
import dev.yantra.security.AuthenticatedOperator;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Owns the operator's read API over rounds and bets (docs/integration-guide.md, section 4): GET /v1/rounds (paged),
 * /v1/rounds/{id}, /v1/rounds/{id}/proof (seed only once SETTLED or VOIDED) and /v1/reports/daily (json|csv).
 * Every query is scoped to the authenticated operator; another operator's round is a 404.
 */
@RestController
@Guarded(Surface.OPERATOR)
public class OperatorReportsController {
    static final int MAX_PAGE = 200;
    static final int MAX_OFFSET = 100_000;
    private static final Set<String> REVEALED = Set.of("SETTLED", "VOIDED");
    private final JdbcClient jdbc;

    public OperatorReportsController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/v1/rounds")
    public ResponseEntity<String> rounds(HttpServletRequest request,
                                         @RequestParam(name = "limit", defaultValue = "50") int limit,
                                         @RequestParam(name = "offset", defaultValue = "0") int offset,
                                         @RequestParam(name = "gameCode", required = false) String gameCode,
                                         @RequestParam(name = "currency", required = false) String currency) {
        AuthenticatedOperator auth = AuthenticatedOperator.of(request);
        if (limit < 1 || limit > MAX_PAGE) throw new ApiException(400, "invalid_request", "limit must be 1-" + MAX_PAGE);
        if (offset < 0 || offset > MAX_OFFSET) throw new ApiException(400, "invalid_request", "offset must be 0-" + MAX_OFFSET);
        List<Map<String, Object>> items = jdbc.sql("""
                        SELECT * FROM rounds WHERE operator_id = ? AND (?::text IS NULL OR game_code = ?)
                          AND (?::text IS NULL OR currency = ?)
                        ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?""")
                .params(auth.operatorId(), gameCode, gameCode, currency, currency, limit + 1, offset)
                .query(OperatorReportsController::round).list();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items.size() > limit ? items.subList(0, limit) : items);
        page.put("limit", limit);
        page.put("offset", offset);
        page.put("nextOffset", items.size() > limit ? offset + limit : null);
        return json(Json.write(page));
    }

    @GetMapping("/v1/rounds/{id}")
    public ResponseEntity<String> round(@PathVariable("id") String id, HttpServletRequest request) {
        AuthenticatedOperator auth = AuthenticatedOperator.of(request);
        return json(Json.write(jdbc.sql("SELECT * FROM rounds WHERE id = ? AND operator_id = ?")
                .params(uuid(id), auth.operatorId()).query(OperatorReportsController::round).optional()
                .orElseThrow(OperatorReportsController::noRound)));
    }

    @GetMapping("/v1/rounds/{id}/proof")
    public ResponseEntity<String> proof(@PathVariable("id") String id, HttpServletRequest request) {
        AuthenticatedOperator auth = AuthenticatedOperator.of(request);
        return json(Json.write(jdbc.sql("SELECT * FROM rounds WHERE id = ? AND operator_id = ?")
                .params(uuid(id), auth.operatorId()).query(OperatorReportsController::proof).optional()
                .orElseThrow(OperatorReportsController::noRound)));
    }

    @GetMapping("/v1/reports/daily")
    public ResponseEntity<String> daily(HttpServletRequest request,
                                        @RequestParam(name = "date", required = false) String date,
                                        @RequestParam(name = "gameCode", required = false) String gameCode,
                                        @RequestParam(name = "currency", required = false) String currency,
                                        @RequestParam(name = "format", defaultValue = "json") String format) {
        AuthenticatedOperator auth = AuthenticatedOperator.of(request);
        LocalDate day;
        try {
            day = date == null ? LocalDate.now(NodeClock.system()) : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid_request", "date must be YYYY-MM-DD");
        }
        if (!format.equals("json") && !format.equals("csv")) throw new ApiException(400, "invalid_request", "format must be json or csv");
        Timestamp from = Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        // Real-money bets placed that UTC day. Stakes count bets that were debited and not refunded.
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT r.game_code, b.currency,
                               count(DISTINCT b.round_id) AS rounds,
                               count(*) FILTER (WHERE b.state IN ('ACCEPTED', 'LOST', 'WIN_OWED', 'WON')) AS bets,
                               coalesce(sum(b.amount_micro) FILTER (WHERE b.state IN ('ACCEPTED', 'LOST', 'WIN_OWED', 'WON')), 0) AS stakes,
                               coalesce(sum(b.payout_micro) FILTER (WHERE b.state IN ('WIN_OWED', 'WON')), 0) AS wins,
                               coalesce(sum(b.amount_micro) FILTER (WHERE b.state IN ('REFUND_OWED', 'REFUNDED')), 0) AS refunds
                        FROM bets b JOIN rounds r ON r.id = b.round_id
                        WHERE b.operator_id = ? AND b.mode = 'real' AND b.created_at >= ? AND b.created_at < ?
                          AND (?::text IS NULL OR r.game_code = ?) AND (?::text IS NULL OR b.currency = ?)
                        GROUP BY r.game_code, b.currency ORDER BY r.game_code, b.currency""")
                .params(auth.operatorId(), from, to, gameCode, gameCode, currency, currency)
                .query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("date", day.toString());
                    m.put("gameCode", rs.getString("game_code"));
                    m.put("currency", rs.getString("currency"));
                    m.put("rounds", rs.getLong("rounds"));
                    m.put("bets", rs.getLong("bets"));
                    m.put("stakesMicro", String.valueOf(rs.getLong("stakes")));
                    m.put("winsMicro", String.valueOf(rs.getLong("wins")));
                    m.put("refundsMicro", String.valueOf(rs.getLong("refunds")));
                    m.put("ggrMicro", String.valueOf(rs.getLong("stakes") - rs.getLong("wins")));
                    return m;
                }).list();
        if (format.equals("csv")) {
            StringBuilder csv = new StringBuilder("date,gameCode,currency,rounds,bets,stakesMicro,winsMicro,refundsMicro,ggrMicro\n");
            for (Map<String, Object> r : rows) csv.append(String.join(",", r.values().stream().map(String::valueOf).toList())).append('\n');
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=utf-8")).body(csv.toString());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("operatorId", auth.operatorId().toString());
        out.put("date", day.toString());
        out.put("rows", rows);
        return json(Json.write(out));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw noRound();
        }
    }

    private static ApiException noRound() {
        return new ApiException(404, "not_found", "no such round");
    }

    private static ResponseEntity<String> json(String body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    static Map<String, Object> round(ResultSet rs, int n) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("roundId", rs.getString("id"));
        m.put("tableId", rs.getString("table_id"));
        m.put("gameCode", rs.getString("game_code"));
        m.put("currency", rs.getString("currency"));
        m.put("nonce", rs.getLong("nonce"));
        m.put("state", rs.getString("state"));
        m.put("serverSeedHash", rs.getString("server_seed_hash"));
        m.put("outcome", rs.getString("outcome") == null ? null : Json.parse(rs.getString("outcome")));
        m.put("totalStakeMicro", String.valueOf(rs.getLong("total_stake_micro")));
        m.put("totalPayoutMicro", String.valueOf(rs.getLong("total_payout_micro")));
        m.put("betCount", rs.getInt("bet_count"));
        m.put("openedAt", iso(rs.getTimestamp("opened_at")));
        m.put("settledAt", iso(rs.getTimestamp("settled_at")));
        m.put("voidedAt", iso(rs.getTimestamp("voided_at")));
        return m;
    }

    static Map<String, Object> proof(ResultSet rs, int n) throws SQLException {
        String state = rs.getString("state");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("roundId", rs.getString("id"));
        m.put("state", state);
        m.put("rngVersion", rs.getString("rng_version"));
        m.put("chainId", rs.getString("chain_id"));
        m.put("nonce", rs.getLong("nonce"));
        m.put("serverSeedHash", rs.getString("server_seed_hash"));
        m.put("serverSeed", REVEALED.contains(state) ? rs.getString("server_seed") : null);
        m.put("clientSeed", rs.getString("client_seed"));
        m.put("config", Json.parse(rs.getString("config")));
        m.put("outcome", rs.getString("outcome") == null ? null : Json.parse(rs.getString("outcome")));
        return m;
    }

    private static String iso(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }
}
