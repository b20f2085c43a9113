package dev.yantra.fairness;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for unrevealed seeds at rest. Output: {@code "v1:" + base64(iv[12] || ciphertext+tag)}.
 * The associated data binds a ciphertext to its row (e.g. the chain id), so a stored seed cannot be swapped
 * onto another chain without failing to decrypt. Neither key nor plaintext ever appears in toString or messages.
 */
public final class SeedCipher {

    static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** A seed is 64 chars; bound what we will try to decrypt. */
    private static final int MAX_ENCODED_CHARS = 4096;

    private final SecretKeySpec key;
    private final SecureRandom random;

    public SeedCipher(byte[] key32, SecureRandom random) {
        Objects.requireNonNull(key32, "key must not be null");
        if (key32.length != 32) {
            throw new IllegalArgumentException("key must be 32 bytes (AES-256), was " + key32.length + " bytes");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key32, 32), "AES");
        this.random = Objects.requireNonNull(random, "random");
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
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, associatedData);
            byte[] ct = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + ct.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(ct, 0, out, IV_BYTES, ct.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws IllegalArgumentException when the text is malformed, or was made with another key or associated data */
    public String decrypt(String encoded, String associatedData) {
        if (encoded == null || !encoded.startsWith(PREFIX) || encoded.length() > MAX_ENCODED_CHARS) {
            throw new IllegalArgumentException("encrypted seed must start with '" + PREFIX + "' and be at most "
                    + MAX_ENCODED_CHARS + " chars");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encrypted seed is not valid base64");
        }
        if (raw.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("encrypted seed is too short (" + raw.length + " bytes)");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(raw, IV_BYTES), associatedData);
            byte[] pt = cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES);
            return new String(pt, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("encrypted seed does not authenticate (wrong key or associated data)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private Cipher cipher(int mode, byte[] iv, String associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(Objects.requireNonNull(associatedData, "associatedData must not be null")
                .getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SeedCipher[AES-256-GCM, key hidden]";
    }
}
