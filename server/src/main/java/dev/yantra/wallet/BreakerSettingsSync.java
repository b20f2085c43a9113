package dev.yantra.wallet;

import dev.yantra.breaker.BreakerSettings;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.control.ControlPlane;
import dev.yantra.control.ControlSnapshot;
import dev.yantra.control.RuntimeSetting;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the runtime settings {@code breaker.*} ({@code yantra settings set}, stored in runtime_settings and
 * re-read by every node every 500 ms) to this node's operator breakers, without a restart. A setting that is
 * not in the database falls back to {@code base}: the BREAKER_* environment of this node, else the defaults.
 */
public final class BreakerSettingsSync {
    private static final Logger log = LoggerFactory.getLogger(BreakerSettingsSync.class);
    private final CounterpartyBreakers breakers;
    private final BreakerSettings base;

    public BreakerSettingsSync(CounterpartyBreakers breakers, BreakerSettings base, ControlPlane control) {
        this.breakers = breakers;
        this.base = base;
        control.onChange(this::apply);
    }

    void apply(ControlSnapshot snapshot) {
        BreakerSettings wanted;
        try {
            wanted = wanted(snapshot, base);
        } catch (IllegalArgumentException e) {
            // cannot happen with values that passed RuntimeSetting's ranges; a node keeps its breakers rather than fail
            log.error("ignoring breaker settings: {}", e.getMessage());
            return;
        }
        breakers.apply(wanted);
    }

    /** Each breaker.* setting from the snapshot, or from {@code base} where the database has none (or a bad one). */
    static BreakerSettings wanted(ControlSnapshot s, BreakerSettings base) {
        // rate and open time are kept from base when unset: base may be finer than whole percents or seconds (tests)
        return new BreakerSettings(
                stored(s, RuntimeSetting.BREAKER_FAILURE_RATE_THRESHOLD) ? s.setting(RuntimeSetting.BREAKER_FAILURE_RATE_THRESHOLD, 0)
                        : base.failureRatePercent(),
                s.setting(RuntimeSetting.BREAKER_SLIDING_WINDOW_SIZE, base.slidingWindowCalls()),
                s.setting(RuntimeSetting.BREAKER_CONSECUTIVE_FAILURES, base.consecutiveFailures()),
                stored(s, RuntimeSetting.BREAKER_OPEN_SECONDS) ? Duration.ofSeconds(s.setting(RuntimeSetting.BREAKER_OPEN_SECONDS, 0))
                        : base.openDuration(),
                s.setting(RuntimeSetting.BREAKER_HALF_OPEN_PROBES, base.halfOpenProbes()));
    }

    private static boolean stored(ControlSnapshot s, RuntimeSetting setting) {
        String raw = s.settings().get(setting.key);
        if (raw == null) return false;
        try {
            setting.parse(raw);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
