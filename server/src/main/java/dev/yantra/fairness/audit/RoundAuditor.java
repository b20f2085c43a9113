package dev.yantra.fairness.audit;

import dev.yantra.fairness.DiceOutcome;
import dev.yantra.fairness.Seeds;
import dev.yantra.fairness.Side;
import dev.yantra.games.ketapola.KetapolaConfig;
import dev.yantra.games.ketapola.KetapolaDicePlugin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Re-verifies settled rounds end to end from the database, trusting nothing the round engine computed: the
 * revealed seed against the chain (its hash is the announced seed hash; round 1 against the commitment s0),
 * the outcome recomputed from the seed, and every bet's payout recomputed from the outcome. This answers the
 * RTP-drift playbook's "was any player overpaid or underpaid?" ({@code yantra verify --round / --since}).
 */
public final class RoundAuditor {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final KetapolaDicePlugin dice = new KetapolaDicePlugin();

    public RoundAuditor(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record RoundCheck(UUID roundId, String state, int bets, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public record AuditSummary(int rounds, int bets, List<RoundCheck> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    /** The settled rounds of a window (optionally one operator), a random sample of them when {@code sample > 0}. */
    public AuditSummary since(Duration window, UUID operatorId, int sample) {
        List<UUID> ids = jdbc.sql("""
                SELECT id FROM rounds
                 WHERE state = 'SETTLED' AND settled_at > now() - make_interval(secs => :secs)
                   AND (CAST(:op AS uuid) IS NULL OR operator_id = :op)
                 ORDER BY CASE WHEN :sample > 0 THEN random() END, settled_at
                 LIMIT CASE WHEN :sample > 0 THEN :sample ELSE 1000000 END""")
                .param("secs", (double) window.toSeconds()).param("op", operatorId).param("sample", sample)
                .query(UUID.class).list();
        int bets = 0;
        List<RoundCheck> failures = new ArrayList<>();
        for (UUID id : ids) {
            RoundCheck c = verify(id);
            bets += c.bets();
            if (!c.ok()) failures.add(c);
        }
        return new AuditSummary(ids.size(), bets, failures);
    }

    public RoundCheck verify(UUID roundId) {
        Map<String, Object> r = jdbc.sql("""
                SELECT r.id, r.state, r.game_code, r.server_seed, r.server_seed_hash, r.client_seed, r.nonce, r.config::text AS config,
                       r.outcome::text AS outcome, c.s0, c.client_seed AS committed_client_seed
                  FROM rounds r JOIN fairness_chains c ON c.id = r.chain_id WHERE r.id = ?""")
                .param(roundId).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new dev.yantra.config.NotFoundException("no round " + roundId));
        List<String> problems = new ArrayList<>();
        String state = (String) r.get("state");
        if (!"SETTLED".equals(state)) {
            return new RoundCheck(roundId, state, 0, List.of("round is " + state + ", not SETTLED: nothing to verify yet"));
        }
        if (!"ketapola-dice".equals(r.get("game_code"))) {
            return new RoundCheck(roundId, state, 0, List.of("no auditor for game " + r.get("game_code")));
        }
        String seed = (String) r.get("server_seed");
        long nonce = ((Number) r.get("nonce")).longValue();
        if (seed == null || !Seeds.isSeedText(seed)) {
            return new RoundCheck(roundId, state, 0, List.of("settled round has no revealed 64-hex server seed"));
        }
        if (!Seeds.sha256Hex(seed).equals(r.get("server_seed_hash"))) {
            problems.add("chain: sha256(serverSeed) != announced serverSeedHash");
        }
        if (nonce == 1 && !r.get("s0").equals(r.get("server_seed_hash"))) {
            problems.add("chain: round 1's announced hash is not the commitment s0");
        }
        if (!r.get("committed_client_seed").equals(r.get("client_seed"))) {
            problems.add("client seed differs from the chain's committed client seed");
        }
        Map<String, String> raw = stringMap(JSON.readTree((String) r.get("config")));
        raw.keySet().retainAll(dice.configToMap(dice.defaultConfig()).keySet());  // the table may keep keys of its own
        KetapolaConfig config = dice.validateConfig(raw);
        DiceOutcome expected = dice.outcome(seed, (String) r.get("client_seed"), nonce, config);
        JsonNode stored = r.get("outcome") == null ? null : JSON.readTree((String) r.get("outcome"));
        if (stored == null || !expected.side().name().equals(stored.path("side").asString(""))
                || expected.sum() != stored.path("sum").asInt(-1)) {
            problems.add("outcome: stored " + stored + ", recomputed " + expected.toJson());
        }
        List<Map<String, Object>> bets = jdbc.sql("SELECT id, side, amount_micro, payout_micro, state FROM bets WHERE round_id = ? AND state NOT IN ('REJECTED', 'PENDING')")
                .param(roundId).query().listOfRows();
        for (Map<String, Object> b : bets) {
            checkBet(b, expected, config, problems);
        }
        return new RoundCheck(roundId, state, bets.size(), problems);
    }

    private void checkBet(Map<String, Object> b, DiceOutcome outcome, KetapolaConfig config, List<String> problems) {
        String betState = (String) b.get("state");
        if (betState.equals("UNCERTAIN") || betState.startsWith("REFUND") || betState.equals("REFUNDED")) return;  // never in play
        long stake = ((Number) b.get("amount_micro")).longValue();
        long expected = dice.settle(stake, Side.valueOf((String) b.get("side")), outcome, config);
        long paid = b.get("payout_micro") == null ? 0 : ((Number) b.get("payout_micro")).longValue();
        if (paid != expected) {
            problems.add("bet " + b.get("id") + ": paid " + paid + " micro, expected " + expected
                    + (paid > expected ? " (overpaid)" : " (underpaid)"));
        }
        boolean won = expected > 0;
        if (won && !(betState.equals("WON") || betState.equals("WIN_OWED"))) problems.add("bet " + b.get("id") + " won but is " + betState);
        if (!won && !betState.equals("LOST")) problems.add("bet " + b.get("id") + " lost but is " + betState);
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
        return out;
    }
}
