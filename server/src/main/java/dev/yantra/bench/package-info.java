/**
 * Owns {@code yantra bench bets} and the yardstick every benchmark prints beside its own figures:
 * {@link dev.yantra.bench.BetsBenchCommand} and {@link dev.yantra.bench.BetsBench} start a node and a demo wallet in
 * this process and drive real HTTP bets at it ({@code BetLoad}: closed loop for the maximum, open loop at 80 % of it);
 * {@link dev.yantra.bench.Pgbench} runs {@code pgbench -N} on the same Postgres in the same run, and
 * {@link dev.yantra.bench.CpuAccount} says how much CPU Postgres and this JVM used, so a reader can compare like with
 * like on any machine. docs/benchmarks.md describes the benchmarks and how to read them.
 *
 * <p>The other benchmarks live beside what they measure ({@code dev.yantra.jobs}, {@code dev.yantra.ops.metrics},
 * {@code dev.yantra.reconcile}, the core's {@code dev.yantra.fairness.RtpBench}); {@code yantra bench jobs} reuses the
 * yardstick from here. The {@code yantra bench} group that holds them is {@code dev.yantra.fairness.cli.BenchCommand}.
 */
package dev.yantra.bench;
