package dev.yantra.wallet;

import dev.yantra.operator.CredentialStore;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-class adapter to the operator feature's credential store, remembering an operator's current outbound
 * key for at most one second: every bet and win signs with it, and a database read plus an AES-GCM open per
 * wallet call was a measurable share of a bet (yantra bench bets). A rotation or revocation, even by direct SQL,
 * still applies within the 1 s promise for operator settings; a lookup that fails is never remembered.
 */
public final class CredentialStoreOutbound implements OutboundCredentials {
    static final long TTL_NANOS = 1_000_000_000L;
    private record Cached(Credential credential, long readAtNanos) {
    }

    private final CredentialStore store;
    private final ConcurrentHashMap<UUID, Cached> cache = new ConcurrentHashMap<>();

    public CredentialStoreOutbound(CredentialStore store) {
        this.store = store;
    }

    @Override
    public Credential forOperator(UUID operatorId) {
        long now = System.nanoTime();
        Cached c = cache.get(operatorId);
        if (c != null && now - c.readAtNanos() < TTL_NANOS) return c.credential();
        CredentialStore.OutboundCredential read = store.currentOutbound(operatorId);
        Credential credential = new Credential(read.kid(), read.secret());
        if (cache.size() > 10_000) cache.clear();   // bounded; operators are few
        cache.put(operatorId, new Cached(credential, now));
        return credential;
    }
}
