package dev.yantra.lottery.bet;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A draw's result: three 2-digit prize numbers (1st, 2nd, 3rd; they may repeat) and, for lotteries with pick-3
 * bet types, one 3-digit number such as {@code "042"}.
 */
public record DrawResult(String first, String second, String third, Optional<String> pick3) {

    public DrawResult {
        requireTwoDigits("first", first);
        requireTwoDigits("second", second);
        requireTwoDigits("third", third);
        Objects.requireNonNull(pick3, "pick3 (use Optional.empty())");
        pick3.ifPresent(p -> {
            if (!Numbers.isDigits(p, 3)) {
                throw new IllegalArgumentException("pick3 must be three digits 000-999, was '" + p + "'");
            }
        });
    }

    /** A result without a 3-digit number. */
    public static DrawResult of(String first, String second, String third) {
        return new DrawResult(first, second, third, Optional.empty());
    }

    public static DrawResult of(String first, String second, String third, String pick3) {
        return new DrawResult(first, second, third, Optional.of(pick3));
    }

    /** The prize numbers in position order: index 0 is 1st prize. */
    public List<String> prizes() {
        return List.of(first, second, third);
    }

    private static void requireTwoDigits(String name, String value) {
        if (!Numbers.isDigits(value, 2)) {
            throw new IllegalArgumentException(name + " prize number must be two digits 00-99, was '" + value + "'");
        }
    }
}
