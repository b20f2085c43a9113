package dev.yantra.wallet.protocol;

import java.util.Locale;

/** The four outbound wallet calls; {@link #name()} is what wallet_calls.endpoint stores. */
public enum WalletEndpoint {
    BALANCE, BET, WIN, ROLLBACK;

    /** Appended to the operator's walletCallbackUrl, and part of the signed path: "/bet". */
    public String path() {
        return "/" + metricLabel();
    }

    /** Lower case, as the wallet_call_* metrics and the playbooks write it: "bet". */
    public String metricLabel() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the call moves money and so carries a transactionUuid. */
    public boolean movesMoney() {
        return this != BALANCE;
    }
}
