package dev.yantra.wallet;

import java.util.UUID;

/** The key the wallet client signs an operator's calls with (its current OUTBOUND credential). */
@FunctionalInterface
public interface OutboundCredentials {
    record Credential(String kid, byte[] secret) {
        @Override
        public String toString() {
            return "Credential[kid=" + kid + "]";   // never the secret
        }
    }

    /** @throws dev.yantra.config.NotFoundException when the operator has no valid outbound credential */
    Credential forOperator(UUID operatorId);
}
