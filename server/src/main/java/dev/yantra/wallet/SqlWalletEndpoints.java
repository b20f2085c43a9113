package dev.yantra.wallet;

import dev.yantra.config.NotFoundException;
import java.net.URI;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads operators.wallet_callback_url on every call: a primary-key read, so a change applies at once. */
public final class SqlWalletEndpoints implements WalletEndpoints {
    private final JdbcClient jdbc;

    public SqlWalletEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public URI callbackUrl(UUID operatorId) {
        String url = jdbc.sql("SELECT wallet_callback_url FROM operators WHERE id = ?").param(operatorId)
                .query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("operator " + operatorId + " does not exist"));
        if (url == null || url.isBlank()) throw new NotFoundException("operator " + operatorId + " has no wallet_callback_url");
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return URI.create(trimmed);
    }
}
