package dev.yantra.round.port;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes pending_wallet_jobs rows directly, for tests of the round engine that run no wallet queue (the node uses walletjobs.JobQueue). */
public final class SqlJobPort implements JobPort {
    private final JdbcClient jdbc;

    public SqlJobPort(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void enqueueWin(Job job) {
        insert("WIN", job);
    }

    @Override
    public void enqueueRollback(Job job) {
        insert("ROLLBACK", job);
    }

    private void insert(String endpoint, Job job) {
        if (job.amountMicro() <= 0) {
            throw new IllegalStateException("job amount must be > 0, was " + job.amountMicro() + " for bet " + job.betId());
        }
        jdbc.sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, bet_id, round_id, player_ref, currency,
                       amount_micro, request_uuid, transaction_uuid, reference_transaction_uuid)
                VALUES (:id, :op, :ep, :bet, :round, :player, :cur, :amt, :req, :tx, :ref)
                ON CONFLICT (transaction_uuid) DO NOTHING""")
                .param("id", UUID.randomUUID()).param("op", job.operatorId()).param("ep", endpoint)
                .param("bet", job.betId()).param("round", job.roundId()).param("player", job.playerRef())
                .param("cur", job.currency()).param("amt", job.amountMicro()).param("req", "WIN".equals(endpoint) ? WalletPort.winRequestUuid(job.transactionUuid()) : UUID.randomUUID())
                .param("tx", job.transactionUuid()).param("ref", job.referenceTransactionUuid())
                .update();
    }
}
