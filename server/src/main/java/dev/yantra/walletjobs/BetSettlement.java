package dev.yantra.walletjobs;

import dev.yantra.db.Rows;
import dev.yantra.round.port.BetState;
import dev.yantra.round.port.BetState.Transition;
import dev.yantra.wallet.protocol.WalletEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a completed job does to its bet, as data: every move a job completion may make, each one of the bet state
 * table's transitions ({@link BetState.Transition}), so the legal moves are written once. Applied
 * with a guarded UPDATE (WHERE state = from) whose row count is checked, in the transaction that completes the job.
 * No completion makes a bet ACCEPTED (only the bet path does, through round.BetStore.accept, which checks the round
 * still takes bets): a late answer to a job can only finish a win or give a stake back, whatever its round's state.
 */
public enum BetSettlement {
    WIN_CREDITED(WalletEndpoint.WIN, Kind.MONEY_MOVED, Transition.CREDITED, null),
    UNCERTAIN_ROLLED_BACK(WalletEndpoint.ROLLBACK, Kind.MONEY_MOVED, Transition.ROLLED_BACK, null),
    REFUND_PAID(WalletEndpoint.ROLLBACK, Kind.MONEY_MOVED, Transition.REFUND, null),
    UNCERTAIN_NEVER_DEBITED(WalletEndpoint.ROLLBACK, Kind.NOTHING_MOVED, Transition.NEVER_DEBITED, null),
    REFUND_NOT_FOUND_AT_OPERATOR(WalletEndpoint.ROLLBACK, Kind.NOTHING_MOVED, Transition.REFUND, "NOT_FOUND_AT_OPERATOR");

    /** How the job ended: the wallet moved (or had moved) the money, or says nothing had moved. */
    public enum Kind { MONEY_MOVED, NOTHING_MOVED }

    public final WalletEndpoint endpoint;
    public final Kind kind;
    /** The bet's move, one of the bet state table's ({@link BetState.Transition}); from and to are its names. */
    public final Transition transition;
    public final String from;
    public final String to;
    public final String resolution;

    BetSettlement(WalletEndpoint endpoint, Kind kind, Transition transition, String resolution) {
        this.endpoint = endpoint;
        this.kind = kind;
        this.transition = transition;
        this.from = transition.from.name();
        this.to = transition.to.name();
        this.resolution = resolution;
    }

    /** A move that happened: which transition, from and to. Empty list when the bet was not in a matching state. */
    public record Applied(BetSettlement transition, UUID betId) {
    }

    static List<BetSettlement> candidates(WalletEndpoint endpoint, Kind kind) {
        List<BetSettlement> out = new ArrayList<>();
        for (BetSettlement s : values()) if (s.endpoint == endpoint && s.kind == kind) out.add(s);
        return out;
    }

    /**
     * {@link #WIN_CREDITED} for many bets in one guarded UPDATE (WHERE state = 'WIN_OWED'): the ids it moved.
     * A bet not returned was not WIN_OWED, which the caller reports as {@link #apply} returning null would.
     */
    static java.util.Set<UUID> applyWins(JdbcClient jdbc, List<UUID> betIds) {
        BetSettlement s = WIN_CREDITED;
        String[] ids = betIds.stream().map(UUID::toString).toArray(String[]::new);
        List<UUID> moved = jdbc.sql("""
                        UPDATE bets SET state = :to, resolution = coalesce(:resolution, resolution),
                               settled_at = coalesce(settled_at, now()), updated_at = now()
                        WHERE id = ANY (CAST(:ids AS uuid[])) AND state = :from
                        RETURNING id""")
                .param("to", s.to).param("resolution", s.resolution).param("ids", ids).param("from", s.from)
                .query(UUID.class).list();
        java.util.Set<UUID> out = new java.util.HashSet<>(moved);
        if (out.size() != moved.size() || !new java.util.HashSet<>(betIds).containsAll(out)) {
            throw new IllegalStateException("bet update " + s + " of " + betIds.size() + " bets changed rows " + moved);
        }
        return out;
    }

    /**
     * Moves the bet by the one transition that matches its current state. {@code manualReason} non-null records
     * resolution='MANUAL' and the reason. Returns the transition applied, or null when none matched (the bet
     * was already moved, or is in a state no job completion may touch).
     */
    static BetSettlement apply(JdbcClient jdbc, UUID betId, WalletEndpoint endpoint, Kind kind, UUID transactionUuid,
                               String manualReason) {
        for (BetSettlement s : candidates(endpoint, kind)) {
            String resolution = manualReason != null ? "MANUAL" : s.resolution;
            int rows = jdbc.sql("""
                            UPDATE bets SET state = :to, resolution = coalesce(:resolution, resolution),
                                   reason = coalesce(:reason, reason),
                                   refund_transaction_uuid = CASE WHEN :refund THEN :tx ELSE refund_transaction_uuid END,
                                   settled_at = coalesce(settled_at, now()), updated_at = now()
                            WHERE id = :bet AND state = :from""")
                    .param("to", s.to).param("resolution", resolution)
                    .param("reason", manualReason == null ? null : "manual: " + manualReason)
                    .param("refund", s.endpoint == WalletEndpoint.ROLLBACK).param("tx", transactionUuid)
                    .param("bet", betId).param("from", s.from)
                    .update();
            Rows.one(rows, "bet " + betId + " update " + s);
            if (rows == 1) return s;
        }
        return null;
    }
}
