package dev.yantra.fairness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A per-table hash chain, published through its commitment and re-checked by /verify: s_N is 32 random bytes as hex text, s_{i-1} = sha256_hex(s_i).
 * s_0 is published in the {@link ChainCommitment}; round k uses s_k and announces s_{k-1} as its server seed hash.
 *
 * <p>Storing s_N (encrypted, see {@link SeedCipher}) is enough to rebuild the chain with {@link #fromTip}. In memory
 * the chain keeps one checkpoint every {@value #CHECKPOINT_EVERY} links, so {@link #seed(int)} hashes at most that
 * many times and memory stays at ~N/32 bytes. {@link #toString()} never shows a seed.
 */
public final class HashChain {

    /** Upper bound on a chain's length (a 22 s round cycle uses ~4,000 links a day). */
    public static final int MAX_LENGTH = 10_000_000;
    static final int CHECKPOINT_EVERY = 1024;

    private final int length;
    /** checkpoints[j] = s_{j * CHECKPOINT_EVERY} as 64 ASCII bytes; the last entry is s_N. */
    private final byte[][] checkpoints;

    private HashChain(int length, byte[][] checkpoints) {
        this.length = length;
        this.checkpoints = checkpoints;
    }

    /** A new chain of {@code length} rounds (seeds s_1..s_N are playable) from a fresh random s_N. */
    public static HashChain generate(int length, SecureRandom random) {
        return fromTip(Seeds.randomSeed(random), length);
    }

    /** Rebuilds the chain from its stored tip s_N. */
    public static HashChain fromTip(String tipSeed, int length) {
        byte[] tip = Seeds.requireSeedText("tipSeed", tipSeed);
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("chain length must be in 1.." + MAX_LENGTH + ", was " + length);
        }
        byte[][] checkpoints = new byte[length / CHECKPOINT_EVERY + 2][];
        checkpoints[checkpoints.length - 1] = tip;
        MessageDigest sha = Seeds.sha256();
        byte[] current = tip;
        for (int i = length; i > 0; i--) {
            if (i % CHECKPOINT_EVERY == 0) {
                checkpoints[i / CHECKPOINT_EVERY] = current;
            }
            current = hashText(sha, current);
        }
        checkpoints[0] = current;
        return new HashChain(length, checkpoints);
    }

    public int length() {
        return length;
    }

    /** s_0, the value published before the first round. */
    public String commitment() {
        return seed(0);
    }

    /** s_N, the only value that needs to be stored (encrypted). */
    public String tip() {
        return seed(length);
    }

    /** s_k for 0 ≤ k ≤ N. */
    public String seed(int k) {
        if (k < 0 || k > length) {
            throw new IllegalArgumentException("seed index must be in 0.." + length + ", was " + k);
        }
        int j = (k + CHECKPOINT_EVERY - 1) / CHECKPOINT_EVERY; // first checkpoint at or above k
        int from = Math.min(j * CHECKPOINT_EVERY, length);
        byte[] current = from == length ? checkpoints[checkpoints.length - 1] : checkpoints[j];
        MessageDigest sha = Seeds.sha256();
        for (int i = from; i > k; i--) {
            current = hashText(sha, current);
        }
        return new String(current, StandardCharsets.US_ASCII);
    }

    /** The commitment row for this chain; the client seed is fixed for the chain's whole life. */
    public ChainCommitment commit(String tableId, String chainId, String clientSeed, Instant createdAt) {
        return new ChainCommitment(tableId, chainId, commitment(), clientSeed, length, createdAt);
    }

    /** True when sha256_hex(seedK) = seedKMinus1, i.e. the revealed seed is the pre-image of the announced hash. */
    public static boolean verifyLink(String seedK, String seedKMinus1) {
        return Seeds.isSeedText(seedK) && Seeds.isSeedText(seedKMinus1)
                && MessageDigest.isEqual(
                        Seeds.sha256Hex(seedK).getBytes(StandardCharsets.US_ASCII),
                        seedKMinus1.getBytes(StandardCharsets.US_ASCII));
    }

    /** True when hashing s_k exactly k times gives the committed s_0 (k ≤ the commitment's length). */
    public static boolean verifyAgainstCommitment(String seedK, int k, ChainCommitment commitment) {
        if (!Seeds.isSeedText(seedK) || k < 0 || k > commitment.length()) {
            return false;
        }
        MessageDigest sha = Seeds.sha256();
        byte[] current = seedK.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < k; i++) {
            current = hashText(sha, current);
        }
        return Arrays.equals(current, commitment.s0().getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hashText(MessageDigest sha, byte[] seedText) {
        return HexFormat.of().formatHex(sha.digest(seedText)).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "HashChain[length=" + length + ", seeds hidden]";
    }
}
