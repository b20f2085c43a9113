package dev.yantra.lottery.bet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What {@code numbers} must be for each bet type. The rules are strict on purpose: a lottery ticket is a
 * contract, so {@code "5"} is not read as {@code "05"} and nothing is trimmed; the player gets a message
 * that says exactly what was wrong instead of a play on numbers they did not type.
 *
 * <ul>
 *   <li>quiniela: one number; pale: two distinct numbers; tripleta: three distinct numbers. A number is
 *       exactly two ASCII digits, {@code "00"} to {@code "99"}.</li>
 *   <li>pega3 / straight: three entries of one ASCII digit each, in order.</li>
 *   <li>toca3 / box: the same, but not all three equal (that could only win straight).</li>
 * </ul>
 */
public final class Numbers {

    /** Longer entries are not echoed back in error messages in full. */
    private static final int MAX_ECHO_CHARS = 16;

    private Numbers() {
    }

    /** The numbers, checked, as an immutable list in the player's order; else {@link InvalidNumbersException}. */
    public static List<String> validate(BetType betType, List<String> numbers) {
        Objects.requireNonNull(betType, "betType");
        if (numbers == null) {
            throw new InvalidNumbersException("numbers is required for " + betType.wire());
        }
        if (numbers.size() != betType.count()) {
            throw new InvalidNumbersException(betType.wire() + " takes exactly " + betType.count()
                    + (betType.pick3() ? " single digits" : (betType.count() == 1 ? " number" : " numbers"))
                    + ", got " + numbers.size());
        }
        List<String> out = new ArrayList<>(numbers.size());
        for (int i = 0; i < numbers.size(); i++) {
            String n = numbers.get(i);
            if (betType.pick3() ? !isDigits(n, 1) : !isDigits(n, 2)) {
                throw new InvalidNumbersException("numbers[" + i + "] must be "
                        + (betType.pick3() ? "one digit 0-9" : "two digits 00-99 (for example \"05\")")
                        + " for " + betType.wire() + ", was " + echo(n));
            }
            out.add(n);
        }
        if (!betType.pick3() && new HashSet<>(out).size() != out.size()) {
            throw new InvalidNumbersException(betType.wire() + " numbers must be distinct, were " + out);
        }
        if ((betType == BetType.TOCA3 || betType == BetType.BOX) && new HashSet<>(out).size() == 1) {
            throw new InvalidNumbersException(betType.wire()
                    + " digits must not all be equal (that can only win in order: play pega3), were " + out);
        }
        return List.copyOf(out);
    }

    /**
     * The key a banca's liability is summed under: the same for plays that win on exactly the same results.
     * For quiniela, pale, tripleta, toca3 and box the order of the numbers does not matter, so they are
     * sorted ({@code ["34","12"]} and {@code ["12","34"]} are one key, {@code "12-34"}). pega3 and straight
     * win only in order, so {@code 1-2-3} and {@code 3-2-1} are different risks and keep their order.
     * The numbers must already be valid.
     */
    public static String limitKey(BetType betType, List<String> numbers) {
        List<String> valid = validate(betType, numbers);
        List<String> key = new ArrayList<>(valid);
        if (betType != BetType.PEGA3 && betType != BetType.STRAIGHT) {
            key.sort(null);
        }
        return String.join("-", key);
    }

    /** Exactly {@code length} ASCII digits ({@link Character#isDigit} would also take Arabic-Indic digits). */
    static boolean isDigits(String s, int length) {
        if (s == null || s.length() != length) return false;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private static String echo(String s) {
        if (s == null) return "null";
        String shown = s.length() > MAX_ECHO_CHARS ? s.substring(0, MAX_ECHO_CHARS) + "..." : s;
        return "\"" + shown + "\"";
    }
}
