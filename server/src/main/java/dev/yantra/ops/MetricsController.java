package dev.yantra.ops;

import io.prometheus.metrics.core.metrics.Info;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** /metrics in Prometheus text format, plus build_info{version,commit,rng_version} = 1. */
@RestController
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

    @GetMapping("/metrics")
    public ResponseEntity<String> metrics() {
        return ResponseEntity.ok().contentType(PROMETHEUS_TEXT).body(registry.scrape());
    }
}
