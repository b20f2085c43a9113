package dev.yantra.wallet;

import dev.yantra.operator.CredentialStore;
import java.util.UUID;

/** The one-class adapter to the operator feature's credential store. */
public final class CredentialStoreOutbound implements OutboundCredentials {
    private final CredentialStore store;

    public CredentialStoreOutbound(CredentialStore store) {
        this.store = store;
    }

    @Override
    public Credential forOperator(UUID operatorId) {
        CredentialStore.OutboundCredential c = store.currentOutbound(operatorId);
        return new Credential(c.kid(), c.secret());
    }
}
