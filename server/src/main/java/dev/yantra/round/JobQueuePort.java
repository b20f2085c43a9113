package dev.yantra.round;

import dev.yantra.walletjobs.JobQueue;
import dev.yantra.round.port.JobPort;
import dev.yantra.round.port.WalletPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The table engine's {@link JobPort} on the wallet feature's {@link JobQueue}. The JdbcClient runs on the
 * caller's transaction (Spring binds it to the thread), so the job exists exactly when the bet state needing it does.
 */
public final class JobQueuePort implements JobPort {
    private final JobQueue queue;
    private final JdbcClient jdbc;

    public JobQueuePort(JobQueue queue, JdbcClient jdbc) {
        this.queue = queue;
        this.jdbc = jdbc;
    }

    @Override
    public void enqueueWin(Job j) {
        // the inline try's requestUuid, and journal attempt numbers that continue after the inline tries
        int triedInline = jdbc.sql("SELECT count(*) FROM wallet_calls WHERE transaction_uuid = ? AND endpoint = 'WIN'")
                .param(j.transactionUuid()).query(Integer.class).single();
        queue.enqueueWin(jdbc, new JobQueue.WinJob(j.operatorId(), j.betId(), j.roundId(), j.playerRef(), j.currency(), null,
                j.amountMicro(), j.transactionUuid(), j.referenceTransactionUuid(),
                WalletPort.winRequestUuid(j.transactionUuid()), triedInline));
    }

    @Override
    public void enqueueRollback(Job j) {
        queue.enqueueRollback(jdbc, new JobQueue.RollbackJob(j.operatorId(), j.betId(), j.roundId(), j.playerRef(), j.currency(),
                null, j.amountMicro(), j.transactionUuid(), j.referenceTransactionUuid(), null, 0));
    }
}
