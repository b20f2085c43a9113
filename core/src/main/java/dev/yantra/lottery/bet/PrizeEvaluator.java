package dev.yantra.lottery.bet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a play wins against a draw's result, with the multipliers frozen on the play when it was bought. The
 * prize is amount × multiplier (rounded down to the cent, see {@link PayoutTable#multiply}); the stake is not
 * added on top. docs/lottery-rules.md has the rules with worked examples.
 */
public final class PrizeEvaluator {

    /** What won: the lines paid (empty for a loss) and the prize. */
    public record Prize(long prizeMicro, List<PayoutCase> cases) {
        public Prize {
            cases = List.copyOf(cases);
        }

        public boolean won() {
            return prizeMicro > 0;
        }
    }

    private static final PayoutCase[][] PALE_PAIRS = {
            // positions i < j → the line paid when the two numbers came out at i and j
            {null, PayoutCase.PALE_FIRST_SECOND, PayoutCase.PALE_FIRST_THIRD},
            {null, null, PayoutCase.PALE_SECOND_THIRD}};

    private PrizeEvaluator() {
    }

    /** The prize in micro-units; 0 when the play lost. */
    public static long prizeMicro(BetType betType, List<String> numbers, long amountMicro, PayoutTable frozen,
                                  DrawResult result) {
        return evaluate(betType, numbers, amountMicro, frozen, result).prizeMicro();
    }

    public static Prize evaluate(BetType betType, List<String> numbers, long amountMicro, PayoutTable frozen,
                                 DrawResult result) {
        if (amountMicro <= 0) {
            throw new IllegalArgumentException("amountMicro must be > 0, was " + amountMicro);
        }
        List<String> n = Numbers.validate(betType, numbers);
        if (betType.pick3() && result.pick3().isEmpty()) {
            throw new IllegalArgumentException(
                    betType.wire() + " plays against a 3-digit number, and this draw's result has none");
        }
        List<PayoutCase> cases = switch (betType) {
            case QUINIELA -> quiniela(n.getFirst(), result.prizes());
            case PALE -> pale(n, result.prizes(), frozen);
            case TRIPLETA -> tripleta(n, result.prizes());
            case PEGA3, STRAIGHT -> String.join("", n).equals(result.pick3().orElseThrow())
                    ? List.of(betType == BetType.PEGA3 ? PayoutCase.PEGA3_EXACT : PayoutCase.STRAIGHT_EXACT)
                    : List.of();
            case TOCA3, BOX -> sorted(String.join("", n)).equals(sorted(result.pick3().orElseThrow()))
                    ? List.of(boxCase(betType, n))
                    : List.of();
        };
        long multiplierMicro = 0;
        for (PayoutCase c : cases) {
            multiplierMicro = Math.addExact(multiplierMicro, frozen.multiplierMicro(c));
        }
        long prizeMicro = PayoutTable.multiply(amountMicro, multiplierMicro);
        // always on, like every money invariant: a prize above the play's liability basis means the two disagree
        long boundMicro = frozen.maxPrizeMicro(betType, n, amountMicro);
        if (prizeMicro > boundMicro) {
            throw new IllegalStateException("prize " + prizeMicro + " exceeds the most this " + betType.wire()
                    + " play could win, " + boundMicro);
        }
        return new Prize(prizeMicro, cases);
    }

    /** Paid once for every position the number holds: 05 against 05-05-20 wins 1st and 2nd. */
    private static List<PayoutCase> quiniela(String number, List<String> prizes) {
        PayoutCase[] byPosition = {PayoutCase.QUINIELA_FIRST, PayoutCase.QUINIELA_SECOND, PayoutCase.QUINIELA_THIRD};
        List<PayoutCase> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (prizes.get(i).equals(number)) out.add(byPosition[i]);
        }
        return out;
    }

    /**
     * Both numbers at two different positions, either way round; when the repeats of a result allow more than
     * one pair of positions (12 and 34 against 12-34-12: 1st+2nd or 2nd+3rd) the best-paying one is paid, once.
     */
    private static List<PayoutCase> pale(List<String> n, List<String> prizes, PayoutTable frozen) {
        PayoutCase best = null;
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                String a = prizes.get(i);
                String b = prizes.get(j);
                boolean match = a.equals(n.get(0)) && b.equals(n.get(1)) || a.equals(n.get(1)) && b.equals(n.get(0));
                PayoutCase c = PALE_PAIRS[i][j];
                if (match && (best == null || frozen.multiplierMicro(c) > frozen.multiplierMicro(best))) best = c;
            }
        }
        return best == null ? List.of() : List.of(best);
    }

    /**
     * Counts how many of the three (distinct) numbers came out. Distinct numbers can only sit at distinct
     * positions, so a repeated prize number counts once: 12-13-14 against 12-12-13 is two, not three.
     */
    private static List<PayoutCase> tripleta(List<String> n, List<String> prizes) {
        Set<String> out = new HashSet<>(prizes);
        long present = n.stream().filter(out::contains).count();
        if (present == 3) return List.of(PayoutCase.TRIPLETA_ALL_THREE);
        if (present == 2) return List.of(PayoutCase.TRIPLETA_TWO);
        return List.of();
    }

    /** Which box line a toca3/box play is priced on: six orders when its digits differ, three with one pair. */
    static PayoutCase boxCase(BetType betType, List<String> digits) {
        boolean sixWay = new HashSet<>(digits).size() == 3;
        if (betType == BetType.TOCA3) return sixWay ? PayoutCase.TOCA3_SIX_WAY : PayoutCase.TOCA3_THREE_WAY;
        if (betType == BetType.BOX) return sixWay ? PayoutCase.BOX_SIX_WAY : PayoutCase.BOX_THREE_WAY;
        throw new IllegalArgumentException(betType.wire() + " is not a box bet");
    }

    private static String sorted(String digits) {
        char[] c = digits.toCharArray();
        Arrays.sort(c);
        return new String(c);
    }
}
