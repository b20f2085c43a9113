package dev.yantra.games.ketapola;

import dev.yantra.fairness.Payouts;
import dev.yantra.games.ConfigReader;
import dev.yantra.games.InvalidConfigException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable Ketapola Dice table config, validated at construction; a bad value fails with a message naming it.
 * A config whose per-side RTP exceeds {@code maxRtp} is refused (the simulator and verifier accept any weights;
 * the server does not).
 */
public record KetapolaConfig(int lowWeight, int highWeight, int commissionMicro, long minBetMicro, long maxBetMicro,
                             long bettingMs, long rollingMs, long cooldownMs, BigDecimal maxRtp) {

    public static final int DEFAULT_LOW_WEIGHT = 48;
    public static final int DEFAULT_HIGH_WEIGHT = 48;
    /** 3000 → RTP 0.97 at 48/48; a commission of 0 would be RTP 1.0, above the default maxRtp. */
    public static final int DEFAULT_COMMISSION_MICRO = 3000;
    public static final long DEFAULT_MIN_BET_MICRO = 10_000;
    public static final long DEFAULT_MAX_BET_MICRO = 1_000_000_000;
    public static final long DEFAULT_BETTING_MS = 15_000;
    public static final long DEFAULT_ROLLING_MS = 4_000;
    public static final long DEFAULT_COOLDOWN_MS = 3_000;
    public static final BigDecimal DEFAULT_MAX_RTP = new BigDecimal("0.99");
    /** Keeps stake × 200000 far inside a long. */
    public static final long MAX_BET_LIMIT_MICRO = 1_000_000_000_000_000L;
    static final long MIN_WINDOW_MS = 100;
    static final long MAX_WINDOW_MS = 600_000;

    public static final KetapolaConfig DEFAULT = new KetapolaConfig(DEFAULT_LOW_WEIGHT, DEFAULT_HIGH_WEIGHT,
            DEFAULT_COMMISSION_MICRO, DEFAULT_MIN_BET_MICRO, DEFAULT_MAX_BET_MICRO, DEFAULT_BETTING_MS,
            DEFAULT_ROLLING_MS, DEFAULT_COOLDOWN_MS, DEFAULT_MAX_RTP);

    static final Set<String> KEYS = Set.of("lowWeight", "highWeight", "commissionMicro", "minBetMicro",
            "maxBetMicro", "bettingMs", "rollingMs", "cooldownMs", "maxRtp");

    public KetapolaConfig {
        positive("lowWeight", lowWeight);
        positive("highWeight", highWeight);
        if (commissionMicro < 0 || commissionMicro > Payouts.COMMISSION_SCALE) {
            throw new InvalidConfigException("commissionMicro must be in 0..100000, was " + commissionMicro);
        }
        positive("minBetMicro", minBetMicro);
        if (maxBetMicro < minBetMicro) {
            throw new InvalidConfigException("maxBetMicro must be >= minBetMicro (" + minBetMicro + "), was " + maxBetMicro);
        }
        if (maxBetMicro > MAX_BET_LIMIT_MICRO) {
            throw new InvalidConfigException("maxBetMicro must be <= " + MAX_BET_LIMIT_MICRO + ", was " + maxBetMicro);
        }
        window("bettingMs", bettingMs);
        window("rollingMs", rollingMs);
        window("cooldownMs", cooldownMs);
        Objects.requireNonNull(maxRtp, "maxRtp must not be null");
        if (maxRtp.signum() <= 0 || maxRtp.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidConfigException("maxRtp must be in (0, 1], was " + maxRtp.toPlainString());
        }
        maxRtp = maxRtp.stripTrailingZeros();
        refuseRtpAboveMax("LOW", lowWeight, lowWeight, highWeight, commissionMicro, maxRtp);
        refuseRtpAboveMax("HIGH", highWeight, lowWeight, highWeight, commissionMicro, maxRtp);
    }

    /** Parses the string form; missing keys take the defaults, unknown keys are refused. */
    public static KetapolaConfig fromMap(Map<String, String> raw) {
        ConfigReader r = new ConfigReader(raw, KEYS);
        return new KetapolaConfig(
                r.intValue("lowWeight", DEFAULT_LOW_WEIGHT),
                r.intValue("highWeight", DEFAULT_HIGH_WEIGHT),
                r.intValue("commissionMicro", DEFAULT_COMMISSION_MICRO),
                r.longValue("minBetMicro", DEFAULT_MIN_BET_MICRO),
                r.longValue("maxBetMicro", DEFAULT_MAX_BET_MICRO),
                r.longValue("bettingMs", DEFAULT_BETTING_MS),
                r.longValue("rollingMs", DEFAULT_ROLLING_MS),
                r.longValue("cooldownMs", DEFAULT_COOLDOWN_MS),
                r.decimalValue("maxRtp", DEFAULT_MAX_RTP));
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lowWeight", Integer.toString(lowWeight));
        m.put("highWeight", Integer.toString(highWeight));
        m.put("commissionMicro", Integer.toString(commissionMicro));
        m.put("minBetMicro", Long.toString(minBetMicro));
        m.put("maxBetMicro", Long.toString(maxBetMicro));
        m.put("bettingMs", Long.toString(bettingMs));
        m.put("rollingMs", Long.toString(rollingMs));
        m.put("cooldownMs", Long.toString(cooldownMs));
        m.put("maxRtp", maxRtp.toPlainString());
        return m;
    }

    /** P(side) × 2 × (1 − c) with P(LOW) = low/(low+high), as a double for reporting. */
    public double theoreticalRtp(boolean low) {
        long weight = low ? lowWeight : highWeight;
        return (double) weight * 2 * (Payouts.COMMISSION_SCALE - commissionMicro)
                / (((long) lowWeight + highWeight) * (double) Payouts.COMMISSION_SCALE);
    }

    /** Exact: weight × 2 × (100000 − c) / ((low+high) × 100000) > maxRtp, compared in BigDecimal. */
    private static void refuseRtpAboveMax(String side, int weight, int low, int high, int c, BigDecimal maxRtp) {
        BigDecimal numerator = BigDecimal.valueOf((long) weight * 2 * (Payouts.COMMISSION_SCALE - c));
        BigDecimal denominator = BigDecimal.valueOf(((long) low + high) * Payouts.COMMISSION_SCALE);
        if (numerator.compareTo(maxRtp.multiply(denominator)) > 0) {
            double rtp = numerator.doubleValue() / denominator.doubleValue();
            throw new InvalidConfigException(String.format(
                    "config gives %s an RTP of %.6f (lowWeight %d, highWeight %d, commissionMicro %d), above maxRtp %s",
                    side, rtp, low, high, c, maxRtp.toPlainString()));
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new InvalidConfigException(name + " must be > 0, was " + value);
        }
    }

    private static void window(String name, long valueMs) {
        if (valueMs < MIN_WINDOW_MS || valueMs > MAX_WINDOW_MS) {
            throw new InvalidConfigException(
                    name + " must be in " + MIN_WINDOW_MS + ".." + MAX_WINDOW_MS + ", was " + valueMs);
        }
    }
}
