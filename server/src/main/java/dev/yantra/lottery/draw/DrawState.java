package dev.yantra.lottery.draw;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The states of a draw; legal moves are the {@link Transition} constants, applied by {@link DrawStore} as
 * {@code WHERE state = :from}. Results and settlement (CLOSED → RESULTED → SETTLED) are moved by the results
 * code; the scheduler opens and closes sales; an admin cancels any draw not yet SETTLED.
 */
public enum DrawState {
    SCHEDULED, OPEN, CLOSED, RESULTED, SETTLED, CANCELLED;

    public static final Set<DrawState> FINAL = EnumSet.of(SETTLED, CANCELLED);

    public enum Transition {
        OPEN_SALES(SCHEDULED, OPEN),
        CLOSE_SALES(OPEN, CLOSED),
        /** Its sales window passed while no scheduler ran: it never opened, so it holds no play. */
        CLOSE_UNOPENED(SCHEDULED, CLOSED),
        RESULT(CLOSED, RESULTED),
        SETTLE(RESULTED, SETTLED),
        CANCEL_SCHEDULED(SCHEDULED, CANCELLED),
        CANCEL_OPEN(OPEN, CANCELLED),
        CANCEL_CLOSED(CLOSED, CANCELLED),
        CANCEL_RESULTED(RESULTED, CANCELLED);

        public final DrawState from;
        public final DrawState to;

        Transition(DrawState from, DrawState to) {
            this.from = from;
            this.to = to;
        }

        /** The legal move from {@code from} to {@code to}, if there is one. */
        public static Optional<Transition> between(DrawState from, DrawState to) {
            for (Transition t : values()) {
                if (t.from == from && t.to == to) return Optional.of(t);
            }
            return Optional.empty();
        }
    }
}
