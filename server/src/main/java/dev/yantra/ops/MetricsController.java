package dev.yantra.ops;

import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;

import io.prometheus.metrics.core.metrics.Info;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** /metrics in Prometheus text format, plus build_info{version,commit,rng_version} = 1. */
@RestController
@Guarded(Surface.PUBLIC)
public class MetricsController {
    private static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain; version=0.0.4; charset=utf-8");
    private final PrometheusMeterRegistry registry;

    public MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
        BuildInfo b = BuildInfo.current();
        // An Info metric named "build" is exposed as build_info{...} 1 (Micrometer would strip the _info suffix).
        Info.builder().name("build").help("Always 1; the labels say which build this node runs")
                .labelNames("version", "commit", "rng_version")
                .register(registry.getPrometheusRegistry())
                .setLabelValues(b.version(), b.commit(), RngVersion.CURRENT);
    }

    /**
     * Streamed straight into the response: the text is ~300 kB with many operators, and building it as a String
     * first (then encoding it again) tripled the garbage per scrape, whose young-GC pauses were the scrape's p99.
     */
    @GetMapping("/metrics")
    public void metrics(HttpServletResponse response) throws IOException {
        response.setContentType(PROMETHEUS_TEXT.toString());
        try (OutputStream out = new BufferedOutputStream(response.getOutputStream(), 64 * 1024)) {
            registry.scrape(out);
        }
    }
}
