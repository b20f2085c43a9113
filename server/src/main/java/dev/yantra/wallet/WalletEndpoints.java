package dev.yantra.wallet;

import java.net.URI;
import java.util.UUID;

/** Where an operator's wallet lives: its walletCallbackUrl; the client appends /bet, /win, ... */
@FunctionalInterface
public interface WalletEndpoints {
    /** @throws dev.yantra.config.NotFoundException when the operator is unknown or has no callback URL */
    URI callbackUrl(UUID operatorId);
}
