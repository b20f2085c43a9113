package dev.yantra.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master keys a node holds and the text format of everything sealed under them (credential secrets,
 * unrevealed seeds, second-factor secrets): AES-256-GCM over {@code base64(iv[12] || ciphertext+tag)}, in one of two
 * labels. {@code "v2:" + keyId + ":" + body} names the key; {@code "v1:" + body} names none and is tried under the
 * current key, then the previous.
 *
 * <p>{@link #seal} names the key only while a rotation is under way (a previous key is held): that is when a reader
 * must tell two keys apart, and every node taking part holds both keys, so it runs a release that reads v2. With one
 * key held it writes v1, which every release reads: a node of this release beside an older one in a rolling upgrade
 * writes nothing the older node cannot open (an older release reads only v1). {@link #sealNamingKey} always names the
 * key; the master-key rotation uses it, which runs once every node holds the new key.
 *
 * <p>The key id is the first 8 bytes of SHA-256 of the key, in hex: it names a key without revealing anything
 * usable about it, and the same key always has the same id on every node. The associated data binds a text to its
 * row (a credential's key id, a chain's id), so a text copied onto another row fails to open. The key id is outside
 * the associated data on purpose: v1 and v2 of one body open alike.
 */
public final class KeyRing {
    public static final String PREFIX = "v2:";
    public static final String LEGACY_PREFIX = "v1:";
    /** What {@link #keyIdOf} says of text sealed before key ids. */
    public static final String LEGACY_KEY_ID = "legacy";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_ID_HEX = 16;

    private final SecretKeySpec current;
    private final String currentId;
    private final SecretKeySpec previous;
    private final String previousId;
    private final SecureRandom random = new SecureRandom();

    private KeyRing(byte[] current, byte[] previous) {
        requireKey("current", current);
        this.current = new SecretKeySpec(current.clone(), "AES");
        this.currentId = keyId(current);
        if (previous != null) {
            requireKey("previous", previous);
            if (Arrays.equals(current, previous)) throw new IllegalArgumentException("the previous master key equals the current one");
        }
        this.previous = previous == null ? null : new SecretKeySpec(previous.clone(), "AES");
        this.previousId = previous == null ? null : keyId(previous);
    }

    public static KeyRing of(byte[] current) {
        return new KeyRing(current, null);
    }

    /** @param previous null when no rotation is under way */
    public static KeyRing of(byte[] current, byte[] previous) {
        return new KeyRing(current, previous);
    }

    /** The id of a 32-byte key: hex of the first 8 bytes of its SHA-256. */
    public static String keyId(byte[] key) {
        requireKey("key", key);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(d, 0, KEY_ID_HEX / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String currentId() {
        return currentId;
    }

    public Optional<String> previousId() {
        return Optional.ofNullable(previousId);
    }

    /**
     * A key of its own for another use of the master key (e.g. signing evidence manifests): HMAC-SHA256(current key,
     * context), so the master key itself never signs anything and two uses never share a key.
     */
    public byte[] derive(String context) {
        return RequestSigner.hmac(current.getEncoded(), context.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #derive}, under the held key with this id (current or previous); empty when neither has it. */
    public Optional<byte[]> deriveFor(String keyId, String context) {
        SecretKeySpec key = keyId.equals(currentId) ? current : keyId.equals(previousId) ? previous : null;
        return Optional.ofNullable(key).map(k -> RequestSigner.hmac(k.getEncoded(), context.getBytes(StandardCharsets.UTF_8)));
    }

    /** The key id a sealed text names, {@link #LEGACY_KEY_ID} for text sealed before key ids, empty for anything else. */
    public static Optional<String> keyIdOf(String sealed) {
        if (sealed == null) return Optional.empty();
        if (sealed.startsWith(LEGACY_PREFIX)) return Optional.of(LEGACY_KEY_ID);
        if (!sealed.startsWith(PREFIX) || sealed.length() < PREFIX.length() + KEY_ID_HEX + 1
                || sealed.charAt(PREFIX.length() + KEY_ID_HEX) != ':') {
            return Optional.empty();
        }
        return Optional.of(sealed.substring(PREFIX.length(), PREFIX.length() + KEY_ID_HEX));
    }

    /** Seals under the current key; names it only while a rotation is under way (see the class comment). */
    public String seal(byte[] plaintext, String associatedData) {
        return previous == null ? LEGACY_PREFIX + body(plaintext, associatedData) : sealNamingKey(plaintext, associatedData);
    }

    /** Seals under the current key and names it: {@code v2:<key id>:...}, which releases before key ids cannot read. */
    public String sealNamingKey(byte[] plaintext, String associatedData) {
        return PREFIX + currentId + ":" + body(plaintext, associatedData);
    }

    /** Which held key opens this text: its named key id, or for v1 text the id of the held key it opens under. */
    public Optional<String> heldKeyOpening(String sealed, String associatedData) {
        try {
            open(sealed, associatedData);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String named = keyIdOf(sealed).orElseThrow();
        if (!LEGACY_KEY_ID.equals(named)) return Optional.of(named);
        try {
            open(current, body(sealed.substring(LEGACY_PREFIX.length())), associatedData);
            return Optional.of(currentId);
        } catch (AEADBadTagException notCurrent) {
            return Optional.ofNullable(previousId);
        }
    }

    private String body(byte[] plaintext, String associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            byte[] ct = cipher(Cipher.ENCRYPT_MODE, current, iv, associatedData).doFinal(plaintext);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + ct.length).put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * Opens text sealed under a key of this ring.
     *
     * @throws IllegalArgumentException when the text is malformed, names a key this ring does not hold, or does not
     *                                  authenticate (another key, another row, or changed); never with key or plaintext in the message
     */
    public byte[] open(String sealed, String associatedData) {
        String keyId = keyIdOf(sealed).orElseThrow(() -> new IllegalArgumentException(
                "not a sealed secret (expected prefix " + PREFIX + "<key id>: or " + LEGACY_PREFIX + ")"));
        if (LEGACY_KEY_ID.equals(keyId)) {
            byte[] body = body(sealed.substring(LEGACY_PREFIX.length()));
            try {
                return open(current, body, associatedData);
            } catch (AEADBadTagException notCurrent) {
                if (previous == null) throw doesNotOpen("the master key " + currentId);
                try {
                    return open(previous, body, associatedData);
                } catch (AEADBadTagException notPrevious) {
                    throw doesNotOpen("the master keys " + currentId + " and " + previousId);
                }
            }
        }
        SecretKeySpec key = keyId.equals(currentId) ? current : keyId.equals(previousId) ? previous : null;
        if (key == null) {
            throw new IllegalArgumentException("sealed under master key " + keyId + ", which is neither YANTRA_MASTER_KEY (" + currentId
                    + ") nor YANTRA_MASTER_KEY_PREVIOUS (" + (previousId == null ? "not set" : previousId) + ")");
        }
        try {
            return open(key, body(sealed.substring(PREFIX.length() + KEY_ID_HEX + 1)), associatedData);
        } catch (AEADBadTagException e) {
            throw doesNotOpen("the master key " + keyId + " it names");
        }
    }

    private static byte[] open(SecretKeySpec key, byte[] body, String associatedData) throws AEADBadTagException {
        try {
            return cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(body, IV_BYTES), associatedData).doFinal(body, IV_BYTES, body.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static byte[] body(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sealed secret is not valid base64");
        }
        if (raw.length < IV_BYTES + TAG_BITS / 8) throw new IllegalArgumentException("sealed secret is too short (" + raw.length + " bytes)");
        return raw;
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] iv, String associatedData) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        c.updateAAD(Objects.requireNonNull(associatedData, "associatedData").getBytes(StandardCharsets.UTF_8));
        return c;
    }

    private static IllegalArgumentException doesNotOpen(String keys) {
        return new IllegalArgumentException("sealed secret does not authenticate under " + keys + " (another key, another row, or changed)");
    }

    private static void requireKey(String name, byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException(name + " master key must be 32 bytes, was " + (key == null ? "null" : key.length));
        }
    }

    @Override
    public String toString() {
        return "KeyRing[current=" + currentId + ", previous=" + (previousId == null ? "none" : previousId) + "]";
    }
}
