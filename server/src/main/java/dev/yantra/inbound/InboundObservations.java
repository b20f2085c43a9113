package dev.yantra.inbound;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Owns what the clock-skew and credential-leak playbooks read about inbound traffic: the metrics
 * (signature_rejections_total, inbound_requests_total, inbound_new_source_ip_total, clock_skew_seconds) and the
 * tables signature_rejections (aggregated per kind and minute, written in batches, bounded), inbound_source_ips and
 * inbound_kid_daily.
 */
@Component
public class InboundObservations {
    private static final Logger log = LoggerFactory.getLogger(InboundObservations.class);
    static final int KEEP_REJECTIONS_PER_OPERATOR = 10_000;
    private final JdbcClient jdbc;
    private final PrometheusMeterRegistry registry;
    private final Map<String, AtomicLong> skew = new ConcurrentHashMap<>();
    private final ScheduledExecutorService janitor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "signature-rejections-janitor");
        t.setDaemon(true);
        return t;
    });

    private final RejectionAggregator rejections;

    public InboundObservations(JdbcClient jdbc, PrometheusMeterRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.rejections = new RejectionAggregator(jdbc, registry);
        janitor.scheduleWithFixedDelay(this::trimQuietly, 1, 60, TimeUnit.SECONDS);
        janitor.scheduleWithFixedDelay(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /** Every reason a signature check can give; the series of each exist from start-up for every operator. */
    public static final List<String> REJECTION_REASONS = List.of("missing_signature_headers", "clock_skew_outside_window",
            "invalid_signature", "unknown_or_revoked_kid", "credential_not_yet_valid", "credential_expired", "operator_terminated");

    /**
     * Creates this operator's series at 0 before its first request, so rate() and increase() see the first
     * event and the clock-skew gauge exists (0 until a request says otherwise). Cheap to repeat: meters are
     * looked up, not recreated.
     */
    public void preRegister(UUID operatorId, Collection<String> inboundKids) {
        String op = operatorId.toString();
        for (String reason : REJECTION_REASONS) {
            registry.counter("signature_rejections", "signature_rejection_reason", reason, "operator", op);
        }
        for (String kid : inboundKids) registry.counter("inbound_requests", "operator", op, "kid", kid);
        registry.counter("inbound_new_source_ip", "operator", op);
        skewGauge(op);
    }

    /**
     * One rejection: the counter now, the row later — aggregated in memory with the others of its kind and minute and
     * written by {@link #flush()} (every second), so a flood of bad signatures costs a map update each, not an INSERT.
     * operatorId null when the kid names no operator.
     */
    void rejected(String reason, UUID operatorId, String kid, String method, String path, String sourceIp,
                  String offeredTimestamp, Instant ourTime, Long driftSeconds) {
        String op = operatorId == null ? "unknown" : operatorId.toString();
        registry.counter("signature_rejections", "signature_rejection_reason", reason, "operator", op).increment();
        if (operatorId != null && driftSeconds != null) skew(operatorId, driftSeconds);
        rejections.add(reason, operatorId, truncate(kid, 128), truncate(method, 16), truncate(path, 512), sourceIp,
                truncate(offeredTimestamp, 64), ourTime, driftSeconds);
    }

    /** A request refused before authentication because its source keeps failing: a counter, no row. */
    public void throttled(String sourceIp) {
        registry.counter("inbound_failed_auth_throttled").increment();
    }

    /** Writes the aggregated rejections now (the scheduler does it every second); returns how many rows it touched. */
    public int flush() {
        return rejections.flush();
    }

    /** A request whose signature checked out: counts it, remembers the source address, tells whether it is new. */
    void accepted(UUID operatorId, String kid, String sourceIp, long driftSeconds) {
        String op = operatorId.toString();
        registry.counter("inbound_requests", "operator", op, "kid", kid).increment();
        skew(operatorId, driftSeconds);
        Boolean inserted = jdbc.sql("""
                        WITH daily AS (
                          INSERT INTO inbound_kid_daily (kid, day, source_ip, operator_id)
                          VALUES (?, (now() AT TIME ZONE 'UTC')::date, ?, ?)
                          ON CONFLICT (kid, day, source_ip)
                          DO UPDATE SET request_count = inbound_kid_daily.request_count + 1, last_seen_at = now()
                        )
                        INSERT INTO inbound_source_ips (operator_id, source_ip) VALUES (?, ?)
                        ON CONFLICT (operator_id, source_ip)
                        DO UPDATE SET last_seen_at = now(), request_count = inbound_source_ips.request_count + 1
                        RETURNING (xmax = 0) AS inserted""")
                .params(kid, sourceIp, operatorId, operatorId, sourceIp)
                .query(Boolean.class).single();
        if (Boolean.TRUE.equals(inserted)) {
            registry.counter("inbound_new_source_ip", "operator", op).increment();
            log.info("operator {} used from a new source address {} (kid {})", op, sourceIp, kid);
        }
    }

    /** 403/429 after a valid signature: not a signature rejection, but counted so a dashboard sees it. */
    void refused(String reason, UUID operatorId) {
        registry.counter("inbound_refusals", "reason", reason, "operator", operatorId.toString()).increment();
    }

    private void skew(UUID operatorId, long driftSeconds) {
        skewGauge(operatorId.toString()).set(driftSeconds);
    }

    private AtomicLong skewGauge(String operator) {
        return skew.computeIfAbsent(operator, op -> {
            AtomicLong v = new AtomicLong();
            registry.gauge("clock_skew_seconds", Tags.of("operator", op), v, AtomicLong::doubleValue);
            return v;
        });
    }

    /** Keeps the newest rows per operator (null = unknown kids counts as one group). */
    public int trim() {
        return jdbc.sql("""
                        DELETE FROM signature_rejections s USING (
                          SELECT id FROM (
                            SELECT id, row_number() OVER (PARTITION BY operator_id ORDER BY id DESC) AS rn FROM signature_rejections
                          ) ranked WHERE rn > ?
                        ) old WHERE s.id = old.id""")
                .param(KEEP_REJECTIONS_PER_OPERATOR).update();
    }

    private void trimQuietly() {
        try {
            int n = trim();
            if (n > 0) log.info("trimmed {} old signature_rejections rows", n);
        } catch (RuntimeException e) {
            log.warn("signature_rejections trim failed: {}", e.getMessage());
        }
    }

    private void flushQuietly() {
        try {
            rejections.flush();
        } catch (RuntimeException e) {
            log.warn("signature_rejections flush failed (kept for the next one): {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        janitor.shutdownNow();
        flushQuietly();  // what the last second refused is evidence too
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
