package dev.yantra.games;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads typed values from a string config map with messages that name the key and value. */
public final class ConfigReader {

    private final Map<String, String> raw;

    /** @throws InvalidConfigException for a null map or keys outside {@code known} */
    public ConfigReader(Map<String, String> raw, Set<String> known) {
        if (raw == null) {
            throw new InvalidConfigException("config must not be null");
        }
        Set<String> unknown = new TreeSet<>(raw.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new InvalidConfigException("unknown config keys " + unknown + "; known keys are " + new TreeSet<>(known));
        }
        this.raw = raw;
    }

    public int intValue(String key, int defaultValue) {
        String v = raw.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key + " must be an integer, was '" + v + "'");
        }
    }

    public long longValue(String key, long defaultValue) {
        String v = raw.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key + " must be an integer, was '" + v + "'");
        }
    }

    public BigDecimal decimalValue(String key, BigDecimal defaultValue) {
        String v = raw.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key + " must be a decimal number, was '" + v + "'");
        }
    }
}
