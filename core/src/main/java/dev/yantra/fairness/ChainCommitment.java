package dev.yantra.fairness;

import java.time.Instant;
import java.util.Objects;

/**
 * The public commitment of one hash chain: published before the chain's first
 * round. Round k of the chain uses serverSeed s_k, this clientSeed, and nonce k.
 */
public record ChainCommitment(String tableId, String chainId, String s0, String clientSeed, int length,
                              Instant createdAt) {

    public ChainCommitment {
        requireText("tableId", tableId);
        requireText("chainId", chainId);
        Seeds.requireSeedText("s0", s0);
        KetapolaRng.clientSeedBytes(clientSeed);
        if (length < 1 || length > HashChain.MAX_LENGTH) {
            throw new IllegalArgumentException("length must be in 1.." + HashChain.MAX_LENGTH + ", was " + length);
        }
        Objects.requireNonNull(createdAt, "createdAt must not be null");
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank() || value.length() > 128) {
            throw new IllegalArgumentException(name + " must be 1..128 non-blank chars, was " + Seeds.describe(value));
        }
    }
}
