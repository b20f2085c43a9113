/**
 * Owns the durable job queue and the wallet's use of it, pending_wallet_jobs: {@link dev.yantra.jobs.JobQueue}
 * enqueues WIN and ROLLBACK jobs inside the caller's transaction and carries the playbooks' manual overrides (retry now,
 * complete by hand) with their audit rows; {@link dev.yantra.jobs.PendingJobRunner} works any table with the queue's
 * columns ({@link dev.yantra.jobs.JobTable}, every write guarded by a version) with a pluggable
 * {@link dev.yantra.jobs.JobHandler}, from any number of nodes, recovering by lease; {@link dev.yantra.jobs.Backoff}
 * spaces the tries; {@link dev.yantra.jobs.WalletJobHandler} tries a wallet job and, in the transaction that completes
 * it, settles its bet by one of the moves of {@link dev.yantra.jobs.BetSettlement}. The overrides are reachable as
 * {@code yantra jobs} ({@link dev.yantra.app.JobsCommand}) and over the admin API
 * ({@link dev.yantra.jobs.JobsAdminController}); {@code yantra bench jobs} measures the runner.
 *
 * <p>It does not make the calls ({@code dev.yantra.wallet}) or decide which bets need a job ({@code dev.yantra.round},
 * {@code dev.yantra.play}); the lottery's forwarding reuses the runner and table mechanics on its own table
 * ({@code dev.yantra.lottery.forwarding}).
 */
package dev.yantra.jobs;
