package dev.yantra.fairness;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * ketapola-rng-v1, exactly as published on /verify (its vectors are core/src/main/resources/fairness/ketapola-rng-v1-vectors.csv):
 * <ol>
 *   <li>h = HMAC-SHA256(key = UTF-8 bytes of the 64-char lowercase hex server seed <em>text</em>,
 *       message = clientSeed + ":" + decimal nonce);</li>
 *   <li>S = unsigned 32-bit big-endian value of h's first 4 bytes (hex h[0:8]);
 *       LOW iff S &lt; lowWeight/(lowWeight+highWeight) × 4294967295, compared exactly as
 *       S × (low+high) &lt; low × 4294967295;</li>
 *   <li>F = unsigned 32-bit value of the next 4 bytes (hex h[8:16]);
 *       sum = [3,6,9][F mod 3] for LOW, [12,15,18][F mod 3] for HIGH.</li>
 * </ol>
 * Thread-safe: each thread reuses its own {@link Mac}.
 */
public final class KetapolaRng implements DiceRng {

    public static final String VERSION = "ketapola-rng-v1";
    static final String HMAC_ALGORITHM = "HmacSHA256";
    /** Bound on the client seed so a message buffer can be preallocated; far above any real seed. */
    public static final int MAX_CLIENT_SEED_BYTES = 1024;

    private static final long UINT32_MAX = 4294967295L;
    private static final int[] LOW_SUMS = {3, 6, 9};
    private static final int[] HIGH_SUMS = {12, 15, 18};
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(KetapolaRng::newMac);

    @Override
    public DiceOutcome roll(String serverSeed, String clientSeed, long nonce, int lowWeight, int highWeight) {
        byte[] key = Seeds.requireSeedText("serverSeed", serverSeed);
        validateWeights(lowWeight, highWeight);
        byte[] message = message(clientSeed, nonce);
        byte[] h = new byte[32];
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, HMAC_ALGORITHM));
            mac.update(message);
            mac.doFinal(h, 0);
        } catch (InvalidKeyException | ShortBufferException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
        Side side = side(h, lowWeight, highWeight);
        return new DiceOutcome(side, sum(side, h), HexFormat.of().formatHex(h));
    }

    /** Validates the client seed and nonce and returns the UTF-8 message bytes clientSeed:nonce. */
    static byte[] message(String clientSeed, long nonce) {
        byte[] seedBytes = clientSeedBytes(clientSeed);
        validateNonce(nonce);
        byte[] suffix = (":" + nonce).getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[seedBytes.length + suffix.length];
        System.arraycopy(seedBytes, 0, message, 0, seedBytes.length);
        System.arraycopy(suffix, 0, message, seedBytes.length, suffix.length);
        return message;
    }

    static byte[] clientSeedBytes(String clientSeed) {
        Objects.requireNonNull(clientSeed, "clientSeed must not be null");
        byte[] bytes = clientSeed.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_CLIENT_SEED_BYTES) {
            throw new IllegalArgumentException(
                    "clientSeed must be at most " + MAX_CLIENT_SEED_BYTES + " UTF-8 bytes, was " + bytes.length);
        }
        return bytes;
    }

    public static void validateNonce(long nonce) {
        if (nonce < 0) {
            throw new IllegalArgumentException("nonce must be >= 0, was " + nonce);
        }
    }

    public static void validateWeights(int lowWeight, int highWeight) {
        if (lowWeight <= 0) {
            throw new IllegalArgumentException("lowWeight must be > 0, was " + lowWeight);
        }
        if (highWeight <= 0) {
            throw new IllegalArgumentException("highWeight must be > 0, was " + highWeight);
        }
    }

    /** Side from the raw 32-byte HMAC: bytes 0..3 big-endian are S. Weights must already be valid. */
    static Side side(byte[] h, int lowWeight, int highWeight) {
        return isLow(uint32(h, 0), lowWeight, highWeight) ? Side.LOW : Side.HIGH;
    }

    /**
     * Exact S &lt; low/(low+high) × 4294967295. S × (low+high) &lt; 2^32 × 2^32 fits an unsigned 64-bit value and
     * low × 4294967295 &lt; 2^63, so an unsigned long comparison is exact without BigInteger.
     */
    static boolean isLow(long s, int lowWeight, int highWeight) {
        long total = (long) lowWeight + highWeight;
        return Long.compareUnsigned(s * total, lowWeight * UINT32_MAX) < 0;
    }

    /** Dice sum from the raw HMAC: bytes 4..7 big-endian are F. */
    static int sum(Side side, byte[] h) {
        int faceIndex = (int) (uint32(h, 4) % 3);
        return side == Side.LOW ? LOW_SUMS[faceIndex] : HIGH_SUMS[faceIndex];
    }

    static long uint32(byte[] h, int offset) {
        return ((h[offset] & 0xffL) << 24)
                | ((h[offset + 1] & 0xffL) << 16)
                | ((h[offset + 2] & 0xffL) << 8)
                | (h[offset + 3] & 0xffL);
    }

    static Mac newMac() {
        try {
            return Mac.getInstance(HMAC_ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
