package dev.yantra.fairness;

/**
 * Something that maps (server seed, client seed, nonce, weights) to a dice outcome. {@link KetapolaRng} is
 * the only production implementation; the interface exists so the start-up self-test ({@link TestVectors})
 * can be shown to catch a broken one.
 */
@FunctionalInterface
public interface DiceRng {
    DiceOutcome roll(String serverSeed, String clientSeed, long nonce, int lowWeight, int highWeight);
}
