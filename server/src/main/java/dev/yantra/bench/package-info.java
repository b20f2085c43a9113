/**
 * Owns {@code yantra bench bets} and the yardstick every benchmark prints beside its own figures:
 * {@link dev.yantra.bench.BetsBenchCommand} and {@link dev.yantra.bench.BetsBench} run the node, the demo wallet (on a
 * Postgres instance of its own, {@link dev.yantra.bench.WalletPeer}) and the load generator ({@code BetLoad}: closed
 * loop for the maximum, open loop at 80 % of it and over N tables) as separate processes ({@code BenchProcess}), bill
 * each process and each Postgres for its CPU per settled bet ({@code RunCpu}), and profile the node with JFR under
 * the max phase ({@code NodeProfile}); {@link dev.yantra.bench.Pgbench} runs {@code pgbench -N} on the same Postgres
 * in the same run, and {@link dev.yantra.bench.CpuAccount} says how much CPU a Postgres server or a process used, so
 * a reader can compare like with like on any machine. docs/benchmarks.md describes the benchmarks and how to read them.
 *
 * <p>The other benchmarks live beside what they measure ({@code dev.yantra.jobs}, {@code dev.yantra.ops.metrics},
 * {@code dev.yantra.reconcile}, the core's {@code dev.yantra.fairness.RtpBench}); {@code yantra bench jobs} reuses the
 * yardstick and the wallet process from here. The {@code yantra bench} group that holds them is
 * {@code dev.yantra.fairness.cli.BenchCommand}.
 */
package dev.yantra.bench;
