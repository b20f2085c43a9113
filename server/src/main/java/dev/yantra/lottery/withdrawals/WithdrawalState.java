package dev.yantra.lottery.withdrawals;

import java.util.Locale;
import java.util.Optional;

/**
 * Withdrawal states (withdrawals.status, lowercase). The money leaves the balance when the withdrawal is
 * requested; {@link #REJECTED} is the only end that puts it back, {@link #PAID} the only one where it left Yantra.
 */
public enum WithdrawalState {
    REQUESTED, APPROVED, REJECTED, PAID;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WithdrawalState> fromWire(String s) {
        if (s == null) return Optional.empty();
        for (WithdrawalState w : values()) {
            if (w.wire().equals(s.trim().toLowerCase(Locale.ROOT))) return Optional.of(w);
        }
        return Optional.empty();
    }

    /**
     * Every allowed move. An approved withdrawal may still be rejected (the transfer bounced or was never made):
     * until it is recorded as paid the money is ours to return.
     */
    public enum Transition {
        APPROVE(REQUESTED, APPROVED, "approve"),
        REJECT_REQUESTED(REQUESTED, REJECTED, "reject"),
        REJECT_APPROVED(APPROVED, REJECTED, "reject"),
        PAY(APPROVED, PAID, "paid");

        public final WithdrawalState from;
        public final WithdrawalState to;
        /** The action's name in messages, the audit log (lottery.withdrawal.&lt;verb&gt;) and the CLI. */
        public final String verb;

        Transition(WithdrawalState from, WithdrawalState to, String verb) {
            this.from = from;
            this.to = to;
            this.verb = verb;
        }

        /** The move to {@code to} from {@code from}, if there is one. */
        public static Optional<Transition> of(WithdrawalState from, WithdrawalState to) {
            for (Transition t : values()) {
                if (t.from == from && t.to == to) return Optional.of(t);
            }
            return Optional.empty();
        }
    }
}
