package dev.yantra.play;

import dev.yantra.round.RoundRow;
import dev.yantra.round.RoundStore;
import dev.yantra.round.TableSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/** The public picture of a table (what the feed and /v1/play/state show); never contains an unrevealed seed. */
public final class TableStates {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RoundStore rounds;
    private final Clock clock;

    public TableStates(RoundStore rounds, Clock clock) {
        this.rounds = rounds;
        this.clock = clock;
    }

    public Map<String, Object> state(TableSpec table, Optional<RoundRow> inFlight) {
        Map<String, Object> m = new LinkedHashMap<>();
        Instant now = clock.instant();
        m.put("tableId", table.tableId().toString());
        m.put("gameCode", table.gameCode());
        m.put("currency", table.currency());
        m.put("serverTime", now.toString());
        m.put("paused", !table.playable());
        if (inFlight.isEmpty()) {
            m.put("state", table.playable() ? "COOLDOWN" : "PAUSED");
            return m;
        }
        RoundRow r = inFlight.get();
        m.put("state", r.state().name());
        m.put("roundId", r.id().toString());
        m.put("nonce", r.nonce());
        m.put("serverSeedHash", r.serverSeedHash());
        m.put("clientSeed", r.clientSeed());
        m.put("bettingClosesAt", r.bettingClosesAt().toString());
        m.put("msLeft", Math.max(0, r.bettingClosesAt().toEpochMilli() - now.toEpochMilli()));
        if (table.config() != null) {
            m.put("minBetMicro", Long.toString(table.config().minBetMicro()));
            m.put("maxBetMicro", Long.toString(table.config().maxBetMicro()));
        }
        return m;
    }

    /** A settled round as a result line: outcome, revealed seed, where to verify it. */
    public static Map<String, Object> result(RoundRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("roundId", r.id().toString());
        m.put("nonce", r.nonce());
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
