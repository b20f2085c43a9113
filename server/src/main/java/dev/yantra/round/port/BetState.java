package dev.yantra.round.port;

import java.util.EnumSet;
import java.util.Set;

/**
 * The bet state table: every state a bet's money can be in (docs/ARCHITECTURE.md, "The money path") and every legal
 * move between them, the {@link Transition} constants. It sits with the engine's ports because the wallet job queue
 * moves bets by the same table; {@code round.BetStore.move} applies a move with a guarded, row-counted UPDATE.
 */
public enum BetState {
    PENDING, ACCEPTED, REJECTED, UNCERTAIN, LOST, WIN_OWED, WON, REFUND_OWED, REFUNDED;

    public static final Set<BetState> FINAL = EnumSet.of(REJECTED, LOST, WON, REFUNDED);

    public enum Transition {
        /** Only through {@code round.BetStore.accept}: it checks, under a lock on the round, that the round still takes bets. */
        DEBITED(BetState.PENDING, BetState.ACCEPTED),
        /**
         * The wallet took the stake after the round stopped taking bets (its close time passed, or it was closed or
         * voided while the wallet call was in flight): the stake is owed back, with a ROLLBACK job.
         */
        DEBITED_TOO_LATE(BetState.PENDING, BetState.REFUND_OWED),
        REFUSED(BetState.PENDING, BetState.REJECTED),
        IN_DOUBT(BetState.PENDING, BetState.UNCERTAIN),
        LOSE(BetState.ACCEPTED, BetState.LOST),
        OWE_WIN(BetState.ACCEPTED, BetState.WIN_OWED),
        /** Demo play money: the win is credited to the session in the same transaction that settles it. */
        DEMO_WON(BetState.ACCEPTED, BetState.WON),
        CREDITED(BetState.WIN_OWED, BetState.WON),
        VOIDED(BetState.ACCEPTED, BetState.REFUND_OWED),
        /** Demo play money: the stake goes back to the session in the voiding transaction. */
        DEMO_REFUNDED(BetState.ACCEPTED, BetState.REFUNDED),
        ROLLED_BACK(BetState.UNCERTAIN, BetState.REFUNDED),
        NEVER_DEBITED(BetState.UNCERTAIN, BetState.REJECTED),
        REFUND(BetState.REFUND_OWED, BetState.REFUNDED);

        public final BetState from;
        public final BetState to;

        Transition(BetState from, BetState to) {
            this.from = from;
            this.to = to;
        }
    }
}
