/**
 * Owns the fairness commands of the {@code yantra} CLI: {@link dev.yantra.fairness.cli.VerifyCommand}
 * ({@code yantra verify}: recompute one outcome from its seeds as one JSON line, or audit one round or a window from
 * the database), {@link dev.yantra.fairness.cli.RtpCommand} ({@code yantra rtp}, the Monte-Carlo RTP regression;
 * see docs/playbooks/rtp-regression.md), {@link dev.yantra.fairness.cli.CertCommand} ({@code yantra cert status},
 * what cert/ATTEST attests and what changed since), and the {@code yantra bench} group
 * ({@link dev.yantra.fairness.cli.BenchCommand}), which holds {@code bench rtp} and registers the benchmarks of
 * other rooms beside it.
 *
 * <p>The commands only parse options and print: the math, the simulator and the attestation check are the core's
 * {@code dev.yantra.fairness}, the database audit is {@code dev.yantra.fairness.audit}, and the other benchmarks
 * live with what they measure ({@code dev.yantra.bench}, {@code dev.yantra.jobs}, {@code dev.yantra.ops.metrics}).
 */
package dev.yantra.fairness.cli;
