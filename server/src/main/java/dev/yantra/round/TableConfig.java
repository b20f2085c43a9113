package dev.yantra.round;

import dev.yantra.games.GamePlugin;
import dev.yantra.games.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One validated snapshot of a table's operator_game_configs row, as a round carries it for its whole life
 * (a change applies at the next round). Engine keys live here; every other key belongs to the game plugin.
 */
public record TableConfig(int version, Map<String, String> values, Object gameConfig, long bettingMs, long rollingMs,
                          long cooldownMs, long minBetMicro, long maxBetMicro, long maxRoundExposureMicro) {

    public static final String EXPOSURE_KEY = "maxRoundExposureMicro";
    public static final long DEFAULT_MAX_ROUND_EXPOSURE_MICRO = 100_000_000_000L;

    public TableConfig {
        values = Map.copyOf(values);
        if (maxRoundExposureMicro <= 0) {
            throw new InvalidConfigException(EXPOSURE_KEY + " must be > 0, was " + maxRoundExposureMicro);
        }
    }

    /** Missing keys take the game's defaults; bad values fail with the plugin's message naming them. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static TableConfig of(GamePlugin plugin, int version, Map<String, String> raw) {
        Map<String, String> gameKeys = new LinkedHashMap<>(raw);
        String exposure = gameKeys.remove(EXPOSURE_KEY);
        Object cfg = plugin.validateConfig(gameKeys);
        Map<String, String> full = new LinkedHashMap<>((Map<String, String>) plugin.configToMap(cfg));
        long maxExposure = exposure == null ? DEFAULT_MAX_ROUND_EXPOSURE_MICRO : parseLong(EXPOSURE_KEY, exposure);
        full.put(EXPOSURE_KEY, Long.toString(maxExposure));
        return new TableConfig(version, full, cfg, longOf(full, "bettingMs", 15_000), longOf(full, "rollingMs", 4_000),
                longOf(full, "cooldownMs", 3_000), longOf(full, "minBetMicro", 1), longOf(full, "maxBetMicro", Long.MAX_VALUE),
                maxExposure);
    }

    private static long longOf(Map<String, String> m, String key, long fallback) {
        String v = m.get(key);
        return v == null ? fallback : parseLong(key, v);
    }

    private static long parseLong(String key, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key + " must be an integer, was '" + v + "'");
        }
    }
}
