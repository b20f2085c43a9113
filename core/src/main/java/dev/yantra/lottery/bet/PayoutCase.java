package dev.yantra.lottery.bet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of a payout table: a bet type and the way it won. {@link #key()} is the name inside that bet
 * type's object in the JSON form of a table ({@code {"quiniela": {"first": 60, ...}}}).
 */
public enum PayoutCase {
    /** quiniela: the number is the 1st prize number. */
    QUINIELA_FIRST(BetType.QUINIELA, "first"),
    /** quiniela: the number is the 2nd prize number. */
    QUINIELA_SECOND(BetType.QUINIELA, "second"),
    /** quiniela: the number is the 3rd prize number. */
    QUINIELA_THIRD(BetType.QUINIELA, "third"),
    /** pale: the two numbers came out 1st and 2nd (either way round). */
    PALE_FIRST_SECOND(BetType.PALE, "firstSecond"),
    /** pale: the two numbers came out 1st and 3rd. */
    PALE_FIRST_THIRD(BetType.PALE, "firstThird"),
    /** pale: the two numbers came out 2nd and 3rd. */
    PALE_SECOND_THIRD(BetType.PALE, "secondThird"),
    /** tripleta: all three numbers came out. */
    TRIPLETA_ALL_THREE(BetType.TRIPLETA, "allThree"),
    /** tripleta: exactly two of the three numbers came out. */
    TRIPLETA_TWO(BetType.TRIPLETA, "two"),
    /** pega3: the three digits in order. */
    PEGA3_EXACT(BetType.PEGA3, "exact"),
    /** straight: the three digits in order. */
    STRAIGHT_EXACT(BetType.STRAIGHT, "exact"),
    /** toca3 with three different digits (six orders win). */
    TOCA3_SIX_WAY(BetType.TOCA3, "sixWay"),
    /** toca3 with one pair, like 1-1-2 (three orders win). */
    TOCA3_THREE_WAY(BetType.TOCA3, "threeWay"),
    /** box with three different digits. */
    BOX_SIX_WAY(BetType.BOX, "sixWay"),
    /** box with one pair. */
    BOX_THREE_WAY(BetType.BOX, "threeWay");

    private final BetType betType;
    private final String key;

    PayoutCase(BetType betType, String key) {
        this.betType = betType;
        this.key = key;
    }

    public BetType betType() {
        return betType;
    }

    /** The name within the bet type's object in the JSON form. */
    public String key() {
        return key;
    }

    /** The cases of one bet type, in declaration order. */
    public static List<PayoutCase> of(BetType betType) {
        List<PayoutCase> out = new ArrayList<>();
        for (PayoutCase c : values()) {
            if (c.betType == betType) out.add(c);
        }
        return List.copyOf(out);
    }

    public static Optional<PayoutCase> of(BetType betType, String key) {
        for (PayoutCase c : values()) {
            if (c.betType == betType && c.key.equals(key)) return Optional.of(c);
        }
        return Optional.empty();
    }
}
