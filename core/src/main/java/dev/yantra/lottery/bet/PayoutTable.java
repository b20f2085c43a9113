package dev.yantra.lottery.bet;

import dev.yantra.lottery.money.LotteryAmount;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An immutable table of multipliers: what one unit staked pays for each {@link PayoutCase}. A lottery has a
 * full table (the {@link #DEFAULTS} with its own changes); a banca may override some lines
 * ({@link #withOverrides}); the resulting table is frozen on a play when it is bought, and its prize is
 * computed from that frozen copy however the tables change later.
 *
 * <p>Multipliers are held as <em>millionths</em> ({@link #MULTIPLIER_SCALE}): 60 is {@code 60_000_000}, so a
 * banca may price a line at 62.5. This scale is not the money scale (100,000 micro = 1 unit); use
 * {@link #multiply} rather than dividing by hand.
 */
public final class PayoutTable {

    /** Multiplier micro-units per 1 (60 × → 60_000_000). */
    public static final long MULTIPLIER_SCALE = 1_000_000L;
    /** No line pays more than 1,000,000 × the stake: a typo in a table must not become a liability. */
    public static final long MAX_MULTIPLIER_MICRO = 1_000_000L * MULTIPLIER_SCALE;

    /** The usual Dominican prices (per 1 unit staked), the base every lottery's table starts from. */
    public static final PayoutTable DEFAULTS = new PayoutTable(defaults());

    private final Map<PayoutCase, Long> multipliersMicro;

    private PayoutTable(Map<PayoutCase, Long> multipliersMicro) {
        EnumMap<PayoutCase, Long> copy = new EnumMap<>(PayoutCase.class);
        multipliersMicro.forEach((c, m) -> copy.put(Objects.requireNonNull(c, "case"), check(c, m)));
        this.multipliersMicro = Collections.unmodifiableMap(copy);
    }

    private static Map<PayoutCase, Long> defaults() {
        Map<PayoutCase, Long> m = new EnumMap<>(PayoutCase.class);
        m.put(PayoutCase.QUINIELA_FIRST, units(60));
        m.put(PayoutCase.QUINIELA_SECOND, units(8));
        m.put(PayoutCase.QUINIELA_THIRD, units(4));
        m.put(PayoutCase.PALE_FIRST_SECOND, units(1000));
        m.put(PayoutCase.PALE_FIRST_THIRD, units(1000));
        m.put(PayoutCase.PALE_SECOND_THIRD, units(100));
        m.put(PayoutCase.TRIPLETA_ALL_THREE, units(20000));
        m.put(PayoutCase.TRIPLETA_TWO, units(100));
        m.put(PayoutCase.PEGA3_EXACT, units(500));
        m.put(PayoutCase.STRAIGHT_EXACT, units(500));
        m.put(PayoutCase.TOCA3_SIX_WAY, units(80));
        m.put(PayoutCase.TOCA3_THREE_WAY, units(160));
        m.put(PayoutCase.BOX_SIX_WAY, units(80));
        m.put(PayoutCase.BOX_THREE_WAY, units(160));
        return m;
    }

    private static long units(long multiplier) {
        return multiplier * MULTIPLIER_SCALE;
    }

    /** A table with no lines (a banca that overrides nothing). */
    public static PayoutTable empty() {
        return new PayoutTable(Map.of());
    }

    /** A table (possibly partial) from multipliers in millionths; each must be in 1..{@link #MAX_MULTIPLIER_MICRO}. */
    public static PayoutTable of(Map<PayoutCase, Long> multipliersMicro) {
        return new PayoutTable(Objects.requireNonNull(multipliersMicro, "multipliersMicro"));
    }

    /** This table with one line set. */
    public PayoutTable with(PayoutCase payoutCase, long multiplierMicro) {
        Map<PayoutCase, Long> m = new EnumMap<>(PayoutCase.class);
        m.putAll(multipliersMicro);
        m.put(payoutCase, multiplierMicro);
        return new PayoutTable(m);
    }

    /** This table with every line {@code overrides} has replaced by the override (a banca's own prices). */
    public PayoutTable withOverrides(PayoutTable overrides) {
        Map<PayoutCase, Long> m = new EnumMap<>(PayoutCase.class);
        m.putAll(multipliersMicro);
        m.putAll(overrides.multipliersMicro);
        return new PayoutTable(m);
    }

    /**
     * The table to freeze on a play of {@code betType}: the defaults, then the lottery's table (JSON form) over
     * them, then the routed banca's overrides (JSON form, or null for none) over that — only the play's lines.
     */
    public static PayoutTable frozenFor(BetType betType, Map<String, ?> lotteryTable, Map<String, ?> bancaOverrides) {
        PayoutTable t = DEFAULTS.withOverrides(fromMap(lotteryTable));
        if (bancaOverrides != null) t = t.withOverrides(fromMap(bancaOverrides));
        return t.only(betType);
    }

    /** Only the lines of one bet type: what is frozen on a play. */
    public PayoutTable only(BetType betType) {
        Map<PayoutCase, Long> m = new EnumMap<>(PayoutCase.class);
        multipliersMicro.forEach((c, v) -> {
            if (c.betType() == betType) m.put(c, v);
        });
        return new PayoutTable(m);
    }

    public OptionalLong find(PayoutCase payoutCase) {
        Long m = multipliersMicro.get(payoutCase);
        return m == null ? OptionalLong.empty() : OptionalLong.of(m);
    }

    /** The multiplier of a line; a missing line is a bug in whoever built the table, so it throws. */
    public long multiplierMicro(PayoutCase payoutCase) {
        Long m = multipliersMicro.get(payoutCase);
        if (m == null) {
            throw new IllegalStateException("payout table has no line " + payoutCase.betType().wire() + "."
                    + payoutCase.key() + "; tables used for plays start from PayoutTable.DEFAULTS");
        }
        return m;
    }

    /** Whether every line of the bet type is present (a play of that type can be priced and paid). */
    public boolean covers(BetType betType) {
        return PayoutCase.of(betType).stream().allMatch(multipliersMicro::containsKey);
    }

    /**
     * The most one unit of this bet type could win, whatever its numbers: the basis of a banca's liability.
     * quiniela adds its three lines, because one number can match 1st, 2nd and 3rd at once when the prize
     * numbers repeat; every other type is paid for one case only, so it is the largest line.
     */
    public long maxMultiplierMicro(BetType betType) {
        List<PayoutCase> cases = PayoutCase.of(betType);
        if (betType == BetType.QUINIELA) {
            return cases.stream().mapToLong(this::multiplierMicro).sum();
        }
        return cases.stream().mapToLong(this::multiplierMicro).max().orElseThrow();
    }

    /**
     * As {@link #maxMultiplierMicro(BetType)}, but exact for toca3/box, whose numbers decide which single line
     * they can win (1-2-3 only the six-way one, 1-1-2 only the three-way one).
     */
    public long maxMultiplierMicro(BetType betType, List<String> numbers) {
        List<String> valid = Numbers.validate(betType, numbers);
        if (betType == BetType.TOCA3 || betType == BetType.BOX) {
            return multiplierMicro(PrizeEvaluator.boxCase(betType, valid));
        }
        return maxMultiplierMicro(betType);
    }

    /** The most this play could win: amount × {@link #maxMultiplierMicro(BetType, List)}, as a prize is computed. */
    public long maxPrizeMicro(BetType betType, List<String> numbers, long amountMicro) {
        return multiply(amountMicro, maxMultiplierMicro(betType, numbers));
    }

    /**
     * amount × multiplier, rounded down to a whole cent (1,000 micro) so every prize can be paid and shown in
     * the currency; with whole-number multipliers nothing is ever rounded. Throws on a result beyond a long.
     */
    public static long multiply(long amountMicro, long multiplierMicro) {
        if (amountMicro < 0 || multiplierMicro < 0) {
            throw new IllegalArgumentException("amountMicro and multiplierMicro must be >= 0, were "
                    + amountMicro + " and " + multiplierMicro);
        }
        BigInteger cents = BigInteger.valueOf(amountMicro).multiply(BigInteger.valueOf(multiplierMicro))
                .divide(BigInteger.valueOf(MULTIPLIER_SCALE * LotteryAmount.MICRO_PER_CENT));
        return cents.multiply(BigInteger.valueOf(LotteryAmount.MICRO_PER_CENT)).longValueExact();
    }

    /**
     * The JSON form, for a lottery's or a banca's {@code payout_table} column and for the copy frozen on a
     * play: {@code {"quiniela": {"first": 60, "second": 8, "third": 4}, "pale": {"firstSecond": 1000, ...}}}.
     * Multipliers are plain numbers (a {@link Long} when whole, else a {@link BigDecimal} like 62.5).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (BetType t : BetType.values()) {
            Map<String, Object> lines = new LinkedHashMap<>();
            for (PayoutCase c : PayoutCase.of(t)) {
                Long m = multipliersMicro.get(c);
                if (m != null) lines.put(c.key(), toNumber(m));
            }
            if (!lines.isEmpty()) out.put(t.wire(), Collections.unmodifiableMap(lines));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Reads {@link #toMap}'s form, as Jackson hands it over (numbers of any type, or decimal strings); lines
     * may be missing (a partial table, such as a banca's overrides). Unknown bet types or lines, and
     * multipliers that are not positive numbers with at most 6 decimals, are refused with a message.
     */
    public static PayoutTable fromMap(Map<String, ?> map) {
        if (map == null) throw new InvalidPayoutTableException("payout table is missing");
        Map<PayoutCase, Long> m = new EnumMap<>(PayoutCase.class);
        for (Map.Entry<String, ?> e : map.entrySet()) {
            BetType t = BetType.fromWire(e.getKey()).orElseThrow(() -> new InvalidPayoutTableException(
                    "payout table: unknown bet type '" + e.getKey() + "'"));
            if (!(e.getValue() instanceof Map<?, ?> lines)) {
                throw new InvalidPayoutTableException("payout table: " + t.wire() + " must be an object of lines "
                        + keys(t) + ", was " + e.getValue());
            }
            for (Map.Entry<?, ?> line : lines.entrySet()) {
                String key = String.valueOf(line.getKey());
                PayoutCase c = PayoutCase.of(t, key).orElseThrow(() -> new InvalidPayoutTableException(
                        "payout table: " + t.wire() + " has no line '" + key + "'; lines are " + keys(t)));
                m.put(c, parseMultiplier(t.wire() + "." + key, line.getValue()));
            }
        }
        return new PayoutTable(m);
    }

    private static List<String> keys(BetType t) {
        return PayoutCase.of(t).stream().map(PayoutCase::key).toList();
    }

    private static long parseMultiplier(String where, Object value) {
        BigDecimal d;
        try {
            d = switch (value) {
                case Integer i -> BigDecimal.valueOf(i);
                case Long l -> BigDecimal.valueOf(l);
                case BigInteger b -> new BigDecimal(b);
                case BigDecimal b -> b;
                case Double x when Double.isFinite(x) -> BigDecimal.valueOf(x);
                case String s when s.length() <= 32 -> new BigDecimal(s);
                case null, default -> throw new InvalidPayoutTableException(
                        "payout table: " + where + " must be a number, was " + value);
            };
        } catch (NumberFormatException e) {
            throw new InvalidPayoutTableException("payout table: " + where + " must be a number, was '" + value + "'");
        }
        BigDecimal micro = d.multiply(BigDecimal.valueOf(MULTIPLIER_SCALE));
        if (micro.signum() <= 0 || micro.compareTo(BigDecimal.valueOf(MAX_MULTIPLIER_MICRO)) > 0) {
            throw new InvalidPayoutTableException("payout table: " + where + " must be > 0 and at most "
                    + MAX_MULTIPLIER_MICRO / MULTIPLIER_SCALE + ", was " + shown(d));
        }
        if (micro.stripTrailingZeros().scale() > 0) {
            throw new InvalidPayoutTableException(
                    "payout table: " + where + " must have at most 6 decimals, was " + shown(d));
        }
        return micro.longValueExact();
    }

    /** toPlainString, unless the exponent is extreme (1e-999999999 would print a billion zeros). */
    private static String shown(BigDecimal d) {
        return Math.abs((long) d.scale()) > 32 ? d.toString() : d.toPlainString();
    }

    private static Object toNumber(long micro) {
        if (micro % MULTIPLIER_SCALE == 0) return micro / MULTIPLIER_SCALE;
        return BigDecimal.valueOf(micro, 6).stripTrailingZeros();
    }

    private static long check(PayoutCase c, Long m) {
        if (m == null || m <= 0 || m > MAX_MULTIPLIER_MICRO) {
            throw new InvalidPayoutTableException("payout table: " + c.betType().wire() + "." + c.key()
                    + " must be in 1.." + MAX_MULTIPLIER_MICRO + " millionths, was " + m);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PayoutTable p && p.multipliersMicro.equals(multipliersMicro);
    }

    @Override
    public int hashCode() {
        return multipliersMicro.hashCode();
    }

    @Override
    public String toString() {
        return "PayoutTable" + toMap();
    }
}
