package dev.yantra.play;

import dev.yantra.control.ControlPlane;
import dev.yantra.control.KillSwitch;
import dev.yantra.control.IncidentBanners;
import dev.yantra.round.RoundRow;
import dev.yantra.round.RoundState;
import dev.yantra.round.RoundStore;
import dev.yantra.round.TableSpec;
import dev.yantra.round.port.BreakerPort;
import dev.yantra.round.port.OperatorDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public picture of a table, built in one place for the SSE feed's {@code round_state} and for
 * {@code GET /v1/play/state}, so the two can never disagree: the phase and countdown, and every lever that makes a bet
 * refused right now (halts at platform, operator or game level, the operator paused, its wallet's breaker open, the
 * table disabled) with the refusal a bet would get, and the operator's incident banner. Never contains an unrevealed
 * seed.
 */
public final class TableStates {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Why a bet would be refused now; the page shows each one in words (docs/play-client.md). */
    public static final String OPERATOR_PAUSED = "operator_paused";
    public static final String BETS_HALTED = "bets_halted";
    public static final String OPERATOR_UNAVAILABLE = "operator_unavailable";
    public static final String TABLE_PAUSED = "table_paused";
    public static final String BETTING_CLOSED = "betting_closed";

    /**
     * The incident levers as they stand for one operator's game: read once per table and poll, shared by the real and
     * the demo players of that table. {@code halts} lists the levels that halt it: platform, operator, game.
     */
    public record Levers(List<String> halts, boolean breakerOpen, boolean operatorPaused, String incident) {
        public static final Levers NONE = new Levers(List.of(), false, false, null);
    }

    private final RoundStore rounds;
    private final Clock clock;
    private final ControlPlane control;   // null where the control plane is not wired (unit tests)
    private final BreakerPort breaker;
    private final OperatorDirectory operators;
    private final IncidentBanners banners;

    public TableStates(RoundStore rounds, Clock clock, ControlPlane control, BreakerPort breaker,
                       OperatorDirectory operators, IncidentBanners banners) {
        this.rounds = rounds;
        this.clock = clock;
        this.control = control;
        this.breaker = breaker;
        this.operators = operators;
        this.banners = banners;
    }

    /** Reads the levers of one table: the node's control-plane snapshot and breaker, the operator row, its banner. */
    public Levers levers(TableSpec table) {
        List<String> halts = new ArrayList<>();
        if (control != null) {
            for (KillSwitch h : control.snapshot().halts()) {
                if (h.scope() != KillSwitch.Scope.BETS || !h.covers(table.operatorId(), table.gameCode())) continue;
                String level = haltLevel(h);
                if (!halts.contains(level)) halts.add(level);
            }
        }
        boolean breakerOpen = breaker != null && !breaker.allows(table.operatorId());
        boolean operatorPaused = operators != null && operators.find(table.operatorId())
                .map(o -> "PAUSED".equals(o.status())).orElse(false);
        String incident = banners == null ? null : banners.active(table.operatorId()).map(IncidentBanners.Banner::message).orElse(null);
        return new Levers(List.copyOf(halts), breakerOpen, operatorPaused, incident);
    }

    /** A halt naming a game is a game halt; one naming only an operator, an operator halt; one naming neither, the platform's. */
    static String haltLevel(KillSwitch h) {
        if (h.gameCode() != null) return "game";
        return h.operatorId() != null ? "operator" : "platform";
    }

    public Map<String, Object> state(TableSpec table, Optional<RoundRow> inFlight, boolean demo) {
        return state(table, inFlight, levers(table), demo);
    }

    /**
     * The table for a real-money or a demo player: they differ only in the breaker, which demo bets never pass
     * through (their play money never reaches the operator's wallet).
     */
    public Map<String, Object> state(TableSpec table, Optional<RoundRow> inFlight, Levers levers, boolean demo) {
        Map<String, Object> m = new LinkedHashMap<>();
        Instant now = clock.instant();
        m.put("tableId", table.tableId().toString());
        m.put("gameCode", table.gameCode());
        m.put("currency", table.currency());
        m.put("serverTime", now.toString());
        boolean halted = !levers.halts().isEmpty();
        m.put("paused", !table.playable() || halted || levers.operatorPaused());
        m.put("halts", levers.halts());
        m.put("breakerOpen", levers.breakerOpen());
        m.put("operatorPaused", levers.operatorPaused());
        m.put("incident", levers.incident());
        String phase = inFlight.map(r -> r.state().name()).orElse(table.playable() ? "COOLDOWN" : "PAUSED");
        m.put("state", phase);
        m.put("betsRefused", refusal(table, inFlight, levers, demo));
        inFlight.ifPresent(r -> {
            m.put("roundId", r.id().toString());
            m.put("nonce", r.nonce());
            m.put("serverSeedHash", r.serverSeedHash());
            m.put("clientSeed", r.clientSeed());
            m.put("bettingClosesAt", r.bettingClosesAt().toString());
            m.put("msLeft", Math.max(0, r.bettingClosesAt().toEpochMilli() - now.toEpochMilli()));
        });
        odds(m, table, inFlight);
        return m;
    }

    /**
     * The reason a bet in range would be refused now, in the order the bet path checks them; null while it would be
     * taken. Amount limits and the balance are the player's own and checked by the page against the figures below.
     */
    static String refusal(TableSpec table, Optional<RoundRow> inFlight, Levers levers, boolean demo) {
        if (levers.operatorPaused()) return OPERATOR_PAUSED;
        if (!levers.halts().isEmpty()) return BETS_HALTED;
        if (!demo && levers.breakerOpen()) return OPERATOR_UNAVAILABLE;
        if (!table.enabled()) return TABLE_PAUSED;
        if (inFlight.isEmpty() || inFlight.get().state() != RoundState.BETTING_OPEN) return BETTING_CLOSED;
        return null;
    }

    /**
     * What a bet is paid and may stake, from the config it would be settled under: the round in flight's own snapshot
     * (a change applies at the next round), else the table's live config. The page computes the payout multiple
     * 2 × (1 − commissionMicro / 100000) and the potential win from commissionMicro with the server's integer rule.
     */
    private static void odds(Map<String, Object> m, TableSpec table, Optional<RoundRow> inFlight) {
        Map<String, String> values = table.config() == null ? Map.of() : table.config().values();
        if (inFlight.isPresent()) {
            Map<String, String> snapshot = values(inFlight.get().configJson());
            if (!snapshot.isEmpty()) values = snapshot;
        }
        for (String key : List.of("commissionMicro", "minBetMicro", "maxBetMicro", "bettingMs", "rollingMs", "cooldownMs")) {
            String v = values.get(key);
            if (v != null) m.put(key, v.trim());
        }
    }

    private static Map<String, String> values(String configJson) {
        if (configJson == null) return Map.of();
        try {
            JsonNode n = JSON.readTree(configJson);
            Map<String, String> out = new LinkedHashMap<>();
            for (var e : n.properties()) out.put(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString());
            return out;
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** A settled or voided round as a result line: outcome, revealed seed, where to verify it. */
    public static Map<String, Object> result(RoundRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("roundId", r.id().toString());
        m.put("nonce", r.nonce());
        m.put("state", r.state().name());
        m.put("outcome", r.outcomeJson() == null ? null : JSON.readValue(r.outcomeJson(), Map.class));
        m.put("serverSeed", r.serverSeed());
        m.put("serverSeedHash", r.serverSeedHash());
        m.put("settledAt", r.settledAt() == null ? null : r.settledAt().toString());
        m.put("verifyUrl", "/verify?round=" + r.id());
        return m;
    }

    public List<Map<String, Object>> recentResults(TableSpec table, int n) {
        return rounds.recent(table.tableId(), n).stream().map(TableStates::result).toList();
    }
}
