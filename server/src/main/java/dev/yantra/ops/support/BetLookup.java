package dev.yantra.ops.support;

import dev.yantra.walletjobs.WalletJobWaits;

import dev.yantra.config.NotFoundException;
import dev.yantra.walletjobs.JobQueue;
import dev.yantra.jobs.JobWaits;
import dev.yantra.walletjobs.PendingWalletJob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Support's view of a bet: the bet row, every wallet call made for it (bet, win, rollback, each retry) with
 * status and latency, its jobs, its round and the proof link — one timeline, found by bet id or by any of its
 * transaction uuids.
 */
public final class BetLookup {
    private final JdbcClient jdbc;

    public BetLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Timeline(Map<String, Object> bet, Map<String, Object> round, List<Map<String, Object>> walletCalls,
                           List<Map<String, Object>> jobs, List<Map<String, Object>> openJobs, String proofUrl) {
    }

    public Timeline show(UUID betOrTransaction) {
        Map<String, Object> bet = jdbc.sql("""
                SELECT id, round_id, session_id, operator_id, player_ref, currency, mode, amount_micro, side, state, reason,
                       resolution, payout_micro, transaction_uuid, win_transaction_uuid, refund_transaction_uuid,
                       created_at, updated_at, settled_at
                  FROM bets
                 WHERE id = :x OR transaction_uuid = :x OR win_transaction_uuid = :x OR refund_transaction_uuid = :x
                    OR id = (SELECT bet_id FROM wallet_calls WHERE transaction_uuid = :x LIMIT 1)
                    OR id = (SELECT bet_id FROM pending_wallet_jobs WHERE transaction_uuid = :x LIMIT 1)
                 LIMIT 1""").param("x", betOrTransaction).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("no bet with id or transaction " + betOrTransaction));
        UUID betId = (UUID) bet.get("id");
        Map<String, Object> round = jdbc.sql("""
                SELECT id, state, nonce, server_seed_hash, outcome::text AS outcome, config_version, opened_at, result_at, settled_at, voided_at
                  FROM rounds WHERE id = ?""").param(bet.get("round_id")).query().listOfRows().stream().findFirst().orElse(Map.of());
        List<Map<String, Object>> calls = jdbc.sql("""
                SELECT created_at, endpoint, attempt, status, response_status, latency_ms, succeeded, amount_micro, transaction_uuid, kid
                  FROM wallet_calls
                 WHERE bet_id = :bet OR transaction_uuid IN (:tx, :win, :refund)
                 ORDER BY created_at""")
                .param("bet", betId).param("tx", bet.get("transaction_uuid"))
                .param("win", bet.get("win_transaction_uuid")).param("refund", bet.get("refund_transaction_uuid"))
                .query().listOfRows();
        List<Map<String, Object>> jobs = jdbc.sql("""
                SELECT id, endpoint, amount_micro, attempts, last_error, needs_attention, next_attempt_at, created_at, completed_at,
                       completion, completed_by, completion_reason
                  FROM pending_wallet_jobs WHERE bet_id = ? ORDER BY created_at""").param(betId).query().listOfRows();
        // the jobs still owed, each with why it waits (lease, breaker, backoff), as `yantra jobs list` says it
        List<PendingWalletJob> open = new JobQueue(jdbc, null, null).openForBet(betId);
        Map<UUID, String> waits = WalletJobWaits.explain(jdbc, open);
        List<Map<String, Object>> openJobs = open.stream().map(j -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("id", j.id());
            m.put("endpoint", j.endpoint().name());
            m.put("attempts", j.attempts());
            m.put("last_error", j.lastError());
            m.put("next_attempt_at", j.nextAttemptAt());
            m.put("waiting_for", waits.get(j.id()));
            return m;
        }).toList();
        return new Timeline(bet, round, calls, jobs, openJobs, "/verify?round=" + bet.get("round_id"));
    }

    public List<Map<String, Object>> list(String playerRef, UUID operatorId, Duration since, int limit) {
        return jdbc.sql("""
                SELECT b.id, b.created_at, b.operator_id, b.amount_micro, b.currency, b.side, b.state, b.reason, b.payout_micro,
                       b.round_id, (SELECT count(*) FROM wallet_calls w WHERE w.bet_id = b.id) AS wallet_calls,
                       (SELECT count(*) FROM pending_wallet_jobs j WHERE j.bet_id = b.id AND j.completed_at IS NULL) AS open_jobs
                  FROM bets b
                 WHERE b.player_ref = :player AND (CAST(:op AS uuid) IS NULL OR b.operator_id = :op)
                   AND b.created_at > now() - make_interval(secs => :secs)
                 ORDER BY b.created_at DESC LIMIT :limit""")
                .param("player", playerRef).param("op", operatorId).param("secs", (double) since.toSeconds()).param("limit", limit)
                .query().listOfRows();
    }
}
