package dev.yantra.signing;

/**
 * Secrets at rest: sealed under the master key ring ({@link KeyRing}: AES-256-GCM, the text names the key it was
 * sealed under). The associated data binds a ciphertext to its row (e.g. the kid), so a ciphertext copied onto
 * another credential row fails to decrypt instead of silently becoming that credential's secret.
 */
public final class SecretBox {
    private final KeyRing ring;

    public SecretBox(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException("master key must be 32 bytes, was " + (masterKey == null ? "null" : masterKey.length));
        }
        this.ring = KeyRing.of(masterKey);
    }

    public SecretBox(KeyRing ring) {
        this.ring = java.util.Objects.requireNonNull(ring, "ring");
    }

    public KeyRing ring() {
        return ring;
    }

    public String seal(byte[] plaintext, String associatedData) {
        return ring.seal(plaintext, associatedData);
    }

    public byte[] open(String sealed, String associatedData) {
        try {
            return ring.open(sealed, associatedData);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secret does not decrypt: " + e.getMessage() + " (wrong YANTRA_MASTER_KEY?)", e);
        }
    }
}
