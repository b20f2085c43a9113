package dev.yantra.fairness;

import dev.yantra.signing.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * AES-256-GCM for unrevealed seeds at rest, sealed under the master key ring ({@link KeyRing}: the text names the
 * key it was sealed under, so a rotation can re-seal it). The associated data binds a ciphertext to its row (e.g.
 * the chain id), so a stored seed cannot be swapped onto another chain without failing to decrypt. Neither key nor
 * plaintext ever appears in toString or messages.
 */
public final class SeedCipher {
    /** A seed is 64 chars; bound what we will try to decrypt. */
    private static final int MAX_ENCODED_CHARS = 4096;

    private final KeyRing ring;

    public SeedCipher(byte[] key32, SecureRandom random) {
        Objects.requireNonNull(key32, "key must not be null");
        if (key32.length != 32) {
            throw new IllegalArgumentException("key must be 32 bytes (AES-256), was " + key32.length + " bytes");
        }
        Objects.requireNonNull(random, "random");
        this.ring = KeyRing.of(key32);
    }

    public SeedCipher(KeyRing ring) {
        this.ring = Objects.requireNonNull(ring, "ring");
    }

    /** From a base64 key as in YANTRA_MASTER_KEY. */
    public static SeedCipher fromBase64Key(String base64Key, SecureRandom random) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Objects.requireNonNull(base64Key, "key must not be null").trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key must be base64 of 32 bytes, it is not valid base64");
        }
        return new SeedCipher(key, random);
    }

    public String encrypt(String plaintext, String associatedData) {
        Objects.requireNonNull(plaintext, "plaintext must not be null");
        return ring.seal(plaintext.getBytes(StandardCharsets.UTF_8), associatedData);
    }

    /** @throws IllegalArgumentException when the text is malformed, or was made with another key or associated data */
    public String decrypt(String encoded, String associatedData) {
        if (encoded == null || KeyRing.keyIdOf(encoded).isEmpty() || encoded.length() > MAX_ENCODED_CHARS) {
            throw new IllegalArgumentException("encrypted seed must start with '" + KeyRing.PREFIX + "<key id>:' or '"
                    + KeyRing.LEGACY_PREFIX + "' and be at most " + MAX_ENCODED_CHARS + " chars");
        }
        try {
            return new String(ring.open(encoded, associatedData), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encrypted seed " + (e.getMessage().contains("authenticate")
                    ? "does not authenticate (wrong key or associated data)" : "is unusable: " + e.getMessage()));
        }
    }

    @Override
    public String toString() {
        return "SeedCipher[AES-256-GCM, key hidden]";
    }
}
