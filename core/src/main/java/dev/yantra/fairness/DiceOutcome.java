package dev.yantra.fairness;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One ketapola-rng-v1 result: the side, the dice sum, and the full lowercase hex HMAC it came from.
 * The sum always belongs to the side (3/6/9 for LOW, 12/15/18 for HIGH).
 */
public record DiceOutcome(Side side, int sum, String hmac) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public DiceOutcome {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(hmac, "hmac");
        if (!HEX64.matcher(hmac).matches()) {
            throw new IllegalArgumentException("hmac must be 64 lowercase hex chars, was '" + hmac + "'");
        }
        if (sideOfSum(sum) != side) {
            throw new IllegalArgumentException("sum " + sum + " does not belong to side " + side);
        }
    }

    /** The side a dice sum belongs to; rejects sums the game cannot produce. */
    public static Side sideOfSum(int sum) {
        return switch (sum) {
            case 3, 6, 9 -> Side.LOW;
            case 12, 15, 18 -> Side.HIGH;
            default -> throw new IllegalArgumentException("sum must be one of 3,6,9,12,15,18, was " + sum);
        };
    }

    /** One JSON line, the verifier's machine interface: {"side":"LOW","sum":3,"hmac":"..."}. */
    public String toJson() {
        return "{\"side\":\"" + side + "\",\"sum\":" + sum + ",\"hmac\":\"" + hmac + "\"}";
    }
}
