package dev.yantra.counterparty;

/** A secret we sign with and the id the counterparty knows it by (an operator kid, a banca credential id). */
public record SigningKey(String keyId, byte[] secret) {
    public SigningKey {
        if (keyId == null || keyId.isBlank()) throw new IllegalArgumentException("keyId must not be blank");
        if (secret == null || secret.length == 0) throw new IllegalArgumentException("secret must not be empty");
    }

    @Override
    public String toString() {
        return "SigningKey[keyId=" + keyId + "]";   // never the secret
    }
}
