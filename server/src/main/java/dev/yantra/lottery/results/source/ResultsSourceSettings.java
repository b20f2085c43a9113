package dev.yantra.lottery.results.source;

import dev.yantra.config.UsageException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code RESULTS_SOURCE} (a file path or an http(s) URL; unset = no polling) and {@code RESULTS_POLL_SECONDS}
 * (default {@value #DEFAULT_POLL_SECONDS}, {@value #MIN_POLL_SECONDS}..{@value #MAX_POLL_SECONDS}), read once;
 * a bad value stops start-up with a message naming the variable. A bean of this type (tests) wins over the env.
 */
public record ResultsSourceSettings(Optional<String> source, Duration pollEvery) {
    public static final int DEFAULT_POLL_SECONDS = 60;
    public static final int MIN_POLL_SECONDS = 5;
    public static final int MAX_POLL_SECONDS = 3_600;

    public ResultsSourceSettings {
        source = source.map(String::trim).filter(s -> !s.isEmpty());
        source.ifPresent(ResultsSourceSettings::requireUsable);
    }

    public static ResultsSourceSettings fromEnv(Map<String, String> env) {
        String raw = env.get("RESULTS_POLL_SECONDS");
        int seconds = DEFAULT_POLL_SECONDS;
        if (raw != null && !raw.isBlank()) {
            try {
                seconds = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < MIN_POLL_SECONDS || seconds > MAX_POLL_SECONDS) {
                throw new UsageException("RESULTS_POLL_SECONDS must be a whole number of seconds from " + MIN_POLL_SECONDS
                        + " to " + MAX_POLL_SECONDS + ", was '" + raw + "'");
            }
        }
        return new ResultsSourceSettings(Optional.ofNullable(env.get("RESULTS_SOURCE")), Duration.ofSeconds(seconds));
    }

    private static void requireUsable(String source) {
        if (source.contains("://") && !ResultsSourceReader.isUrl(source)) {
            throw new UsageException("RESULTS_SOURCE must be a file path or an http(s) URL, was '" + source + "'");
        }
    }
}
