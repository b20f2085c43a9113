package dev.yantra.chaos;

import java.util.Arrays;
import java.util.Locale;

/**
 * A named mix of faults. The schedule itself ({@link FaultSchedule}) comes only from the scenario, the seed, the
 * duration and the number of nodes.
 */
public enum Scenario {
    /** A random node killed with SIGKILL every 20-40 s (restarted 1-4 s later), now and then a SIGTERM or a freeze. */
    KILL_STORM("kill-storm"),
    /** The wallet down for the middle 80 % of the run. */
    WALLET_OUTAGE("wallet-outage"),
    /** The wallet flapping: 2-8 s phases of down, 5xx, slow, lost answers and garbage between healthy phases. */
    WALLET_FLAP("wallet-flap"),
    /** PostgreSQL restarted every 30-60 s, down 1-5 s each time. */
    DB_RESTART("db-restart"),
    /**
     * Lottery plays by wallet and by card beside the bets: the banca down, slow, losing or duplicating webhooks, the
     * Stripe stand-in's webhooks delayed and reordered, and a node killed every 25-45 s.
     */
    LOTTERY_STORM("lottery-storm"),
    /** Everything above, interleaved, plus clock skew on a node and a connection-pool squeeze. */
    EVERYTHING("everything");

    private final String wireName;

    Scenario(String wireName) {
        this.wireName = wireName;
    }

    /** Whether the run needs the lottery hub's peers (the demo banca, the Stripe stand-in) and its plays. */
    public boolean lottery() {
        return this == LOTTERY_STORM || this == EVERYTHING;
    }

    public String wireName() {
        return wireName;
    }

    /** The scenario named {@code name} (its dashed name), or a clear error listing the known ones. */
    public static Scenario ofName(String name) {
        for (Scenario s : values()) {
            if (s.wireName.equals(name.toLowerCase(Locale.ROOT))) return s;
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(Scenario::wireName).toList()));
    }
}
