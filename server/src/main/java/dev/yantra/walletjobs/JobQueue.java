package dev.yantra.walletjobs;

import dev.yantra.jobs.JobTable;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.config.NotFoundException;
import dev.yantra.wallet.protocol.WalletEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The wallet's durable queue as the rest of the code sees it: enqueue WIN and ROLLBACK jobs inside the
 * caller's transaction (so the job exists exactly when the bet state that needs it does), list them, and the
 * manual overrides of the playbooks (retry now, complete by hand) with their audit rows.
 */
public final class JobQueue {
    public static final String TABLE = "pending_wallet_jobs";
    public static final int MAX_LIST = 1000;

    /**
     * A WIN owed for a bet in WIN_OWED. {@code transactionUuid} is the bet's win_transaction_uuid,
     * {@code betTransactionUuid} the bet's own; {@code attemptsSoFar} counts tries already made inline (0 if none),
     * so journal attempt numbers continue. {@code requestUuid} of the inline try, or null for a fresh one.
     */
    public record WinJob(UUID operatorId, UUID betId, UUID roundId, String playerRef, String currency, String gameCode,
                         long amountMicro, UUID transactionUuid, UUID betTransactionUuid, UUID requestUuid, int attemptsSoFar) {
    }

    /** A ROLLBACK of the bet's BET transaction ({@code betTransactionUuid}) under a new {@code transactionUuid}. */
    public record RollbackJob(UUID operatorId, UUID betId, UUID roundId, String playerRef, String currency, String gameCode,
                              long stakeMicro, UUID transactionUuid, UUID betTransactionUuid, UUID requestUuid, int attemptsSoFar) {
    }

    public record Filter(boolean stuckOnly, boolean includeCompleted, UUID operatorId, WalletEndpoint endpoint, int limit) {
    }

    public enum ManualResult { DONE, ALREADY_COMPLETED }

    /** The outcome of a manual action, for the CLI and the admin API to print. */
    public record Manual(ManualResult result, PendingWalletJob job, String betId, String betFrom, String betTo) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AdminAudit audit;
    /** The queue's SQL shared with every other queue (retry now, complete by hand, listing). */
    private final JobTable<PendingWalletJob> table;
    private volatile Runnable onEnqueue = () -> { };

    public JobQueue(JdbcClient jdbc, TransactionTemplate tx, AdminAudit audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.table = new JobTable<>(TABLE, "operator_id", jdbc, tx, PendingWalletJob::map);
    }

    /** Whether {@code id} is a job of this queue (open or completed). */
    public boolean holds(UUID id) {
        return table.holds(id);
    }

    /** The runner's wake-up, so a fresh job is tried at once rather than after the idle poll. */
    public void onEnqueue(Runnable r) {
        this.onEnqueue = r;
    }

    /** Inside the caller's transaction: {@code jdbc} must run on it (a JdbcClient over the same DataSource does). */
    public UUID enqueueWin(JdbcClient jdbc, WinJob j) {
        checkAmount(jdbc, j.betId(), j.amountMicro(), "payout_micro", "WIN");
        return insert(jdbc, WalletEndpoint.WIN, j.operatorId(), j.betId(), j.roundId(), j.playerRef(), j.currency(),
                j.gameCode(), j.amountMicro(), j.requestUuid(), j.transactionUuid(), j.betTransactionUuid(), j.attemptsSoFar());
    }

    public UUID enqueueRollback(JdbcClient jdbc, RollbackJob j) {
        checkAmount(jdbc, j.betId(), j.stakeMicro(), "amount_micro", "ROLLBACK");
        return insert(jdbc, WalletEndpoint.ROLLBACK, j.operatorId(), j.betId(), j.roundId(), j.playerRef(), j.currency(),
                j.gameCode(), j.stakeMicro(), j.requestUuid(), j.transactionUuid(), j.betTransactionUuid(), j.attemptsSoFar());
    }

    /** A job's amount must equal its bet's (stake for a rollback, payout for a win): always checked. */
    private static void checkAmount(JdbcClient jdbc, UUID betId, long amountMicro, String column, String what) {
        if (amountMicro <= 0) throw new IllegalArgumentException(what + " job amount must be > 0, was " + amountMicro);
        if (betId == null) return;
        Optional<Long> betAmount = jdbc.sql("SELECT " + column + " FROM bets WHERE id = ?").param(betId)
                .query((rs, n) -> { long v = rs.getLong(1); return rs.wasNull() ? null : v; }).optional();
        if (betAmount.isPresent() && betAmount.get() != null && betAmount.get() != amountMicro) {
            throw new IllegalStateException(what + " job amount " + amountMicro + " differs from bet " + betId + " " + column + " " + betAmount.get());
        }
    }

    private UUID insert(JdbcClient jdbc, WalletEndpoint endpoint, UUID operatorId, UUID betId, UUID roundId, String playerRef,
                        String currency, String gameCode, long amountMicro, UUID requestUuid, UUID transactionUuid,
                        UUID referenceTransactionUuid, int attemptsSoFar) {
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(transactionUuid, "transactionUuid");
        Objects.requireNonNull(referenceTransactionUuid, "referenceTransactionUuid");
        if (attemptsSoFar < 0) throw new IllegalArgumentException("attemptsSoFar must be >= 0, was " + attemptsSoFar);
        if (gameCode == null && roundId != null) {
            // the wallet body carries gameCode; callers that do not know it get the round's
            gameCode = jdbc.sql("SELECT game_code FROM rounds WHERE id = ?").param(roundId).query(String.class).optional().orElse(null);
        }
        UUID id = UUID.randomUUID();
        Optional<UUID> inserted = jdbc.sql("""
                        INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, bet_id, round_id, player_ref, currency,
                               amount_micro, request_uuid, transaction_uuid, reference_transaction_uuid, payload, attempts)
                        VALUES (:id, :op, :ep, :bet, :round, :player, :cur, :amt, :req, :tx, :ref, CAST(:payload AS jsonb), :attempts)
                        ON CONFLICT (transaction_uuid) DO NOTHING
                        RETURNING id""")
                .param("id", id).param("op", operatorId).param("ep", endpoint.name()).param("bet", betId)
                .param("round", roundId).param("player", playerRef).param("cur", currency).param("amt", amountMicro)
                .param("req", requestUuid == null ? UUID.randomUUID() : requestUuid).param("tx", transactionUuid)
                .param("ref", referenceTransactionUuid)
                .param("payload", Json.write(gameCode == null ? Map.of() : Map.of("gameCode", gameCode)))
                .param("attempts", attemptsSoFar)
                .query(UUID.class).optional();
        if (inserted.isPresent()) {
            onEnqueue.run();
            return inserted.get();
        }
        // Enqueued before (a replayed settlement): the existing job is the one; it must be the same work.
        PendingWalletJob existing = byTransaction(jdbc, transactionUuid);
        if (existing.endpoint() != endpoint || !Objects.equals(existing.betId(), betId)) {
            throw new IllegalStateException("transaction " + transactionUuid + " is already queued as " + existing.endpoint()
                    + " for bet " + existing.betId());
        }
        return existing.id();
    }

    private static PendingWalletJob byTransaction(JdbcClient jdbc, UUID transactionUuid) {
        return jdbc.sql("SELECT * FROM pending_wallet_jobs WHERE transaction_uuid = ?").param(transactionUuid)
                .query(PendingWalletJob::map).single();
    }

    public Optional<PendingWalletJob> find(UUID id) {
        return jdbc.sql("SELECT * FROM pending_wallet_jobs WHERE id = ?").param(id).query(PendingWalletJob::map).optional();
    }

    /** Why each open job of {@code jobs} waits (lease, breaker, backoff, due): {@link WalletJobWaits}. */
    public Map<UUID, String> waits(List<PendingWalletJob> jobs) {
        return WalletJobWaits.explain(jdbc, jobs);
    }

    /** The jobs a bet still owes (not completed), oldest first. */
    public List<PendingWalletJob> openForBet(UUID betId) {
        return jdbc.sql("SELECT * FROM pending_wallet_jobs WHERE bet_id = ? AND completed_at IS NULL ORDER BY created_at, id")
                .param(betId).query(PendingWalletJob::map).list();
    }

    public List<PendingWalletJob> list(Filter f) {
        return f.endpoint() == null
                ? table.list(f.stuckOnly(), f.includeCompleted(), f.operatorId(), null, List.of(), f.limit())
                : table.list(f.stuckOnly(), f.includeCompleted(), f.operatorId(), "endpoint = ?", List.of(f.endpoint().name()), f.limit());
    }

    /** Makes an open job due now. ALREADY_COMPLETED for a finished one; NotFoundException for an unknown id. */
    public Manual retryNow(UUID id, String changedBy) {
        return Objects.requireNonNull(tx.execute(status -> {
            int rows = table.makeDue(id);
            PendingWalletJob job = find(id).orElseThrow(() -> new NotFoundException("no pending wallet job " + id));
            if (rows == 0) return new Manual(ManualResult.ALREADY_COMPLETED, job, null, null, null);
            audit.record(changedBy, "job.retry", TABLE + ":" + id, "next_attempt_at deferred, attempts=" + job.attempts(),
                    "due now", null);
            onEnqueue.run();
            return new Manual(ManualResult.DONE, job, null, null, null);
        }));
    }

    /**
     * Completes a job by hand (the playbooks' "mark completed"): completion='MANUAL', the bet moved to its final
     * state with resolution='MANUAL' and the reason, an audit row. {@code nothingMoved}: for a ROLLBACK, the
     * stake never left the player (e.g. the wallet says DOES_NOT_EXIST), so an UNCERTAIN bet ends REJECTED.
     */
    public Manual completeManually(UUID id, String reason, boolean nothingMoved, String changedBy) {
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a reason is required");
        return Objects.requireNonNull(tx.execute(status -> {
            int rows = table.completeByHand(id, changedBy, reason);
            PendingWalletJob job = find(id).orElseThrow(() -> new NotFoundException("no pending wallet job " + id));
            if (rows == 0) return new Manual(ManualResult.ALREADY_COMPLETED, job, null, null, null);
            String from = null;
            String to = null;
            if (job.betId() != null) {
                from = jdbc.sql("SELECT state FROM bets WHERE id = ?").param(job.betId()).query(String.class).optional().orElse(null);
                BetSettlement.Kind kind = nothingMoved ? BetSettlement.Kind.NOTHING_MOVED : BetSettlement.Kind.MONEY_MOVED;
                BetSettlement applied = BetSettlement.apply(jdbc, job.betId(), job.endpoint(), kind, job.transactionUuid(), reason);
                to = applied == null ? from : applied.to;
            }
            audit.record(changedBy, "job.complete", TABLE + ":" + id,
                    "open " + job.endpoint() + " attempts=" + job.attempts() + " last_error=" + job.lastError(),
                    "MANUAL" + (job.betId() == null ? "" : "; bet " + job.betId() + " " + from + " -> " + to)
                            + (nothingMoved ? "; nothing moved" : ""),
                    reason);
            return new Manual(ManualResult.DONE, job, job.betId() == null ? null : job.betId().toString(), from, to);
        }));
    }
}
