package dev.yantra.round.port;

import java.util.List;
import java.util.UUID;

/** What the bet path needs to know about an operator. */
public record OperatorInfo(UUID id, String status, String walletCallbackUrl, List<String> allowedCurrencies) {
    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
