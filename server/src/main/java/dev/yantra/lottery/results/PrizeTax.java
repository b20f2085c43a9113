package dev.yantra.lottery.results;

import dev.yantra.lottery.money.LotteryAmount;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The tax withheld from a gross prize: the lottery's rate (a percentage, 0 up to but excluding 100, column
 * lotteries.prize_tax_rate) of the prize, rounded half-up to the cent, because the wallet and the wire carry
 * amounts in cents and a withholding certificate shows the amount to the cent.
 */
public final class PrizeTax {
    public static final BigDecimal NONE = BigDecimal.ZERO;
    static final BigDecimal MAX_EXCLUSIVE = BigDecimal.valueOf(100);

    private PrizeTax() {
    }

    /** The tax in micro-units on {@code prizeMicro} at {@code ratePercent}; 0 for a zero rate or prize. */
    public static long micro(long prizeMicro, BigDecimal ratePercent) {
        if (prizeMicro < 0) throw new IllegalArgumentException("prizeMicro must be >= 0, was " + prizeMicro);
        requireRate(ratePercent);
        if (prizeMicro == 0 || ratePercent.signum() == 0) return 0;
        BigDecimal cents = BigDecimal.valueOf(prizeMicro).multiply(ratePercent)
                .divide(BigDecimal.valueOf(100L * LotteryAmount.MICRO_PER_CENT), 0, RoundingMode.HALF_UP);
        return cents.longValueExact() * LotteryAmount.MICRO_PER_CENT;
    }

    /** The rate if it is a percentage with at most 2 decimals in [0, 100); IllegalArgumentException otherwise. */
    public static BigDecimal requireRate(BigDecimal ratePercent) {
        if (ratePercent == null || ratePercent.signum() < 0 || ratePercent.compareTo(MAX_EXCLUSIVE) >= 0
                || ratePercent.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("the prize tax rate must be a percentage from 0 to below 100 with at most 2 decimals, was "
                    + (ratePercent == null ? "nothing" : ratePercent.toPlainString()));
        }
        return ratePercent;
    }
}
