package dev.yantra.round;

import dev.yantra.round.port.BetState;
import dev.yantra.round.port.JobPort;
import dev.yantra.round.port.SettlementObserver;
import dev.yantra.round.port.WalletPort;
import dev.yantra.round.port.WalletReply;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Money at the end of a round: the outcome decides LOST / WIN_OWED in one fenced transaction with the RESULT move;
 * winners are then credited through the wallet (or handed to a WIN job); voiding refunds every accepted stake
 * through ROLLBACK jobs. Demo-mode bets settle on the session's play money in the same transaction.
 *
 * <p>The inline WIN tries of a round share one {@link InlineWinBudget} (default 500 ms): a winner whose wallet
 * did not answer within it stays WIN_OWED, in doubt, and its WIN job retries with the very same requestUuid and
 * transactionUuid, so the wallet credits it once however many tries it sees. The table never waits longer on the
 * wallet than that budget.
 */
public final class Settlement {
    private static final Logger log = LoggerFactory.getLogger(Settlement.class);
    private static final int MAX_PARALLEL_WINS = 32;

    private final TransactionTemplate tx;
    private final RoundStore rounds;
    private final BetStore bets;
    private final ChainStore chains;
    private final WalletPort wallet;
    private final JobPort jobs;
    private final Clock clock;
    private final SettlementObserver observer;
    private final InlineWinBudget inlineWinBudget;

    public Settlement(TransactionTemplate tx, RoundStore rounds, BetStore bets, ChainStore chains, WalletPort wallet,
                      JobPort jobs, Clock clock) {
        this(tx, rounds, bets, chains, wallet, jobs, clock, SettlementObserver.NONE);
    }

    /** @param observer told of every real-money bet made final after RESULT here (losers, winners credited at once) */
    public Settlement(TransactionTemplate tx, RoundStore rounds, BetStore bets, ChainStore chains, WalletPort wallet,
                      JobPort jobs, Clock clock, SettlementObserver observer) {
        this(tx, rounds, bets, chains, wallet, jobs, clock, observer, InlineWinBudget.DEFAULT);
    }

    /** @param inlineWinBudget how long the inline WIN tries of one round may take, in all */
    public Settlement(TransactionTemplate tx, RoundStore rounds, BetStore bets, ChainStore chains, WalletPort wallet,
                      JobPort jobs, Clock clock, SettlementObserver observer, InlineWinBudget inlineWinBudget) {
        this.inlineWinBudget = inlineWinBudget;
        this.observer = observer;
        this.tx = tx;
        this.rounds = rounds;
        this.bets = bets;
        this.chains = chains;
        this.wallet = wallet;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** ROLLING → RESULT: computes the outcome from s_k and decides every accepted bet. */
    public void decide(Fence fence, RoundRow round, TableGame game, TableConfig config) {
        String seed = chains.seed(round.chainId(), round.nonce());
        Object outcome = game.outcome(seed, round.clientSeed(), round.nonce(), config);
        Instant resultAt = clock.instant();
        List<BetRow> realLosers = new ArrayList<>();
        tx.executeWithoutResult(s -> {
            realLosers.clear();  // a retried transaction starts over
            List<BetRow> accepted = bets.forRound(round.id(), BetState.ACCEPTED);
            long stake = 0;
            long payout = 0;
            List<UUID> winners = new ArrayList<>();
            List<long[]> payouts = new ArrayList<>();
            for (BetRow b : accepted) {
                long p = game.settle(b.amountMicro(), game.parseSelection(b.selectionJson()), outcome, config);
                stake += b.amountMicro();
                payout += p;
                if (p > 0) {
                    winners.add(b.id());
                    payouts.add(new long[]{p});
                } else if (!b.demo()) {
                    realLosers.add(b);
                }
            }
            rounds.roll(fence, round.id(), TableGame.outcomeJson(outcome), stake, payout, accepted.size(), resultAt);
            creditOrOwe(accepted, winners, payouts);
            bets.markLosers(round.id(), winners);
        });
        // a loss is final once recorded: the RESULT transaction above has committed it
        Instant committed = clock.instant();
        for (BetRow b : realLosers) observer.settled(b.operatorId(), resultAt, committed);
    }

    /** Demo winners are paid from the session's play money here; real ones become WIN_OWED, all in one statement. */
    private void creditOrOwe(List<BetRow> accepted, List<UUID> winners, List<long[]> payouts) {
        java.util.Map<UUID, BetRow> byId = new java.util.HashMap<>();
        for (BetRow b : accepted) byId.put(b.id(), b);
        List<BetStore.Win> owed = new ArrayList<>();
        for (int i = 0; i < winners.size(); i++) {
            BetRow b = byId.get(winners.get(i));
            long payoutMicro = payouts.get(i)[0];
            if (b.demo()) {
                require(bets.settleWin(b.id(), BetState.Transition.DEMO_WON, payoutMicro, null), b, "DEMO_WON");
                bets.creditDemo(b.sessionId(), payoutMicro);
            } else {
                owed.add(new BetStore.Win(b.id(), payoutMicro, UUID.randomUUID()));
            }
        }
        java.util.Set<UUID> moved = bets.settleWins(BetState.Transition.OWE_WIN, owed);
        for (BetStore.Win w : owed) require(moved.contains(w.betId()), byId.get(w.betId()), "WIN_OWED");
    }

    /**
     * Credits every WIN_OWED bet of the round: a WIN call each, all within the inline budget, and a WIN job for any
     * that is not done by then (no answer in time, a refusal, or no time left to call at all).
     */
    public void payWinners(RoundRow round) {
        List<BetRow> owed = bets.forRound(round.id(), BetState.WIN_OWED);
        if (owed.isEmpty()) return;
        // one query for the round, not one per winner: a winner with a WIN job is the job runner's now
        java.util.Set<UUID> withJob = bets.withOpenJob(owed.stream().map(BetRow::id).toList(), "WIN");
        // monotonic: the budget is a wait, not a point on the wall clock (which may step)
        long deadlineNanos = System.nanoTime() + inlineWinBudget.value().toNanos();
        java.util.Queue<UUID> credited = new java.util.concurrent.ConcurrentLinkedQueue<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(MAX_PARALLEL_WINS);
            for (BetRow b : owed) {
                if (withJob.contains(b.id())) continue;
                futures.add(pool.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        if (payOne(round, b, deadlineNanos)) credited.add(b.id());
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (Exception e) {
                    log.error("win payment failed for round {}: {}", round.id(), e.toString());
                }
            }
        }
        // every credited winner WIN_OWED -> WON in one statement. A crash before it leaves them WIN_OWED, and the
        // round's finish (here or on the next runner) hands them to WIN jobs, which repeat the very same requestUuid
        // and transactionUuid: the wallet credits each once.
        if (credited.isEmpty()) return;
        List<UUID> moved = bets.moveAll(List.copyOf(credited), BetState.Transition.CREDITED);
        Instant now = clock.instant();
        java.util.Map<UUID, UUID> operatorOf = new java.util.HashMap<>();
        for (BetRow b : owed) operatorOf.put(b.id(), b.operatorId());
        for (UUID id : moved) observer.settled(operatorOf.get(id), round.resultAt(), now);
    }

    /** Below this much time left, a call is not worth starting: the win goes straight to its job. */
    private static final long MIN_CALL_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10);

    /** One WIN call within the round's budget; true when the wallet credited it (the caller moves it to WON). */
    private boolean payOne(RoundRow round, BetRow b, long deadlineNanos) {
        long leftNanos = deadlineNanos - System.nanoTime();
        if (leftNanos < MIN_CALL_NANOS) {
            oweWin(round, b);
            return false;
        }
        WalletReply reply;
        try {
            reply = wallet.win(new WalletPort.Call(b.operatorId(), b.playerRef(), b.currency(), round.gameCode(),
                    round.id(), b.id(), WalletPort.winRequestUuid(b.winTransactionUuid()), b.winTransactionUuid(),
                    b.transactionUuid(), b.payoutMicro()), java.time.Duration.ofNanos(leftNanos));
        } catch (RuntimeException e) {
            log.warn("win call for bet {} failed before an answer: {}", b.id(), e.toString());
            reply = new WalletReply(WalletReply.Outcome.UNKNOWN, null, null);
        }
        if (reply.done()) return true;
        oweWin(round, b);
        return false;
    }

    /** Hands a WIN_OWED bet to the job queue (idempotent by the win transaction id). */
    public void oweWin(RoundRow round, BetRow b) {
        tx.executeWithoutResult(s -> jobs.enqueueWin(new JobPort.Job(b.operatorId(), b.id(), round.id(),
                b.playerRef(), b.currency(), b.payoutMicro(), b.winTransactionUuid(), b.transactionUuid())));
    }

    /** RESULT → SETTLED once every winner is credited or has a job; reveals s_k. */
    public void finish(Fence fence, RoundRow round) {
        List<BetRow> owed = bets.forRound(round.id(), BetState.WIN_OWED);
        java.util.Set<UUID> withJob = bets.withOpenJob(owed.stream().map(BetRow::id).toList(), "WIN");
        for (BetRow b : owed) {
            if (!withJob.contains(b.id())) oweWin(round, b);
        }
        String seed = chains.seed(round.chainId(), round.nonce());
        tx.executeWithoutResult(s -> rounds.settle(fence, round.id(), seed, clock.instant()));
    }

    /**
     * BETTING_OPEN/ROLLING → VOIDED: accepted stakes are refunded (ROLLBACK jobs), stakes in doubt rolled back. The
     * round's move locks it first, so no bet of it is accepted between the move and the reads below: a bet whose
     * wallet call is still in flight is PENDING here (rolled back as in doubt), and its answer finds the round voided.
     */
    public void voidRound(Fence fence, RoundRow round, String reason) {
        String seed = chains.seed(round.chainId(), round.nonce());
        tx.executeWithoutResult(s -> {
            rounds.voidRound(fence, round, seed, clock.instant());
            rounds.recordVoidReason(round.id(), reason);
            for (BetRow b : bets.forRound(round.id(), BetState.ACCEPTED)) {
                if (b.demo()) {
                    require(bets.refund(b.id(), BetState.Transition.DEMO_REFUNDED, null, reason), b, "DEMO_REFUNDED");
                    bets.creditDemo(b.sessionId(), b.amountMicro());
                } else {
                    rollback(b, BetState.Transition.VOIDED, reason);
                }
            }
            for (BetRow b : bets.forRound(round.id(), BetState.PENDING)) {
                rollback(b, BetState.Transition.IN_DOUBT, reason);
            }
        });
        log.info("round {} of table {} voided: {}", round.id(), round.tableId(), reason);
    }

    /** Marks a bet whose stake must come back and enqueues its ROLLBACK, in the caller's transaction. */
    public void rollback(BetRow b, BetState.Transition t, String reason) {
        UUID rtx = UUID.randomUUID();
        // moved meanwhile: by the bet path's own answer (REJECTED, or UNCERTAIN / REFUND_OWED with their own job),
        // or by a void; never ACCEPTED behind a void's back (BetStore.accept and the void serialize on the round)
        if (!bets.refund(b.id(), t, rtx, reason)) return;
        jobs.enqueueRollback(new JobPort.Job(b.operatorId(), b.id(), b.roundId(), b.playerRef(), b.currency(),
                b.amountMicro(), rtx, b.transactionUuid()));
    }

    private static void require(boolean moved, BetRow b, String what) {
        if (!moved) throw new IllegalStateException("bet " + b.id() + " was not ACCEPTED when moving to " + what);
    }
}
