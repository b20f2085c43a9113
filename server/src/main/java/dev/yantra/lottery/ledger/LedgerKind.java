package dev.yantra.lottery.ledger;

import java.util.Locale;

/** The kinds of player-ledger movement; stored lowercase. The sign of the amount follows from the kind. */
public enum LedgerKind {
    DEPOSIT(Sign.CREDIT), PLAY_DEBIT(Sign.DEBIT), PRIZE_CREDIT(Sign.CREDIT), REFUND(Sign.CREDIT),
    WITHDRAWAL(Sign.DEBIT), ADJUSTMENT(Sign.EITHER),
    /** The tax withheld from a prize, written with the prize credit it nets (PlayerLedger.withholdTax). */
    TAX_WITHHOLDING(Sign.DEBIT),
    /** A rejected withdrawal's money returned to the wallet. */
    WITHDRAWAL_REVERSAL(Sign.CREDIT);

    enum Sign { CREDIT, DEBIT, EITHER }

    private final Sign sign;

    LedgerKind(Sign sign) {
        this.sign = sign;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LedgerKind fromWire(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }

    boolean credits() {
        return sign == Sign.CREDIT;
    }

    boolean debits() {
        return sign == Sign.DEBIT;
    }
}
