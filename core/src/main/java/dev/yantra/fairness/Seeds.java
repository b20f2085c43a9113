package dev.yantra.fairness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Seed text helpers shared by the RNG, the hash chain and proofs. */
public final class Seeds {

    private Seeds() {}

    /** True for exactly 64 lowercase hex chars. */
    public static boolean isSeedText(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean lowerHex = c >= 'a' && c <= 'f';
            if (!digit && !lowerHex) {
                return false;
            }
        }
        return true;
    }

    /** Validates a seed and returns its ASCII bytes (the HMAC key / the hashed text). */
    public static byte[] requireSeedText(String name, String s) {
        if (!isSeedText(s)) {
            throw new IllegalArgumentException(name + " must be 64 lowercase hex chars, was " + describe(s));
        }
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** sha256_hex(x): SHA-256 of the ASCII bytes of the 64-char hex text x, as lowercase hex. */
    public static String sha256Hex(String seedText) {
        byte[] text = requireSeedText("seed", seedText);
        return HexFormat.of().formatHex(sha256().digest(text));
    }

    /** 32 random bytes as 64-char lowercase hex. */
    public static String randomSeed(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** Quotes a bad value for an error message, shortened so a huge input cannot flood a log. */
    static String describe(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return "'" + shown + "' (" + s.length() + " chars)";
    }
}
