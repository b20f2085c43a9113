package dev.yantra.ops.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One immutable set of gauge families, built by a refresh and swapped in whole, so a scrape never sees half of
 * a refresh and a series that is not in the latest refresh is simply gone (no stale label sets to remove).
 */
public final class GaugeFamilies {
    public static final GaugeFamilies EMPTY = new GaugeFamilies(Map.of(), Map.of());

    private final Map<String, String> help;
    private final Map<String, Map<Labels, Double>> values;

    private GaugeFamilies(Map<String, String> help, Map<String, Map<Labels, Double>> values) {
        this.help = help;
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The value of one series, or null when it is absent (for tests and the benchmark). */
    public Double value(String name, Labels labels) {
        Map<Labels, Double> family = values.get(name);
        return family == null ? null : family.get(labels);
    }

    public List<MetricSnapshot> snapshots() {
        List<MetricSnapshot> out = new ArrayList<>(values.size());
        values.forEach((name, series) -> {
            GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help.get(name));
            series.forEach((labels, v) -> b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(v).build()));
            out.add(b.build());
        });
        return out;
    }

    public static final class Builder {
        private final Map<String, String> help = new LinkedHashMap<>();
        private final Map<String, Map<Labels, Double>> values = new LinkedHashMap<>();

        /** Declares a family; it is exported (with HELP) even while it has no series. */
        public Builder family(String name, String helpText) {
            help.put(name, helpText);
            values.computeIfAbsent(name, n -> new LinkedHashMap<>());
            return this;
        }

        public Builder set(String name, Labels labels, double value) {
            Map<Labels, Double> family = values.get(name);
            if (family == null) throw new IllegalArgumentException("gauge family not declared: " + name);
            family.put(labels, value);
            return this;
        }

        public GaugeFamilies build() {
            Map<String, Map<Labels, Double>> copy = new LinkedHashMap<>();
            values.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
            return new GaugeFamilies(Map.copyOf(help), copy);
        }
    }
}
