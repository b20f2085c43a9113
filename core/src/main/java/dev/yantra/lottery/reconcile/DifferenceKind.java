package dev.yantra.lottery.reconcile;

/** Every way a play can differ from the banca's word or from the money; the report prints {@link #text}. */
public enum DifferenceKind {
    STILL_PENDING("still pending at us"),
    BANCA_ANSWER_UNREADABLE("the banca's answer could not be read"),
    NO_CONFIRMATION_FROM_BANCA("confirmed at us, but no confirmation from the banca is recorded"),
    BANCA_REJECTED_WE_CONFIRMED("confirmed at us, rejected by the banca"),
    TICKET_MISMATCH("the banca's ticket code differs from ours"),
    BANCA_CONFIRMED_WE_RELEASED("the banca confirmed a play whose money we released"),
    NO_REJECTION_FROM_BANCA("rejected at us, but no rejection from the banca is recorded"),
    DEBIT_MISMATCH("the wallet debit differs from the play's amount"),
    REFUND_MISSING("money released, but the wallet refund is missing or short"),
    REFUND_UNEXPECTED("a wallet refund for a play whose money is not released"),
    CARD_NOT_CAPTURED("confirmed card play not captured in full"),
    CARD_HOLD_EXPIRED_UNCAPTURED("the card hold expired before it was captured: a loss"),
    CARD_CAPTURED_NOT_REFUNDED("released card play captured and not refunded"),
    CARD_HOLD_NOT_RELEASED("released card play whose hold is still open");

    private final String text;

    DifferenceKind(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
