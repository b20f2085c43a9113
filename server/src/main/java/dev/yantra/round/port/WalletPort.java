package dev.yantra.round.port;

import java.util.UUID;

/** Signed calls to an operator's wallet; every call is journaled in wallet_calls by the implementation. */
public interface WalletPort {
    record Call(UUID operatorId, String playerRef, String currency, String gameCode, UUID roundId, UUID betId,
                UUID requestUuid, UUID transactionUuid, UUID referenceTransactionUuid, long amountMicro) {
    }

    /**
     * The requestUuid of every try of one WIN — the inline call at settlement and each try of its WIN job, on any
     * node, also after a crash — derived from the win's transactionUuid: docs/wallet-api.md, section 5, retries a win "with the
     * same requestUuid and transactionUuid", and a wallet that deduplicates by requestUuid must see one request.
     */
    static UUID winRequestUuid(UUID winTransactionUuid) {
        return UUID.nameUUIDFromBytes(("yantra:win-request:" + winTransactionUuid)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    WalletReply bet(Call call);

    /**
     * A journal row as one INSERT with positional parameters, which the caller runs as a CTE of its own statement
     * ({@code WITH journal AS (<insertSql>) UPDATE ...}): the row and the caller's write commit together.
     */
    record JournalRow(String insertSql, java.util.List<Object> params) {
    }

    /**
     * A BET answer whose wallet_calls row is not written yet. The caller either runs {@code row} inside a statement
     * of its own or, when there is no row to run or that statement failed, {@code journalOrLog} (a row it cannot
     * write is logged whole, as every call's is). Exactly one of them, once.
     */
    record Answered(WalletReply reply, java.util.Optional<JournalRow> row, Runnable journalOrLog) {
    }

    /**
     * {@link #bet}, leaving the journal row to the caller, so the row and the bet's ACCEPTED move commit together in
     * one statement: one commit per bet instead of two. The default journals at once (no row left to the caller).
     */
    default Answered betJournalLater(Call call) {
        WalletReply reply = bet(call);
        return new Answered(reply, java.util.Optional.empty(), () -> { });
    }

    /**
     * Credits a win, waiting at most {@code within} for the answer (never longer than WALLET_CALL_TIMEOUT_MS): no
     * answer in time is UNKNOWN, and the caller hands the win to its durable job, which retries with the same ids.
     */
    WalletReply win(Call call, java.time.Duration within);

    /** Rolls back the BET referenceTransactionUuid; DONE also for ALREADY_ROLLED_BACK, REJECTED for DOES_NOT_EXIST. */
    WalletReply rollback(Call call);

    /** Balance of a player; amountMicro and transaction ids of the call are ignored. */
    WalletReply balance(Call call);
}
