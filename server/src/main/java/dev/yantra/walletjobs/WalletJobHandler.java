package dev.yantra.walletjobs;

import dev.yantra.jobs.JobHandler;
import dev.yantra.jobs.JobOutcome;

import dev.yantra.config.NodeClock;
import dev.yantra.round.port.SettlementObserver;
import dev.yantra.wallet.WalletClient;
import java.time.Instant;
import dev.yantra.wallet.WalletRequest;
import dev.yantra.wallet.WalletResponse;
import dev.yantra.wallet.protocol.Verdict;
import dev.yantra.wallet.protocol.WalletEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tries a WIN or ROLLBACK job through the wallet client — the same requestUuid and transactionUuid every
 * time, the attempt number in the journal — and settles the bet when the job completes.
 */
public final class WalletJobHandler implements JobHandler<PendingWalletJob> {
    private static final Logger log = LoggerFactory.getLogger(WalletJobHandler.class);
    private final WalletClient wallet;
    private final SettlementObserver settlements;

    public WalletJobHandler(WalletClient wallet) {
        this(wallet, SettlementObserver.NONE);
    }

    /** @param settlements told when a job confirms the final state of a bet whose round had a RESULT */
    public WalletJobHandler(WalletClient wallet, SettlementObserver settlements) {
        this.wallet = wallet;
        this.settlements = settlements;
    }

    @Override
    public JobOutcome attempt(PendingWalletJob job) {
        // a deliberately broken build (chaos harness only): a WIN retried as a new transaction, which a wallet credits again
        boolean fresh = job.endpoint() == WalletEndpoint.WIN && dev.yantra.config.TestBreaks.on("win-fresh-uuid");
        WalletRequest req = new WalletRequest(job.endpoint(), job.operatorId(), job.playerRef(), job.currency(),
                job.gameCode(), job.roundId(), job.betId(), job.id(), fresh ? java.util.UUID.randomUUID() : job.requestUuid(),
                fresh ? java.util.UUID.randomUUID() : job.transactionUuid(),
                job.referenceTransactionUuid(), job.amountMicro(), job.attempts() + 1);
        WalletResponse r = wallet.call(req);
        if (!r.sent()) {
            // breaker open: wait without counting; misconfigured (no key, no callback URL): a counted, visible failure
            return WalletResponse.NOT_SENT_BREAKER_OPEN.equals(r.failure()) ? new JobOutcome.NotAttempted(r.failure())
                    : new JobOutcome.Retry(null, r.failure(), false);
        }
        Verdict v = r.verdict();
        if (v == Verdict.DONE) return new JobOutcome.Done(r.status(), false);
        if (v == Verdict.DONE_NOTHING_MOVED) return new JobOutcome.Done(r.status(), true);
        return new JobOutcome.Retry(r.status(), r.describe(), r.classification().flagged());
    }

    @Override
    public void onCompleted(JdbcClient tx, PendingWalletJob job, JobOutcome.Done done) {
        if (job.betId() == null) return;
        BetSettlement.Kind kind = done.nothingMoved() ? BetSettlement.Kind.NOTHING_MOVED : BetSettlement.Kind.MONEY_MOVED;
        BetSettlement applied = BetSettlement.apply(tx, job.betId(), job.endpoint(), kind, job.transactionUuid(), null);
        if (applied != null && (applied.from.equals("WIN_OWED") || applied.from.equals("REFUND_OWED"))) {
            // a win (or refund) owed after the round's RESULT, confirmed late through the queue: the settlement SLO
            java.util.List<java.sql.Timestamp> resultAt = tx.sql(
                            "SELECT r.result_at FROM bets b JOIN rounds r ON r.id = b.round_id WHERE b.id = ? AND r.result_at IS NOT NULL")
                    .param(job.betId()).query((rs, i) -> rs.getTimestamp(1)).list();
            if (!resultAt.isEmpty()) settlements.settled(job.operatorId(), resultAt.getFirst().toInstant(), NodeClock.system().instant());
        }
        if (applied == null) leftAlone(tx, job, done);
    }

    /** Credited wins (the bulk of a busy queue) move their bets in one statement; everything else one by one. */
    @Override
    public void onCompletedAll(JdbcClient tx, List<PendingWalletJob> jobs, List<JobOutcome.Done> dones) {
        List<PendingWalletJob> wins = new ArrayList<>();
        List<JobOutcome.Done> winDones = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            PendingWalletJob job = jobs.get(i);
            JobOutcome.Done done = dones.get(i);
            if (job.betId() != null && job.endpoint() == WalletEndpoint.WIN && !done.nothingMoved()) {
                wins.add(job);
                winDones.add(done);
            } else {
                onCompleted(tx, job, done);
            }
        }
        if (wins.isEmpty()) return;
        Set<UUID> moved = BetSettlement.applyWins(tx, wins.stream().map(PendingWalletJob::betId).toList());
        for (int i = 0; i < wins.size(); i++) {
            if (!moved.contains(wins.get(i).betId())) leftAlone(tx, wins.get(i), winDones.get(i));
        }
        if (moved.isEmpty()) return;
        // every moved bet was WIN_OWED: each is a win confirmed late through the queue (the settlement SLO), as above
        java.util.Map<UUID, Instant> resultAt = new java.util.HashMap<>();
        tx.sql("""
                        SELECT b.id, r.result_at FROM bets b JOIN rounds r ON r.id = b.round_id
                         WHERE b.id = ANY (CAST(:ids AS uuid[])) AND r.result_at IS NOT NULL""")
                .param("ids", moved.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> { resultAt.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()); });
        Instant now = NodeClock.system().instant();
        for (PendingWalletJob job : wins) {
            Instant at = moved.contains(job.betId()) ? resultAt.get(job.betId()) : null;
            if (at != null) settlements.settled(job.operatorId(), at, now);
        }
    }

    private static void leftAlone(JdbcClient tx, PendingWalletJob job, JobOutcome.Done done) {
        String state = tx.sql("SELECT state FROM bets WHERE id = ?").param(job.betId()).query(String.class).optional().orElse("<no bet>");
        log.atWarn().addKeyValue("betId", job.betId().toString()).addKeyValue("jobId", job.id().toString())
                .log("job {} completed ({}) but bet {} is {}: left as it is", job.id(), done.resultStatus(), job.betId(), state);
    }
}
