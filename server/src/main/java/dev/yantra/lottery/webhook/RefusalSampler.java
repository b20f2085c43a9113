package dev.yantra.lottery.webhook;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps a sample of refused webhooks so an operator can see what was sent, at most {@link #PER_SECOND} rows a
 * second per node: every refusal is counted in metrics, but a flood of forged requests cannot fill the database.
 */
final class RefusalSampler {
    static final int PER_SECOND = 5;
    private static final int MAX_HEADERS_CHARS = 1000;
    private static final int MAX_BODY_CHARS = 500;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicLong second = new AtomicLong();
    private final AtomicInteger taken = new AtomicInteger();

    RefusalSampler(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void sample(String source, String reason, String sourceIp, String headers, byte[] body) {
        long now = clock.millis() / 1000;
        if (second.getAndSet(now) != now) taken.set(0);
        if (taken.incrementAndGet() > PER_SECOND) return;
        String text = body == null ? null : new String(body, 0, Math.min(body.length, MAX_BODY_CHARS), java.nio.charset.StandardCharsets.UTF_8);
        try {
            jdbc.sql("INSERT INTO webhook_refusals (source, reason, source_ip, headers, body_prefix) VALUES (?, ?, ?, ?, ?)")
                    .params(source, reason, sourceIp, headers == null || headers.length() <= MAX_HEADERS_CHARS ? headers
                            : headers.substring(0, MAX_HEADERS_CHARS), text)
                    .update();
        } catch (RuntimeException e) {
            // a sample is a convenience; the refusal itself has been answered and counted
        }
    }
}
