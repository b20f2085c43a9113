package dev.yantra.lottery.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * The lottery API's {@code amount}: a decimal number of currency units, at least 1, with at most 2 decimals,
 * sent as a JSON number ({@code 100}, {@code 12.5}) or a JSON string ({@code "12.50"}). It is read here once
 * into micro-units and never seen as a decimal again.
 *
 * <p>A string must be written plainly: digits, optionally a point and one or two digits; no sign, exponent,
 * spaces, thousands separators or leading zeros. A JSON number is judged by its value (a parser cannot tell
 * {@code 12.5} from {@code 12.50}), so {@code 12.500} as a number is 12.50, while 12.505 is refused.
 */
public final class LotteryAmount {

    /** Micro-units in one currency unit, as everywhere in Yantra. */
    public static final long MICRO_PER_UNIT = 100_000L;
    /** Micro-units in one cent (the minor unit of DOP and USD). */
    public static final long MICRO_PER_CENT = 1_000L;
    /** The smallest amount a play may have. */
    public static final long MIN_MICRO = MICRO_PER_UNIT;
    /** A bound far above any real play, so a typo or an attack cannot overflow anything downstream. */
    public static final long MAX_UNITS = 1_000_000_000L;
    public static final long MAX_MICRO = MAX_UNITS * MICRO_PER_UNIT;

    private static final Pattern PLAIN = Pattern.compile("(0|[1-9][0-9]{0,9})(\\.[0-9]{1,2})?");
    private static final int MAX_ECHO_CHARS = 24;

    private LotteryAmount() {
    }

    /**
     * Micro-units of {@code value} as Jackson hands it over (Integer, Long, BigInteger, BigDecimal, Double,
     * Float or String); anything else, or a value out of range, is {@link InvalidAmountException}.
     */
    public static long parse(Object value) {
        BigDecimal units = switch (value) {
            case null -> throw new InvalidAmountException("amount is required");
            case String s -> parseString(s);
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case BigInteger b -> new BigDecimal(b);
            case BigDecimal b -> b;
            case Double d -> fromBinary(d);
            case Float f -> fromBinary(Double.parseDouble(Float.toString(f)));
            default -> throw new InvalidAmountException(
                    "amount must be a number or a decimal string, was a " + value.getClass().getSimpleName());
        };
        return toMicro(units);
    }

    private static BigDecimal parseString(String s) {
        if (!PLAIN.matcher(s).matches()) {
            throw new InvalidAmountException("amount must be a decimal number of units with at most 2 decimals"
                    + " (for example \"100\" or \"12.50\"), was " + echo(s));
        }
        return new BigDecimal(s);
    }

    private static BigDecimal fromBinary(double d) {
        if (!Double.isFinite(d)) {
            throw new InvalidAmountException("amount must be a finite number, was " + d);
        }
        // Double.toString is the shortest decimal that reads back as d: 12.5 stays 12.5, not 12.4999...
        return BigDecimal.valueOf(d);
    }

    private static long toMicro(BigDecimal units) {
        if (units.compareTo(BigDecimal.ONE) < 0) {
            throw new InvalidAmountException("amount must be at least 1, was " + plain(units));
        }
        if (units.compareTo(BigDecimal.valueOf(MAX_UNITS)) > 0) {
            throw new InvalidAmountException("amount must be at most " + MAX_UNITS + ", was " + plain(units));
        }
        if (units.stripTrailingZeros().scale() > 2) {
            throw new InvalidAmountException("amount must have at most 2 decimals, was " + plain(units));
        }
        return units.multiply(BigDecimal.valueOf(MICRO_PER_UNIT)).longValueExact();
    }

    /** The amount as the API writes it: units with exactly 2 decimals ({@code "12.50"}), more only if needed. */
    public static String format(long micro) {
        return toDecimal(micro).toPlainString();
    }

    /** The amount as a decimal of units with at least 2 decimals, for a JSON number. */
    public static BigDecimal toDecimal(long micro) {
        BigDecimal d = BigDecimal.valueOf(micro, 5).stripTrailingZeros();
        return d.scale() < 2 ? d.setScale(2, RoundingMode.UNNECESSARY) : d;
    }

    /** Cents (Stripe's minor units for DOP and USD); refuses an amount that is not a whole number of cents. */
    public static long toMinorUnits(long micro) {
        if (micro % MICRO_PER_CENT != 0) {
            throw new IllegalArgumentException("amount " + micro + " micro is not a whole number of cents");
        }
        return micro / MICRO_PER_CENT;
    }

    private static String plain(BigDecimal d) {
        // toPlainString of 1e-999999999 would be a billion characters: beyond a sane size, show it as 1E-999999999
        String s = Math.abs((long) d.scale()) > MAX_ECHO_CHARS ? d.toString() : d.toPlainString();
        return s.length() > MAX_ECHO_CHARS ? s.substring(0, MAX_ECHO_CHARS) + "..." : s;
    }

    private static String echo(String s) {
        return "\"" + (s.length() > MAX_ECHO_CHARS ? s.substring(0, MAX_ECHO_CHARS) + "..." : s) + "\"";
    }
}
