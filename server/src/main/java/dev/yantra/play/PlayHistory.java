package dev.yantra.play;

import dev.yantra.round.port.BetState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the player's page lists: its own bets with their round (number, outcome, voided and why, where to verify it)
 * and the table's last finished rounds, voided ones included. A round's verify link is given only once its proof is
 * published (settled or voided), so a link never leads to "not settled yet".
 */
public final class PlayHistory {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;

    public PlayHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The session's last bets, newest first. UNCERTAIN is shown as REJECTED, as the bet answer shows it. */
    public List<Map<String, Object>> myBets(UUID sessionId, int limit) {
        return jdbc.sql("""
                        SELECT b.id, b.round_id, b.side, b.amount_micro, b.state, b.reason, b.payout_micro, b.created_at,
                               r.nonce, r.state AS round_state, r.void_reason, r.outcome::text AS outcome
                          FROM bets b JOIN rounds r ON r.id = b.round_id
                         WHERE b.session_id = ? ORDER BY b.created_at DESC LIMIT ?""")
                .params(sessionId, Math.min(Math.max(limit, 1), 50))
                .query(PlayHistory::bet).list();
    }

    /** The table's last settled or voided rounds, newest first. */
    public List<Map<String, Object>> lastResults(UUID tableId, int limit) {
        return jdbc.sql("""
                        SELECT id, nonce, state, outcome::text AS outcome, server_seed, server_seed_hash, settled_at,
                               voided_at, void_reason
                          FROM rounds WHERE table_id = ? AND state IN ('SETTLED', 'VOIDED')
                         ORDER BY opened_at DESC LIMIT ?""")
                .params(tableId, Math.min(Math.max(limit, 1), 50))
                .query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    UUID id = rs.getObject("id", UUID.class);
                    m.put("roundId", id.toString());
                    m.put("nonce", rs.getLong("nonce"));
                    m.put("state", rs.getString("state"));
                    m.put("outcome", outcome(rs.getString("outcome")));
                    m.put("voidReason", rs.getString("void_reason"));
                    m.put("serverSeed", rs.getString("server_seed"));
                    m.put("serverSeedHash", rs.getString("server_seed_hash"));
                    var finished = rs.getTimestamp("settled_at") != null ? rs.getTimestamp("settled_at") : rs.getTimestamp("voided_at");
                    m.put("finishedAt", finished == null ? null : finished.toInstant().toString());
                    m.put("verifyUrl", "/verify?round=" + id);
                    return m;
                }).list();
    }

    private static Map<String, Object> bet(ResultSet rs, int n) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        UUID roundId = rs.getObject("round_id", UUID.class);
        BetState state = BetState.valueOf(rs.getString("state"));
        m.put("betId", rs.getObject("id", UUID.class).toString());
        m.put("roundId", roundId.toString());
        m.put("nonce", rs.getLong("nonce"));
        m.put("side", rs.getString("side"));
        m.put("amountMicro", Long.toString(rs.getLong("amount_micro")));
        m.put("status", state == BetState.UNCERTAIN ? "REJECTED" : state.name());
        m.put("reason", BetView.reason(rs.getString("reason"), state));
        long payout = rs.getLong("payout_micro");
        m.put("payoutMicro", rs.wasNull() ? null : Long.toString(payout));
        String roundState = rs.getString("round_state");
        m.put("roundState", roundState);
        m.put("voidReason", rs.getString("void_reason"));
        m.put("outcome", outcome(rs.getString("outcome")));
        m.put("placedAt", rs.getTimestamp("created_at").toInstant().toString());
        boolean published = "SETTLED".equals(roundState) || "VOIDED".equals(roundState);
        m.put("verifyUrl", published ? "/verify?round=" + roundId : null);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outcome(String json) {
        if (json == null) return null;
        Map<String, Object> o = JSON.readValue(json, Map.class);
        // the side and the dice sum are what a player reads; the HMAC is on the verify page
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("side", o.get("side"));
        shown.put("sum", o.get("sum"));
        return shown;
    }
}
