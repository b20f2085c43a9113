package dev.yantra.round;

import dev.yantra.config.EnvVars;
import dev.yantra.config.UsageException;
import java.time.Duration;
import java.util.Map;

/**
 * {@code WIN_INLINE_BUDGET_MS}: how long settlement waits, in all, for the wallet to answer the round's WIN calls
 * before it hands the winners still unanswered to their durable WIN jobs (default {@value #DEFAULT_MS} ms, from
 * {@value #MIN_MS} to {@value #MAX_MS}). The table's next round never waits on the wallet longer than this, so a hung
 * wallet cannot stretch the table's cadence. A bad value stops start-up with a message naming the variable.
 */
public record InlineWinBudget(Duration value) {
    public static final String VARIABLE = "WIN_INLINE_BUDGET_MS";
    public static final int DEFAULT_MS = EnvVars.WIN_INLINE_BUDGET_MS.defaultValue();
    public static final int MIN_MS = EnvVars.WIN_INLINE_BUDGET_MS.min();
    public static final int MAX_MS = EnvVars.WIN_INLINE_BUDGET_MS.max();
    public static final InlineWinBudget DEFAULT = new InlineWinBudget(Duration.ofMillis(DEFAULT_MS));

    public InlineWinBudget {
        long ms = value.toMillis();
        if (ms < MIN_MS || ms > MAX_MS) {
            throw new UsageException(VARIABLE + " must be from " + MIN_MS + " to " + MAX_MS + " ms, was " + ms);
        }
    }

    public static InlineWinBudget fromEnv(Map<String, String> env) {
        return new InlineWinBudget(Duration.ofMillis(EnvVars.WIN_INLINE_BUDGET_MS.read(env)));
    }
}
