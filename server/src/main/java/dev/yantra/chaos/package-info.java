/**
 * The chaos room: {@code yantra chaos run}. It owns the harness that starts N real node processes on one
 * PostgreSQL with the demo wallet, drives bets across several tables, injects a fault schedule derived only from a
 * seed ({@link dev.yantra.chaos.FaultSchedule}), samples the money invariants while it runs and checks them all
 * at the end ({@link dev.yantra.chaos.Invariants}), and writes a self-contained HTML report and a JSON summary
 * ({@link dev.yantra.chaos.ChaosReport}). It owns no table of the product; the run's database is its own scratch
 * database, where it may add observation triggers ({@link dev.yantra.chaos.Observers}). See docs/chaos.md.
 */
package dev.yantra.chaos;
