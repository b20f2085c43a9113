package dev.yantra.server;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * {@code http_server_requests_seconds{method,uri,status,outcome,exception}}: every HTTP request the node answers,
 * timed by Spring's own observation filter (the node runs without Actuator, which would otherwise install it).
 * {@code uri} is the matched route pattern, never the raw path, so ids do not multiply the series. A histogram
 * whose buckets include 2 s, the API p95 alert's threshold.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HttpServerMetrics extends ServerHttpObservationFilter {
    static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    public HttpServerMetrics(PrometheusMeterRegistry registry) {
        super(observations(registry));
    }

    /**
     * The buckets, set where the registry is created (ServerLauncher): Micrometer wants its filters configured
     * before any meter is registered.
     */
    public static void histogramBuckets(PrometheusMeterRegistry registry) {
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) return config;
                return DistributionStatisticConfig.builder().serviceLevelObjectives(
                        java.util.Arrays.stream(BUCKETS).mapToDouble(Duration::toNanos).toArray()).build().merge(config);
            }
        });
    }

    private static ObservationRegistry observations(PrometheusMeterRegistry registry) {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
        return observations;
    }
}
