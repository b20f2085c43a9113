/**
 * Owns what an SRE or an orchestrator asks a running node: liveness and readiness in both dialects
 * ({@link dev.yantra.ops.HealthController}: {@code /healthz}, {@code /readyz}, {@code /health}, {@code /health/ready}),
 * where features register the reason they block traffic ({@link dev.yantra.ops.Readiness}), the database check that
 * cannot make readiness hang ({@link dev.yantra.ops.DatabaseProbe}), whether acknowledged commits survive a power loss
 * ({@link dev.yantra.ops.Durability}), {@code /metrics} in Prometheus text ({@link dev.yantra.ops.MetricsController}),
 * and the version and commit of this build, recorded on every round ({@link dev.yantra.ops.BuildInfo}).
 *
 * <p>The metrics themselves are {@code dev.yantra.ops.metrics}; the incident banner and post-mortem draft
 * {@code dev.yantra.ops.incident}; support's bet lookup {@code dev.yantra.ops.support}; the playbooks' triage
 * {@code dev.yantra.ops.triage}. docs/observability.md lists the metrics, SLOs and alerts.
 */
package dev.yantra.ops;
