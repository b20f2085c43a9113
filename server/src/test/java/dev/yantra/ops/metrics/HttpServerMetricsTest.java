package dev.yantra.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The node exposes http_server_requests_seconds, the series the 5xx-rate and API p95 alerts read. */
class HttpServerMetricsTest {

    @Test
    void answered_requests_are_counted_by_route_and_status_with_a_2_second_bucket() {
        try (TestServer s = TestServer.start()) {
            s.get("/health");
            s.get("/no/such/route/at/all");
            MetricsScrape m = MetricsScrape.parse(s.get("/metrics").body());
            assertThat(m.find("http_server_requests_seconds_count", "uri", "/health", "status", "200"))
                    .singleElement().satisfies(x -> assertThat(x.value()).isGreaterThanOrEqualTo(1));
            assertThat(m.find("http_server_requests_seconds_count", "status", "404")).isNotEmpty()
                    .allSatisfy(x -> assertThat(x.labels().get("uri")).doesNotContain("no/such"));
            assertThat(m.find("http_server_requests_seconds_bucket", "uri", "/health", "le", "2.0")).hasSize(1);
        }
    }
}
