package dev.yantra.round;

import dev.yantra.fairness.ChainCommitment;
import dev.yantra.fairness.DiceOutcome;
import dev.yantra.fairness.HashChain;
import dev.yantra.fairness.RoundProof;
import dev.yantra.fairness.Side;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Unauthenticated fairness data: a table's chain commitments, and a round's proof once it has settled. */
@RestController
public class PublicFairnessController {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ChainStore chains;
    private final RoundStore rounds;

    public PublicFairnessController(ChainStore chains, RoundStore rounds) {
        this.chains = chains;
        this.rounds = rounds;
    }

    @GetMapping(path = "/v1/public/tables/{tableId}/chains", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> chains(@PathVariable String tableId) {
        UUID id = parse(tableId);
        if (id == null) return error(404, "not_found", "no such table");
        List<Map<String, Object>> list = chains.forTable(id, 100).stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("chainId", c.id().toString());
            m.put("tableId", c.tableId().toString());
            m.put("s0", c.s0());
            m.put("clientSeed", c.clientSeed());
            m.put("length", c.length());
            m.put("roundsUsed", c.nextNonce() - 1);
            m.put("createdAt", c.createdAt().toString());
            m.put("exhaustedAt", c.exhaustedAt() == null ? null : c.exhaustedAt().toString());
            return m;
        }).toList();
        return ResponseEntity.ok(Map.of("tableId", id.toString(), "chains", list));
    }

    @GetMapping(path = "/v1/public/rounds/{roundId}/proof", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> proof(@PathVariable String roundId) {
        UUID id = parse(roundId);
        RoundRow r = id == null ? null : rounds.find(id).orElse(null);
        if (r == null) return error(404, "not_found", "no such round");
        if (r.state() != RoundState.SETTLED) {
            return error(409, "round_not_settled", "the proof is published once the round has settled (state " + r.state() + ")");
        }
        ChainStore.ChainRow chain = chains.find(r.chainId()).orElseThrow();
        JsonNode cfg = JSON.readTree(r.configJson());
        JsonNode out = JSON.readTree(r.outcomeJson());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("roundId", r.id().toString());
        m.put("tableId", r.tableId().toString());
        m.put("gameCode", r.gameCode());
        m.put("rngVersion", r.rngVersion());
        m.put("chainId", r.chainId().toString());
        m.put("nonce", r.nonce());
        m.put("serverSeed", r.serverSeed());
        m.put("serverSeedHash", r.serverSeedHash());
        m.put("clientSeed", r.clientSeed());
        m.put("lowWeight", cfg.path("lowWeight").asInt());
        m.put("highWeight", cfg.path("highWeight").asInt());
        m.put("outcome", JSON.convertValue(out, Map.class));
        m.put("chainCommitment", Map.of("s0", chain.s0(), "length", chain.length(), "createdAt", chain.createdAt().toString()));
        m.put("settledAt", r.settledAt().toString());
        m.put("verification", verify(r, chain, cfg, out));
        return ResponseEntity.ok(m);
    }

    /** The server checks its own proof the way a player would, so a broken proof is visible here too. */
    private static Map<String, Object> verify(RoundRow r, ChainStore.ChainRow chain, JsonNode cfg, JsonNode out) {
        try {
            DiceOutcome outcome = new DiceOutcome(Side.valueOf(out.get("side").asString()), out.get("sum").asInt(),
                    out.get("hmac").asString());
            RoundProof proof = new RoundProof(r.serverSeed(), r.serverSeedHash(), r.clientSeed(), r.nonce(),
                    cfg.path("lowWeight").asInt(), cfg.path("highWeight").asInt(), outcome, r.rngVersion(),
                    r.chainId().toString());
            List<String> problems = new java.util.ArrayList<>(proof.verify().problems());
            ChainCommitment c = new ChainCommitment(r.tableId().toString(), chain.id().toString(), chain.s0(),
                    chain.clientSeed(), chain.length(), chain.createdAt());
            if (!HashChain.verifyAgainstCommitment(r.serverSeed(), (int) r.nonce(), c)) {
                problems.add("hashing serverSeed nonce times does not reach the chain's s0");
            }
            return Map.of("ok", problems.isEmpty(), "problems", problems);
        } catch (RuntimeException e) {
            return Map.of("ok", false, "problems", List.of(String.valueOf(e.getMessage())));
        }
    }

    private static UUID parse(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ResponseEntity<Object> error(int status, String reason, String message) {
        return ResponseEntity.status(status).body(Map.of("error", reason, "message", message));
    }
}
