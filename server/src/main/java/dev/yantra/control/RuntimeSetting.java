package dev.yantra.control;

import dev.yantra.config.EnvVar;
import dev.yantra.config.EnvVars;
import dev.yantra.config.UsageException;
import java.util.Arrays;

/**
 * The settings an SRE may change at runtime without a restart (playbooks 5 and 6): stored in runtime_settings,
 * audited, applied by every node within a second. Each has a default, a range, and a validation message that
 * names the bad value; an unknown key is refused rather than stored and ignored.
 */
public enum RuntimeSetting {
    BREAKER_FAILURE_RATE_THRESHOLD("breaker.failureRateThreshold", -1, (int) EnvVars.BREAKER_FAILURE_RATE_PERCENT.min(), (int) EnvVars.BREAKER_FAILURE_RATE_PERCENT.max(), "percent of failed calls in the window that opens the breaker (default: BREAKER_FAILURE_RATE_PERCENT, else 50)"),
    BREAKER_SLIDING_WINDOW_SIZE("breaker.slidingWindowSize", EnvVars.BREAKER_WINDOW_CALLS, "calls in the breaker's window (default: BREAKER_WINDOW_CALLS, else 20)"),
    BREAKER_CONSECUTIVE_FAILURES("breaker.consecutiveFailures", EnvVars.BREAKER_CONSECUTIVE_FAILURES, "consecutive failures that open the breaker (default: BREAKER_CONSECUTIVE_FAILURES, else 5)"),
    BREAKER_OPEN_SECONDS("breaker.openSeconds", EnvVars.BREAKER_OPEN_SECONDS, "seconds the breaker stays open before a probe (default: BREAKER_OPEN_SECONDS, else 30)"),
    BREAKER_HALF_OPEN_PROBES("breaker.halfOpenProbes", EnvVars.BREAKER_HALF_OPEN_PROBES, "calls let through when half-open (default: BREAKER_HALF_OPEN_PROBES, else 1)"),
    JOBS_CONCURRENCY("jobs.concurrency", EnvVars.PENDING_JOB_CONCURRENCY, "wallet jobs in flight per node (default: PENDING_JOB_CONCURRENCY)"),
    JOBS_MAX_ATTEMPTS("jobs.maxAttempts", EnvVars.PENDING_JOB_MAX_ATTEMPTS, "attempts before a job is flagged for attention (default: PENDING_JOB_MAX_ATTEMPTS)"),
    DB_LOG_SQL("db.logSql", 0, 0, 1, "1 logs every SQL statement of this node (DB-exhaustion triage)");

    public final String key;
    public final int defaultValue;   // -1: the env var named in the description decides
    public final int min;
    public final int max;
    public final String description;

    /** A setting that overrides an environment variable: its range is the variable's, its default the variable's value. */
    RuntimeSetting(String key, EnvVar.Int overrides, String description) {
        this(key, -1, overrides.min(), overrides.max(), description);
    }

    RuntimeSetting(String key, int defaultValue, int min, int max, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.description = description;
    }

    public static RuntimeSetting of(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst()
                .orElseThrow(() -> new UsageException("unknown setting '" + key + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(s -> s.key).toList())));
    }

    /** The value used while the database has none: the env var named in the description, else the built-in default. */
    public int envDefault(dev.yantra.config.YantraEnv env, dev.yantra.breaker.BreakerSettings breakerEnv) {
        return switch (this) {
            case BREAKER_FAILURE_RATE_THRESHOLD -> Math.round(breakerEnv.failureRatePercent());
            case BREAKER_SLIDING_WINDOW_SIZE -> breakerEnv.slidingWindowCalls();
            case BREAKER_CONSECUTIVE_FAILURES -> breakerEnv.consecutiveFailures();
            case BREAKER_OPEN_SECONDS -> (int) breakerEnv.openDuration().toSeconds();
            case BREAKER_HALF_OPEN_PROBES -> breakerEnv.halfOpenProbes();
            case JOBS_CONCURRENCY -> env.pendingJobConcurrency();
            case JOBS_MAX_ATTEMPTS -> env.pendingJobMaxAttempts();
            case DB_LOG_SQL -> defaultValue;
        };
    }

    public int parse(String raw) {
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(key + " must be an integer, was '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new UsageException(key + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
