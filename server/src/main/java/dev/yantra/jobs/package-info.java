/**
 * Owns the durable job queue mechanism that every queue shares: {@link dev.yantra.jobs.PendingJobRunner} works any
 * table with the queue's columns ({@link dev.yantra.jobs.JobTable}, every write guarded by a version) with a
 * pluggable {@link dev.yantra.jobs.JobHandler}, from any number of nodes, recovering by lease;
 * {@link dev.yantra.jobs.Backoff} spaces the tries; {@link dev.yantra.jobs.JobWaits} says in words why an open job
 * waits; {@link dev.yantra.jobs.AdminQueue} is what the jobs CLI and admin API need of a queue (list, retry now,
 * complete by hand) and {@link dev.yantra.jobs.AdminQueues} all of them.
 *
 * <p>It imports no feature. The queues are their owners': the wallet's WIN and ROLLBACK jobs
 * ({@code dev.yantra.walletjobs}), the banca forwarding ({@code dev.yantra.lottery.forwarding}) and the card payments
 * ({@code dev.yantra.lottery.payments}).
 */
package dev.yantra.jobs;
