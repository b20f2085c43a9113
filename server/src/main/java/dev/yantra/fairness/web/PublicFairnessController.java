package dev.yantra.fairness.web;

import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;

import dev.yantra.fairness.Seeds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public, unauthenticated face of provable fairness: a table's chain commitments (published before the
 * chain's first round) and a settled round's proof. Unrevealed seeds are never read here: the proof query
 * only returns rounds whose seed was revealed, i.e. SETTLED or VOIDED.
 */
@RestController
@Guarded(Surface.PUBLIC)
public class PublicFairnessController {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;

    public PublicFairnessController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/v1/public/tables/{tableId}/chains")
    public ResponseEntity<Map<String, Object>> chains(@PathVariable UUID tableId) {
        List<Map<String, Object>> chains = jdbc.sql("""
                SELECT id, s0, client_seed, length, next_nonce, created_at, exhausted_at
                  FROM fairness_chains WHERE table_id = ? ORDER BY created_at""")
                .param(tableId)
                .query((rs, n) -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("chainId", rs.getObject("id", UUID.class).toString());
                    c.put("tableId", tableId.toString());
                    c.put("s0", rs.getString("s0"));
                    c.put("clientSeed", rs.getString("client_seed"));
                    c.put("length", rs.getInt("length"));
                    c.put("roundsUsed", rs.getInt("next_nonce") - 1);
                    c.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
                    c.put("exhaustedAt", rs.getTimestamp("exhausted_at") == null ? null : rs.getTimestamp("exhausted_at").toInstant().toString());
                    return c;
                }).list();
        if (chains.isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("error", "not_found", "message", "no chains for table " + tableId));
        }
        return ResponseEntity.ok(Map.of("tableId", tableId.toString(), "chains", chains));
    }

    @GetMapping("/v1/public/rounds/{roundId}/proof")
    public ResponseEntity<Map<String, Object>> proof(@PathVariable UUID roundId) {
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT r.id, r.table_id, r.chain_id, r.nonce, r.state, r.server_seed, r.server_seed_hash, r.client_seed,
                       r.config::text AS config, r.outcome::text AS outcome, r.rng_version, r.build_hash, r.config_version,
                       r.game_code, r.settled_at, r.void_reason, c.s0
                  FROM rounds r JOIN fairness_chains c ON c.id = r.chain_id WHERE r.id = ?""")
                .param(roundId).query().listOfRows();
        if (rows.isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("error", "not_found", "message", "no round " + roundId));
        }
        Map<String, Object> r = rows.getFirst();
        String state = (String) r.get("state");
        if (!"SETTLED".equals(state) && !"VOIDED".equals(state)) {
            return ResponseEntity.status(409).body(Map.of("error", "round_not_settled",
                    "message", "the proof is published after settlement; the round is " + state,
                    "serverSeedHash", r.get("server_seed_hash")));
        }
        var config = JSON.readTree((String) r.get("config"));
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put("roundId", roundId.toString());
        proof.put("tableId", r.get("table_id").toString());
        proof.put("chainId", r.get("chain_id").toString());
        proof.put("gameCode", r.get("game_code"));
        proof.put("state", state);
        // a voided round never counted (its stakes were refunded): its seed is revealed, its outcome is not an outcome
        if ("VOIDED".equals(state)) proof.put("reason", r.get("void_reason") == null ? "voided" : r.get("void_reason"));
        proof.put("serverSeed", r.get("server_seed"));
        proof.put("serverSeedHash", r.get("server_seed_hash"));
        proof.put("chainCommitment", r.get("s0"));
        proof.put("clientSeed", r.get("client_seed"));
        proof.put("nonce", r.get("nonce"));
        proof.put("lowWeight", intOf(config.path("lowWeight")));
        proof.put("highWeight", intOf(config.path("highWeight")));
        proof.put("commissionMicro", intOf(config.path("commissionMicro")));
        proof.put("configVersion", r.get("config_version"));
        proof.put("outcome", r.get("outcome") == null ? null : JSON.readTree((String) r.get("outcome")));
        proof.put("rngVersion", r.get("rng_version"));
        proof.put("buildHash", r.get("build_hash"));
        String seed = (String) r.get("server_seed");
        proof.put("seedMatchesHash", seed != null && Seeds.isSeedText(seed) && Seeds.sha256Hex(seed).equals(r.get("server_seed_hash")));
        proof.put("verifyUrl", "/verify?round=" + roundId);
        return ResponseEntity.ok(proof);
    }

    /** Config values may be stored as JSON numbers or as strings ("48"); both mean the same. */
    private static Integer intOf(tools.jackson.databind.JsonNode n) {
        if (n.isNumber()) return n.intValue();
        if (n.isString()) {
            try {
                return Integer.parseInt(n.asString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
