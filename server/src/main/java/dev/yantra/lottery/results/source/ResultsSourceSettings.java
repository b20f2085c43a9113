package dev.yantra.lottery.results.source;

import dev.yantra.config.EnvVars;
import dev.yantra.config.UsageException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code RESULTS_SOURCE} (a file path or an http(s) URL; unset = no polling) and {@code RESULTS_POLL_SECONDS}
 * (default 60, 5..3600: {@link EnvVars#RESULTS_POLL_SECONDS}), read once;
 * a bad value stops start-up with a message naming the variable. A bean of this type (tests) wins over the env.
 */
public record ResultsSourceSettings(Optional<String> source, Duration pollEvery) {
    public static final int DEFAULT_POLL_SECONDS = EnvVars.RESULTS_POLL_SECONDS.defaultValue();
    public static final int MIN_POLL_SECONDS = EnvVars.RESULTS_POLL_SECONDS.min();
    public static final int MAX_POLL_SECONDS = EnvVars.RESULTS_POLL_SECONDS.max();

    public ResultsSourceSettings {
        source = source.map(String::trim).filter(s -> !s.isEmpty());
        source.ifPresent(ResultsSourceSettings::requireUsable);
    }

    public static ResultsSourceSettings fromEnv(Map<String, String> env) {
        return new ResultsSourceSettings(EnvVars.RESULTS_SOURCE.read(env),
                Duration.ofSeconds(EnvVars.RESULTS_POLL_SECONDS.read(env)));
    }

    private static void requireUsable(String source) {
        if (source.contains("://") && !ResultsSourceReader.isUrl(source)) {
            throw new UsageException("RESULTS_SOURCE must be a file path or an http(s) URL, was '" + source + "'");
        }
    }
}
