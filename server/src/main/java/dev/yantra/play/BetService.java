package dev.yantra.play;

import dev.yantra.control.ControlPlane;
import dev.yantra.games.GameRegistry;
import dev.yantra.round.BetRow;
import dev.yantra.round.port.BetState;
import dev.yantra.round.BetStore;
import dev.yantra.round.RoundRow;
import dev.yantra.round.RoundState;
import dev.yantra.round.RoundStore;
import dev.yantra.round.Settlement;
import dev.yantra.round.TableConfig;
import dev.yantra.round.TableDirectory;
import dev.yantra.round.TableGame;
import dev.yantra.round.TableRunner;
import dev.yantra.round.TableSpec;
import dev.yantra.round.port.BreakerPort;
import dev.yantra.round.port.OperatorDirectory;
import dev.yantra.round.port.OperatorInfo;
import dev.yantra.round.port.PlaySession;
import dev.yantra.round.port.WalletPort;
import dev.yantra.round.port.WalletReply;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A bet from the HTTP handler to the wallet: checks, then the PENDING row (with the round's exposure reserved, in
 * one transaction), then the wallet call, then ACCEPTED / REJECTED / UNCERTAIN (+ ROLLBACK job). Demo sessions
 * debit their play money in the first transaction and never reach a wallet.
 */
public final class BetService {
    /** requestHash: SHA-256 of the request's canonical body (null when it came without one: compared by amount). */
    public record PlaceBet(UUID requestUuid, long amountMicro, String selectionJson, String requestHash) {
        public PlaceBet(UUID requestUuid, long amountMicro, String selectionJson) {
            this(requestUuid, amountMicro, selectionJson, null);
        }
    }

    /** The bet as it ended up, and the balance the wallet reported (null when unknown). */
    public record Placed(BetRow bet, Long balanceMicro, boolean replay) {
    }

    private final TransactionTemplate tx;
    private final BetStore bets;
    private final RoundStore rounds;
    private final TableDirectory tables;
    private final GameRegistry games;
    private final OperatorDirectory operators;
    private final WalletPort wallet;
    private final BreakerPort breaker;
    private final Settlement settlement;
    private final ControlPlane control;  // null when the control plane is not wired (unit tests)
    private final BetRefusals refusals;

    public BetService(TransactionTemplate tx, BetStore bets, RoundStore rounds, TableDirectory tables, GameRegistry games,
                      OperatorDirectory operators, WalletPort wallet, BreakerPort breaker, Settlement settlement,
                      ControlPlane control, BetRefusals refusals) {
        this.tx = tx;
        this.bets = bets;
        this.rounds = rounds;
        this.tables = tables;
        this.games = games;
        this.operators = operators;
        this.wallet = wallet;
        this.breaker = breaker;
        this.settlement = settlement;
        this.control = control;
        this.refusals = refusals == null ? BetRefusals.NONE : refusals;
    }

    /**
     * Places the bet, or answers a repeat of an earlier request with that request's bet. The repeat is found where
     * it costs nothing on the common path: the PENDING insert meets the earlier row's unique key, and any refusal
     * (halts, breaker, a closed round, limits) looks for an earlier bet before it refuses, so a repeat gets the
     * first answer whatever changed since.
     */
    public Placed place(PlaySession session, PlaceBet req) {
        UUID betId = UUID.randomUUID();
        try {
            return placeNew(session, req, betId);
        } catch (PlayException refused) {
            // a refusal of this very bet after its row was written (the wallet's answer) is no repeat
            Optional<BetRow> earlier = bets.findByRequest(session.id(), req.requestUuid()).filter(b -> !b.id().equals(betId));
            if (earlier.isPresent()) return replay(earlier.get(), req);
            throw refused;
        }
    }

    private Placed placeNew(PlaySession session, PlaceBet req, UUID betId) {
        OperatorInfo op = requireActive(session);
        if (control != null && control.betHalt(op.id(), session.gameCode()).isPresent()) {
            refused(session, BetRefusals.BETS_HALTED);
            throw new PlayException(409, "table_paused", "bets are halted for this table");
        }
        // Before the table and round lookups: while the wallet is away every bet ends here, so it costs the least
        // (yantra bench bets measures it) and the player learns the real reason rather than a round timing.
        if (!session.demo() && !breaker.allows(op.id())) {
            refused(session, BetRefusals.OPERATOR_UNAVAILABLE);  // queued in memory: the refusal stays as fast as before
            throw new PlayException(503, "operator_unavailable", "the operator's wallet is unavailable; try again later");
        }
        TableSpec table = tables.findRecent(op.id(), session.gameCode(), session.currency())
                .filter(TableSpec::enabled)
                .orElseThrow(() -> new PlayException(409, "table_paused", "the table is not running"));
        try {
            return placeOn(session, req, op, openRound(table), betId);
        } catch (RoundClosed e) {
            // the remembered round had closed (or was voided) before this bet, which wrote nothing: ask the
            // database for the table's round now, once
            rounds.forgetOpen(table.tableId());
            try {
                return placeOn(session, req, op, openRound(table), betId);
            } catch (RoundClosed again) {
                throw new PlayException(409, "betting_closed", "betting closed for this round");
            }
        }
    }

    /** Thrown by the PENDING write when the round no longer takes bets: nothing was written. */
    private static final class RoundClosed extends RuntimeException {
        RoundClosed() {
            super(null, null, false, false);
        }
    }

    private RoundRow openRound(TableSpec table) {
        return rounds.findOpenRecent(table.tableId())
                .orElseThrow(() -> new PlayException(409, "betting_closed", "no round is open for bets"));
    }

    private Placed placeOn(PlaySession session, PlaceBet req, OperatorInfo op, RoundRow round, UUID betId) {
        TableGame game = new TableGame(games.get(round.gameCode()));
        TableConfig cfg = TableRunner.parse(game.plugin(), round.configVersion(), round.configJson());
        String selectionJson = canonicalSelection(game, req.selectionJson());
        checkAmount(req.amountMicro(), cfg);
        if (!op.allowedCurrencies().isEmpty() && !op.allowedCurrencies().contains(session.currency())) {
            throw new PlayException(422, "wrong_currency", "currency " + session.currency() + " is not enabled");
        }
        long potential = game.potentialPayout(req.amountMicro(), cfg);
        BetRow bet = new BetRow(betId, round.id(), session.id(), op.id(), session.playerRef(),
                session.currency(), session.mode(), req.requestUuid(), UUID.randomUUID(), req.amountMicro(),
                selectionJson, game.parseSelection(selectionJson).toString(), BetState.PENDING, null, null, null, null, null);
        Optional<BetRow> replay = writePending(bet, req, potential, cfg, session);
        if (replay.isPresent()) return replay(replay.get(), req);
        if (session.demo()) return new Placed(bets.find(bet.id()).orElseThrow(), null, false);
        return callWallet(bet, round, potential);
    }

    private Optional<BetRow> writePending(BetRow bet, PlaceBet req, long potential, TableConfig cfg, PlaySession session) {
        if (!session.demo()) return writePendingReal(bet, req, potential, cfg);
        try {
            return tx.execute(s -> {
                // The bet row first, the round's exposure second: every bet of a round updates that one round row,
                // so its lock is taken as late as possible and held only until the commit (yantra bench bets).
                if (!bets.insertPending(bet, req.requestHash())) {
                    s.setRollbackOnly();
                    return bets.findByRequest(bet.sessionId(), bet.requestUuid());
                }
                if (!rounds.reserveExposure(bet.roundId(), potential, cfg.maxRoundExposureMicro())) {
                    throw notReserved(bet);   // rolls the bet row back: nothing written
                }
                if (session.demo()) {
                    if (bets.debitDemo(session.id(), bet.amountMicro())) {
                        // the reservation above holds the round open until this commits: the accept cannot fail
                        if (bets.accept(bet).isEmpty()) throw new IllegalStateException("demo bet " + bet.id() + " not accepted");
                    } else {
                        bets.move(bet.id(), BetState.Transition.REFUSED, "RS_ERROR_NOT_ENOUGH_MONEY");
                        rounds.releaseExposure(bet.roundId(), potential);
                    }
                }
                return Optional.<BetRow>empty();
            });
        } catch (DuplicateKeyException e) {
            throw new PlayException(409, "duplicate_bet", "one bet per side per round");
        }
    }

    /** A real-money bet: the PENDING row and the exposure reservation in one statement (BetStore.insertPendingReserving). */
    private Optional<BetRow> writePendingReal(BetRow bet, PlaceBet req, long potential, TableConfig cfg) {
        BetStore.Placement placed;
        try {
            placed = bets.insertPendingReserving(bet, req.requestHash(), potential, cfg.maxRoundExposureMicro());
        } catch (DuplicateKeyException e) {
            throw new PlayException(409, "duplicate_bet", "one bet per side per round");
        }
        return switch (placed) {
            case INSERTED -> Optional.empty();
            case REPLAY -> Optional.of(bets.findByRequest(bet.sessionId(), bet.requestUuid()).orElseThrow());
            case NOT_RESERVED -> throw notReserved(bet);
        };
    }

    /** Why a bet's exposure was not reserved: the round is full for its size, or no longer takes bets. */
    private RuntimeException notReserved(BetRow bet) {
        return rounds.takesBets(bet.roundId())
                ? new PlayException(422, "exposure_limit", "this round cannot take more bets of this size")
                : new RoundClosed();
    }

    /**
     * The bet an earlier request with this requestUuid placed — when it is the same request. Another body under the
     * same key is a client bug or a tampering attempt: 409, like the operator API's idempotency, never the first bet.
     */
    private Placed replay(BetRow earlier, PlaceBet req) {
        String stored = bets.requestHash(earlier.id()).orElse(null);
        boolean same = stored != null && req.requestHash() != null ? stored.equals(req.requestHash())
                : earlier.amountMicro() == req.amountMicro();
        if (!same) {
            throw new PlayException(409, "idempotency_key_reused", "requestUuid " + req.requestUuid() + " was already used with a different body");
        }
        return new Placed(earlier, null, true);
    }

    private Placed callWallet(BetRow bet, RoundRow round, long potential) {
        WalletPort.Answered answered;
        try {
            answered = wallet.betJournalLater(new WalletPort.Call(bet.operatorId(), bet.playerRef(), bet.currency(),
                    round.gameCode(), round.id(), bet.id(), UUID.randomUUID(), bet.transactionUuid(), null, bet.amountMicro()));
        } catch (RuntimeException e) {
            answered = new WalletPort.Answered(new WalletReply(WalletReply.Outcome.UNKNOWN, null, null), Optional.empty(), () -> { });
        }
        WalletReply r = answered.reply();
        if (r.outcome() == WalletReply.Outcome.DONE) {
            // the common case is one commit: the BET's wallet_calls row and PENDING -> ACCEPTED (while the round
            // takes bets, returning the row the player is answered with) in one transaction
            Optional<BetRow> accepted = acceptJournaled(bet, answered);
            if (accepted.isPresent()) return new Placed(accepted.get(), r.balanceMicro(), false);
            throw debitedTooLate(bet);
        }
        answered.journalOrLog().run();
        tx.executeWithoutResult(s -> {
            switch (r.outcome()) {
                case DONE -> throw new IllegalStateException("a debit is recorded above");
                case REJECTED -> {
                    if (bets.move(bet.id(), BetState.Transition.REFUSED, r.status())) {
                        rounds.releaseExposure(bet.roundId(), potential);
                    }
                }
                case UNKNOWN -> settlement.rollback(bets.find(bet.id()).orElseThrow(), BetState.Transition.IN_DOUBT,
                        "wallet_uncertain");
            }
        });
        return new Placed(bets.find(bet.id()).orElseThrow(), r.done() ? r.balanceMicro() : null, false);
    }

    /**
     * The journal row and the accept in one statement (BetStore.acceptJournaled). Should it fail, the row is written
     * on its own first (the wallet took the money whatever our database says) and the accept tried once more alone;
     * a bet whose accept fails too stays PENDING for the stuck-bet sweep, as before.
     */
    private Optional<BetRow> acceptJournaled(BetRow bet, WalletPort.Answered answered) {
        if (answered.row().isEmpty()) {
            answered.journalOrLog().run();
            return bets.accept(bet);
        }
        try {
            return bets.acceptJournaled(bet, answered.row().get());
        } catch (RuntimeException e) {
            answered.journalOrLog().run();
            return bets.accept(bet);
        }
    }

    /**
     * The wallet took the stake but the round no longer takes bets: its close time passed, or it was closed or
     * voided, while the call was in flight. A bet still PENDING is owed its stake back (REFUND_OWED and a ROLLBACK
     * job, in one transaction); one the void (or the stuck-bet sweep) already moved has its ROLLBACK job from
     * there. Either way the player is refused (the refusal returned): the bet never counted.
     */
    private PlayException debitedTooLate(BetRow bet) {
        tx.executeWithoutResult(s -> settlement.rollback(bet, BetState.Transition.DEBITED_TOO_LATE, "debited_too_late"));
        boolean voided = rounds.find(bet.roundId()).map(x -> x.state() == RoundState.VOIDED).orElse(false);
        return voided
                ? new PlayException(409, "round_voided", "the round was voided before the wallet answered; the stake is refunded")
                : new PlayException(409, "betting_closed", "betting closed before the wallet answered; the stake is refunded");
    }

    /**
     * A bet refused before it has a row leaves no other trace, so the incident report counts it from here. Demo
     * sessions are left out: their play money never reaches the operator's wallet, so they are no incident's impact.
     */
    private void refused(PlaySession session, String reason) {
        if (!session.demo()) refusals.refused(session.operatorId(), session.playerRef(), session.gameCode(), reason);
    }

    private OperatorInfo requireActive(PlaySession session) {
        OperatorInfo op = operators.find(session.operatorId())
                .orElseThrow(() -> new PlayException(401, "invalid_session", "unknown operator"));
        return switch (op.status()) {
            case "ACTIVE" -> op;
            case "PAUSED" -> {
                refused(session, BetRefusals.OPERATOR_PAUSED);
                throw new PlayException(403, "operator_paused", "the operator is paused");
            }
            default -> throw new PlayException(401, "operator_terminated", "the operator is terminated");
        };
    }

    private static String canonicalSelection(TableGame game, String json) {
        try {
            return game.selectionJson(game.parseSelection(json));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PlayException(400, "invalid_selection", "selection must be {\"side\":\"LOW\"} or {\"side\":\"HIGH\"}");
        }
    }

    private static void checkAmount(long amountMicro, TableConfig cfg) {
        if (amountMicro < cfg.minBetMicro()) {
            throw new PlayException(422, "bet_below_min", "minimum bet is " + cfg.minBetMicro() + " micro");
        }
        if (amountMicro > cfg.maxBetMicro()) {
            throw new PlayException(422, "bet_above_max", "maximum bet is " + cfg.maxBetMicro() + " micro");
        }
    }
}
