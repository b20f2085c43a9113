package dev.yantra.fairness;

/**
 * Ketapola Dice settlement arithmetic, in exact integer micro-units: a win is credited
 * floor(2 × stake × (1 − commissionMicro/100000)) = stake × 2 × (100000 − c) / 100000 (integer division floors
 * non-negative values). Lives here so the game plugin and the RTP simulator share one formula.
 */
public final class Payouts {

    public static final int COMMISSION_SCALE = 100_000;

    private Payouts() {}

    public static long evenMoneyWinMicro(long stakeMicro, int commissionMicro) {
        if (stakeMicro <= 0) {
            throw new IllegalArgumentException("stakeMicro must be > 0, was " + stakeMicro);
        }
        validateCommission(commissionMicro);
        long payout;
        try {
            payout = Math.multiplyExact(stakeMicro, 2L * (COMMISSION_SCALE - commissionMicro)) / COMMISSION_SCALE;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("stakeMicro " + stakeMicro + " is too large: payout overflows", e);
        }
        if (payout < 0 || payout > 2 * stakeMicro) {
            throw new IllegalStateException("payout " + payout + " outside [0, 2 x stake " + stakeMicro + "]");
        }
        return payout;
    }

    public static void validateCommission(int commissionMicro) {
        if (commissionMicro < 0 || commissionMicro > COMMISSION_SCALE) {
            throw new IllegalArgumentException("commissionMicro must be in 0..100000, was " + commissionMicro);
        }
    }

    /**
     * Exact probability that ketapola-rng-v1 lands on LOW: the number of S in [0, 2^32) with
     * S × (low+high) &lt; low × 4294967295 is ceil(low × 4294967295 / (low+high)); divided by 2^32.
     * It differs from low/(low+high) by less than 2^-32.
     */
    public static double exactLowProbability(int lowWeight, int highWeight) {
        KetapolaRng.validateWeights(lowWeight, highWeight);
        long lowCount = Math.ceilDiv(lowWeight * 4294967295L, (long) lowWeight + highWeight);
        return lowCount / 4294967296.0;
    }

    /** Exact probability of F mod 3 = r for a uniform 32-bit F: 2^32 = 3 × 1431655765 + 1, so r = 0 has one extra. */
    public static double faceIndexProbability(int r) {
        return (r == 0 ? 1431655766L : 1431655765L) / 4294967296.0;
    }
}
