package dev.yantra.wallet.conformance;

/** The kit's cases, in the order they run, each with the name the report prints and what passing it proves. */
public enum ConformanceCase {
    BALANCE("balance", "the balance endpoint answers RS_OK with the player's balance and echoes the requestUuid"),
    SIGNATURE_REJECTED("signature_rejected",
            "a bet and a win signed with a wrong secret are refused (RS_ERROR_INVALID_SIGNATURE or HTTP 401/403) and move nothing"),
    BET("bet", "a bet answers RS_OK and debits exactly its stake"),
    BET_REPEATED("bet_repeated", "the same bet again (same requestUuid and transactionUuid) is accepted and debits nothing more"),
    WIN("win", "a win for that bet answers RS_OK and credits exactly its amount"),
    WIN_REPEATED("win_repeated", "the same win again is accepted and credits nothing more"),
    ROLLBACK("rollback", "a separate bet is debited and its rollback answers RS_OK and returns exactly the stake"),
    ROLLBACK_REPEATED("rollback_repeated", "the same rollback again is accepted and returns nothing more"),
    DUPLICATE_TRANSACTION("duplicate_transaction",
            "a new request reusing a bet's transactionUuid is answered as that bet (RS_OK or RS_ERROR_DUPLICATE_TRANSACTION) and moves nothing"),
    ROLLBACK_UNKNOWN("rollback_unknown",
            "a rollback of a bet the wallet never saw answers RS_ERROR_TRANSACTION_DOES_NOT_EXIST and moves nothing"),
    NOT_ENOUGH_MONEY("not_enough_money", "a bet above the balance answers RS_ERROR_NOT_ENOUGH_MONEY and moves nothing"),
    WRONG_CURRENCY("wrong_currency", "a bet in a currency the player does not hold answers RS_ERROR_WRONG_CURRENCY and moves nothing"),
    BALANCE_RESTORED("balance_restored", "the test player's balance ends where the kit found it"),
    ANSWER_TIME("answer_time", "every call of the run was answered within the timeout");

    private final String label;
    private final String proves;

    ConformanceCase(String label, String proves) {
        this.label = label;
        this.proves = proves;
    }

    /** The name in the report: lower case with underscores. */
    public String label() {
        return label;
    }

    public String proves() {
        return proves;
    }
}
