/**
 * Owns the node's metrics beyond what each feature counts for itself: gauges derived from the database, refreshed off
 * the scrape path so a scrape costs no query ({@link dev.yantra.ops.metrics.DatabaseGauges}: the wallet job queue, RTP
 * per game, operator and currency, reconciliation status; {@link dev.yantra.ops.metrics.LotteryGauges} for the lottery
 * hub), and the series the SLO rules read
 * ({@link dev.yantra.ops.metrics.SloMeters}). {@code yantra bench metrics}
 * ({@link dev.yantra.bench.BenchMetricsCommand}) times scrapes against their budget. docs/observability.md lists
 * every metric, SLO and alert; the rules themselves are in deploy/prometheus.
 *
 * <p>Serving {@code /metrics} is {@code dev.yantra.ops.MetricsController}; counters that belong to one feature (inbound
 * rejections, breakers, refusals) are registered in that feature's room, and the HTTP request timer is the node's own
 * ({@code dev.yantra.server.HttpServerMetrics}).
 */
package dev.yantra.ops.metrics;
