/**
 * Owns the wallet's job queue, pending_wallet_jobs: {@link dev.yantra.walletjobs.JobQueue} enqueues WIN and ROLLBACK
 * jobs inside the caller's transaction and carries the playbooks' manual overrides (retry now, complete by hand) with
 * their audit rows; {@link dev.yantra.walletjobs.WalletJobHandler} tries a job through the wallet client and, in the
 * transaction that completes it, settles its bet by one of the moves of {@link dev.yantra.walletjobs.BetSettlement};
 * {@link dev.yantra.walletjobs.WalletJobsConfiguration} runs the queue on the shared runner ({@code dev.yantra.jobs})
 * holding the operators whose breaker is open or whose settlements are halted, and
 * {@link dev.yantra.walletjobs.LiveJobSettings} applies the control plane's jobs.* settings without a restart. The
 * overrides are reachable as {@code yantra jobs} ({@code dev.yantra.app.JobsCommand}) and over the admin API
 * ({@link dev.yantra.walletjobs.JobsAdminController}); {@code yantra bench jobs} measures the runner.
 *
 * <p>It does not make the calls ({@code dev.yantra.wallet}) or decide which bets need a job ({@code dev.yantra.round},
 * {@code dev.yantra.play}).
 */
package dev.yantra.walletjobs;
