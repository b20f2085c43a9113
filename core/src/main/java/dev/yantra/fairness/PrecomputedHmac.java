package dev.yantra.fairness;

import java.security.DigestException;
import java.security.MessageDigest;

/**
 * HMAC-SHA256 (RFC 2104) for the simulator's hot loop, keyed once per block: the SHA-256 states after the
 * ipad and opad blocks are computed at {@link #init} and cloned per message, so each HMAC costs two compressions
 * instead of the JCE Mac's four (it re-hashes the opad and ipad blocks on every doFinal). Equality with
 * javax.crypto.Mac is tested against {@link KetapolaRng} and the test vectors. Not thread-safe: one per thread.
 */
final class PrecomputedHmac {

    private static final int BLOCK = 64;
    private final byte[] inner = new byte[32];
    private MessageDigest innerStart;
    private MessageDigest outerStart;

    /** Keys are the 64-byte seed text: exactly one block, so no pre-hashing of long keys is needed here. */
    void init(byte[] key) {
        if (key.length > BLOCK) {
            throw new IllegalArgumentException("key must be at most 64 bytes, was " + key.length);
        }
        byte[] ipad = new byte[BLOCK];
        byte[] opad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            ipad[i] = (byte) (k ^ 0x36);
            opad[i] = (byte) (k ^ 0x5c);
        }
        innerStart = Seeds.sha256();
        innerStart.update(ipad);
        outerStart = Seeds.sha256();
        outerStart.update(opad);
    }

    /** Writes HMAC(key, message[0..length)) into out[0..32). */
    void hmac(byte[] message, int length, byte[] out) {
        try {
            MessageDigest in = (MessageDigest) innerStart.clone();
            in.update(message, 0, length);
            in.digest(inner, 0, 32);
            MessageDigest outer = (MessageDigest) outerStart.clone();
            outer.update(inner, 0, 32);
            outer.digest(out, 0, 32);
        } catch (CloneNotSupportedException | DigestException e) {
            throw new IllegalStateException("SHA-256 state cannot be cloned in this JVM", e);
        }
    }
}
