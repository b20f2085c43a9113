package dev.yantra.breaker;

import dev.yantra.config.NodeClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Resilience4j circuit breaker per counterparty (an operator's wallet today, a lottery shop later), keyed by
 * the counterparty's id. Callers classify outcomes themselves ({@link #record}); only failures of the
 * counterparty (no answer, garbage, its own errors) count, never business answers.
 *
 * <p>Besides Resilience4j's failure rate over a count window, {@code consecutiveFailures} in a row open the
 * breaker at once, so a wallet that goes down under light traffic is noticed after 5 calls, not 20.
 *
 * <p>Per node: each node has its own breakers fed by its own calls (docs/breakers.md). Forced states are
 * per node too. Thresholds change at runtime through {@link #apply} (runtime settings, every node within a
 * second), keeping each breaker's state.
 *
 * <p>Metrics: {@code circuit_breaker_state{<label>}} 0 closed, 1 open, 0.5 half-open (forced open 1, forced
 * closed 0) and {@code circuit_breaker_forced{<label>}}. Logs: {@code circuit_breaker_opened} /
 * {@code circuit_breaker_closed} with the id under {@code <logKey>}.
 */
public final class CounterpartyBreakers {
    private static final Logger log = LoggerFactory.getLogger(CounterpartyBreakers.class);

    public enum Mode { AUTO, FORCE_OPEN, FORCE_CLOSED }

    public enum State { CLOSED, OPEN, HALF_OPEN, FORCED_OPEN, FORCED_CLOSED }

    public record Snapshot(String id, State state, float failureRatePercent, int bufferedCalls, int failedCalls,
                           int consecutiveFailures) {
        public Map<String, Object> toJson(String idField) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(idField, id);
            m.put("state", state.name());
            m.put("forced", state == State.FORCED_OPEN || state == State.FORCED_CLOSED);
            m.put("failureRatePercent", failureRatePercent < 0 ? null : failureRatePercent);
            m.put("bufferedCalls", bufferedCalls);
            m.put("failedCalls", failedCalls);
            m.put("consecutiveFailures", consecutiveFailures);
            return m;
        }
    }

    private final String metricPrefix;
    private final String metricLabel;
    private final String logKey;
    private final MeterRegistry meters;
    private volatile BreakerSettings settings;
    private volatile CircuitBreakerConfig config;
    /** The live breaker of each id; {@link #apply} replaces entries, so always look a breaker up, never keep it. */
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    /** When each breaker last went OPEN, so a swap can keep it open for (the new) openSeconds from that moment. */
    private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> consecutive = new ConcurrentHashMap<>();
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    /**
     * Readers: everything that changes a breaker's state (record, force, creating one). Writer: {@link #apply},
     * so a swap never copies a state that a concurrent call is just changing (e.g. CLOSED while it opens).
     */
    private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();
    private final java.util.List<TransitionListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Told of every state change of every breaker (e.g. to keep them in breaker_transitions). */
    @FunctionalInterface
    public interface TransitionListener {
        void transitioned(String id, State from, State to);
    }

    public void onTransition(TransitionListener l) {
        listeners.add(l);
    }

    /**
     * @param metricLabel label of the metrics ("operator")
     * @param logKey      key of the id in transition logs ("operatorId")
     */
    public CounterpartyBreakers(String metricLabel, String logKey, BreakerSettings settings, MeterRegistry meters) {
        this("", metricLabel, logKey, settings, meters);
    }

    /**
     * @param metricPrefix prepended to the metric names, so a second kind of counterparty gets its own series
     *                     ({@code banca_circuit_breaker_state{banca}}): one metric name cannot carry two label sets
     */
    public CounterpartyBreakers(String metricPrefix, String metricLabel, String logKey, BreakerSettings settings, MeterRegistry meters) {
        if (!metricPrefix.matches("([a-z][a-z0-9]*_)?")) throw new IllegalArgumentException("bad metric prefix " + metricPrefix);
        this.metricPrefix = metricPrefix;
        this.metricLabel = metricLabel;
        this.logKey = logKey;
        this.meters = meters;
        this.settings = settings;
        this.config = configOf(settings);
    }

    private static CircuitBreakerConfig configOf(BreakerSettings s) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(s.slidingWindowCalls())
                .minimumNumberOfCalls(s.slidingWindowCalls())
                .failureRateThreshold(s.failureRatePercent())
                .waitDurationInOpenState(s.openDuration())
                .permittedNumberOfCallsInHalfOpenState(s.halfOpenProbes())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .writableStackTraceEnabled(false)
                .build();
    }

    /**
     * New thresholds for every breaker, now and for those created later (runtime settings, docs/breakers.md).
     * A Resilience4j config is fixed per breaker, so each breaker is replaced by one with the new config that
     * starts in the old one's state: OPEN stays OPEN (until it has been open for the new openSeconds, counted
     * from when it opened), HALF_OPEN stays HALF_OPEN with the new probe count, forced states stay forced,
     * CLOSED stays CLOSED. The failure-rate window starts empty; the consecutive-failure count carries over and
     * is compared with the new threshold at the next failure. The swap itself is not a transition: nothing is
     * logged or written to breaker_transitions for it.
     *
     * @return true when something changed
     */
    public boolean apply(BreakerSettings next) {
        if (next.equals(settings)) return false;
        BreakerSettings before;
        swapLock.writeLock().lock();
        try {
            before = settings;
            settings = next;
            config = configOf(next);
            breakers.replaceAll((id, old) -> carryOver(id, old, next));
        } finally {
            swapLock.writeLock().unlock();
        }
        log.atWarn().addKeyValue("from", before).addKeyValue("to", next)
                .log("circuit_breaker_settings_changed from={} to={}", before, next);
        return true;
    }

    private CircuitBreaker carryOver(String id, CircuitBreaker old, BreakerSettings next) {
        CircuitBreaker fresh = CircuitBreaker.of(id, config);
        switch (old.getState()) {
            case OPEN -> {
                Instant opened = openedAt.getOrDefault(id, NodeClock.system().instant());
                Instant until = opened.plus(next.openDuration());
                Instant soonest = NodeClock.system().instant().plusMillis(1);
                fresh.transitionToOpenStateUntil(until.isBefore(soonest) ? soonest : until);
            }
            case HALF_OPEN -> {
                fresh.transitionToOpenState();  // Resilience4j allows HALF_OPEN only from OPEN
                fresh.transitionToHalfOpenState();
            }
            case FORCED_OPEN -> fresh.transitionToForcedOpenState();
            case DISABLED -> fresh.transitionToDisabledState();
            case METRICS_ONLY -> fresh.transitionToMetricsOnlyState();
            case CLOSED -> { }
        }
        listen(fresh);  // only now: the copy above is not a transition
        return fresh;
    }

    public BreakerSettings settings() {
        return settings;
    }

    /** Cheap and non-consuming: false while OPEN or forced open. The bet path rejects at once on false. */
    public boolean allows(String id) {
        CircuitBreaker.State s = breaker(id).getState();
        return s != CircuitBreaker.State.OPEN && s != CircuitBreaker.State.FORCED_OPEN;
    }

    /** The bet path's question for an operator: may a bet be sent to its wallet now? */
    public boolean allows(java.util.UUID operatorId) {
        return allows(operatorId.toString());
    }

    /**
     * Takes a permission for one call (in HALF_OPEN only {@code halfOpenProbes} get one). Every true must be
     * followed by {@link #record} or {@link #release}.
     */
    public boolean tryAcquire(String id) {
        // a permission taken on a breaker that a swap replaces is answered (record/release) on its successor
        return breaker(id).tryAcquirePermission();
    }

    public void release(String id) {
        breaker(id).releasePermission();
    }

    /** The classified outcome of a call made under {@link #tryAcquire}. */
    public void record(String id, boolean failure, long latencyMs) {
        swapLock.readLock().lock();
        try {
            CircuitBreaker cb = breaker(id);
            AtomicInteger inARow = consecutive.computeIfAbsent(id, k -> new AtomicInteger());
            if (failure) {
                cb.onError(latencyMs, TimeUnit.MILLISECONDS, CounterpartyFailure.INSTANCE);
                if (inARow.incrementAndGet() >= settings.consecutiveFailures() && cb.getState() == CircuitBreaker.State.CLOSED) {
                    cb.transitionToOpenState();
                }
            } else {
                cb.onSuccess(latencyMs, TimeUnit.MILLISECONDS);
                inARow.set(0);
            }
        } finally {
            swapLock.readLock().unlock();
        }
    }

    /** Creates the id's breaker (CLOSED) and its gauges if it has none yet: dashboards see a quiet counterparty too. */
    public void track(String id) {
        breaker(id);
    }

    public State state(String id) {
        return map(breaker(id).getState());
    }

    private static State map(CircuitBreaker.State s) {
        return switch (s) {
            case CLOSED, METRICS_ONLY -> State.CLOSED;
            case OPEN -> State.OPEN;
            case HALF_OPEN -> State.HALF_OPEN;
            case FORCED_OPEN -> State.FORCED_OPEN;
            case DISABLED -> State.FORCED_CLOSED;
        };
    }

    /** Forced states hold until set back to AUTO (which starts CLOSED with a fresh window). */
    public void force(String id, Mode mode) {
        swapLock.readLock().lock();
        try {
            CircuitBreaker cb = breaker(id);
            switch (mode) {
                case FORCE_OPEN -> cb.transitionToForcedOpenState();
                case FORCE_CLOSED -> cb.transitionToDisabledState();
                case AUTO -> cb.transitionToClosedState();
            }
        } finally {
            swapLock.readLock().unlock();
        }
        log.atWarn().addKeyValue(logKey, id).addKeyValue("mode", mode.name())
                .log("circuit_breaker_forced {}={} mode={}", logKey, id, mode);
    }

    /** Ids whose breaker is open or forced open now: the job runner leaves their work for later. */
    public List<String> blocked() {
        List<String> out = new ArrayList<>();
        for (CircuitBreaker cb : breakers.values()) {
            CircuitBreaker.State s = cb.getState();
            if (s == CircuitBreaker.State.OPEN || s == CircuitBreaker.State.FORCED_OPEN) out.add(cb.getName());
        }
        return out;
    }

    public List<Snapshot> snapshot() {
        List<Snapshot> out = new ArrayList<>();
        for (CircuitBreaker cb : breakers.values()) {
            CircuitBreaker.Metrics m = cb.getMetrics();
            AtomicInteger c = consecutive.get(cb.getName());
            out.add(new Snapshot(cb.getName(), state(cb.getName()), m.getFailureRate(), m.getNumberOfBufferedCalls(),
                    m.getNumberOfFailedCalls(), c == null ? 0 : c.get()));
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    public Duration openDuration() {
        return settings.openDuration();
    }

    private CircuitBreaker breaker(String id) {
        CircuitBreaker cb = breakers.get(id);
        if (cb != null) return cb;
        // created under the read lock, so a concurrent swap cannot leave it with the old config
        swapLock.readLock().lock();
        try {
            cb = breakers.computeIfAbsent(id, k -> {
                CircuitBreaker created = CircuitBreaker.of(k, config);
                listen(created);
                return created;
            });
        } finally {
            swapLock.readLock().unlock();
        }
        if (gauged.add(id)) registerGauges(id);
        return cb;
    }

    private void listen(CircuitBreaker cb) {
        String id = cb.getName();
        cb.getEventPublisher().onStateTransition(e -> {
            // a replaced breaker may still fire its scheduled OPEN -> HALF_OPEN: only the live one speaks
            if (breakers.get(id) != cb) return;
            CircuitBreaker.State to = e.getStateTransition().getToState();
            CircuitBreaker.State from = e.getStateTransition().getFromState();
            if (to == CircuitBreaker.State.OPEN) openedAt.put(id, NodeClock.system().instant());
            AtomicInteger c = consecutive.get(id);
            if (c != null) c.set(0);
            String event = switch (to) {
                case OPEN, FORCED_OPEN -> "circuit_breaker_opened";
                case CLOSED, DISABLED -> "circuit_breaker_closed";
                case HALF_OPEN -> "circuit_breaker_half_open";
                case METRICS_ONLY -> "circuit_breaker_metrics_only";
            };
            log.atWarn().addKeyValue(logKey, id).addKeyValue("from", from.name()).addKeyValue("to", to.name())
                    .log("{} {}={} from={} to={}", event, logKey, id, from, to);
            for (TransitionListener l : listeners) {
                try {
                    l.transitioned(id, map(from), map(to));
                } catch (RuntimeException ex) {
                    log.warn("breaker transition listener failed: {}", ex.toString());
                }
            }
        });
    }

    /** The gauges read whichever breaker is live for the id, so they follow a swap. */
    private void registerGauges(String id) {
        Gauge.builder(metricPrefix + "circuit_breaker_state", breakers, m -> switch (m.get(id).getState()) {
                    case OPEN, FORCED_OPEN -> 1.0;
                    case HALF_OPEN -> 0.5;
                    default -> 0.0;
                })
                .description("0 closed, 1 open, 0.5 half-open").tag(metricLabel, id).strongReference(true).register(meters);
        Gauge.builder(metricPrefix + "circuit_breaker_forced", breakers, m -> m.get(id).getState() == CircuitBreaker.State.FORCED_OPEN
                        || m.get(id).getState() == CircuitBreaker.State.DISABLED ? 1.0 : 0.0)
                .description("1 while the breaker is forced open or closed").tag(metricLabel, id).strongReference(true).register(meters);
    }

    /** The throwable Resilience4j wants for onError; classification already happened, so no stack trace. */
    static final class CounterpartyFailure extends RuntimeException {
        static final CounterpartyFailure INSTANCE = new CounterpartyFailure();

        private CounterpartyFailure() {
            super("counterparty failure", null, false, false);
        }
    }
}
