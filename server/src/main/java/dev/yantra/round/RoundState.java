package dev.yantra.round;

import java.util.EnumSet;
import java.util.Set;

/** Round states (rounds.state). Legal moves are listed in {@link Transition}; nothing else is ever written. */
public enum RoundState {
    BETTING_OPEN, ROLLING, RESULT, SETTLED, VOIDED;

    public static final Set<RoundState> IN_FLIGHT = EnumSet.of(BETTING_OPEN, ROLLING, RESULT);

    public boolean inFlight() {
        return IN_FLIGHT.contains(this);
    }

    /** Every allowed (from, to) pair. A round is voided only while no outcome has been paid out. */
    public enum Transition {
        CLOSE_BETTING(BETTING_OPEN, ROLLING),
        ROLL(ROLLING, RESULT),
        SETTLE(RESULT, SETTLED),
        VOID_OPEN(BETTING_OPEN, VOIDED),
        VOID_ROLLING(ROLLING, VOIDED);

        public final RoundState from;
        public final RoundState to;

        Transition(RoundState from, RoundState to) {
            this.from = from;
            this.to = to;
        }

        public static Transition of(RoundState from, RoundState to) {
            for (Transition t : values()) {
                if (t.from == from && t.to == to) return t;
            }
            throw new IllegalStateException("illegal round transition " + from + " -> " + to);
        }
    }
}
