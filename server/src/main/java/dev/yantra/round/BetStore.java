package dev.yantra.round;

import dev.yantra.db.Rows;
import dev.yantra.round.port.BetState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one place that writes bets. Every state change is guarded by the expected state and row-count checked. */
public final class BetStore {
    private final JdbcClient jdbc;

    public BetStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a PENDING bet; false when (session, requestUuid) exists already (an idempotent repeat). */
    public boolean insertPending(BetRow b) {
        return insertPending(b, null);
    }

    /** requestHash: the SHA-256 of the request's canonical body, which a replay of its requestUuid must match. */
    public boolean insertPending(BetRow b, String requestHash) {
        if (b.amountMicro() <= 0) throw new IllegalArgumentException("stake must be > 0, was " + b.amountMicro());
        int rows = jdbc.sql("""
                INSERT INTO bets (id, round_id, session_id, operator_id, player_ref, currency, mode, request_uuid,
                       transaction_uuid, amount_micro, selection, side, state, request_hash)
                VALUES (:id, :round, :session, :op, :player, :cur, :mode, :req, :tx, :amt, CAST(:sel AS jsonb), :side, 'PENDING', :hash)
                ON CONFLICT (session_id, request_uuid) DO NOTHING""")
                .param("hash", requestHash)
                .param("id", b.id()).param("round", b.roundId()).param("session", b.sessionId())
                .param("op", b.operatorId()).param("player", b.playerRef()).param("cur", b.currency())
                .param("mode", b.mode()).param("req", b.requestUuid()).param("tx", b.transactionUuid())
                .param("amt", b.amountMicro()).param("sel", b.selectionJson()).param("side", b.side())
                .update();
        return Rows.one(rows, "insert of bet " + b.id());
    }

    /** What {@link #insertPendingReserving} did. */
    public enum Placement {
        /** The PENDING row is written and the round's exposure reserved for it. */
        INSERTED,
        /** Nothing written: the round no longer takes bets or has no room for this one's potential payout. */
        NOT_RESERVED,
        /** Nothing written: an earlier request of this session has this requestUuid (an idempotent repeat). */
        REPLAY
    }

    /**
     * The PENDING row and the round's exposure reservation in one statement, so one commit and one round trip: the
     * bet is written only if the round (BETTING_OPEN, before its close time by the database's clock) has room for
     * {@code potentialMicro} under {@code limitMicro}, and the reservation stands only if the bet is written (a
     * unique violation undoes the whole statement). The round row stays locked only while the statement commits.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the player already has a bet on this side of the round
     */
    public Placement insertPendingReserving(BetRow b, String requestHash, long potentialMicro, long limitMicro) {
        if (b.amountMicro() <= 0) throw new IllegalArgumentException("stake must be > 0, was " + b.amountMicro());
        try {
            int rows = jdbc.sql("""
                    WITH reserved AS (
                      UPDATE rounds SET exposure_micro = exposure_micro + :p
                       WHERE id = :round AND state = 'BETTING_OPEN' AND now() < betting_closes_at
                         AND exposure_micro + :p <= :limit
                      RETURNING id)
                    INSERT INTO bets (id, round_id, session_id, operator_id, player_ref, currency, mode, request_uuid,
                           transaction_uuid, amount_micro, selection, side, state, request_hash)
                    SELECT CAST(:id AS uuid), reserved.id, CAST(:session AS uuid), CAST(:op AS uuid), CAST(:player AS text),
                           CAST(:cur AS text), CAST(:mode AS text), CAST(:req AS uuid), CAST(:tx AS uuid), CAST(:amt AS bigint),
                           CAST(:sel AS jsonb), CAST(:side AS text), 'PENDING', CAST(:hash AS text)
                      FROM reserved""")
                    .param("p", potentialMicro).param("round", b.roundId()).param("limit", limitMicro)
                    .param("hash", requestHash)
                    .param("id", b.id()).param("session", b.sessionId())
                    .param("op", b.operatorId()).param("player", b.playerRef()).param("cur", b.currency())
                    .param("mode", b.mode()).param("req", b.requestUuid()).param("tx", b.transactionUuid())
                    .param("amt", b.amountMicro()).param("sel", b.selectionJson()).param("side", b.side())
                    .update();
            return Rows.one(rows, "insert of bet " + b.id()) ? Placement.INSERTED : Placement.NOT_RESERVED;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            if (REQUEST_KEY.equals(constraint(e))) return Placement.REPLAY;
            throw e;
        }
    }

    /** The unique constraint on (session_id, request_uuid): a repeat of a request, not a second bet. */
    static final String REQUEST_KEY = "bets_session_id_request_uuid_key";

    private static String constraint(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
                return p.getServerErrorMessage().getConstraint();
            }
        }
        return null;
    }

    /**
     * A guarded move; false when the bet is no longer in {@code t.from} (someone else moved it first). Not for
     * {@link BetState.Transition#DEBITED}: a bet becomes ACCEPTED only through {@link #accept}.
     */
    public boolean move(UUID betId, BetState.Transition t, String reason) {
        if (t == BetState.Transition.DEBITED) throw new IllegalArgumentException("a bet is accepted only through accept()");
        return Rows.one(jdbc.sql("""
                UPDATE bets SET state = :to, reason = coalesce(:reason, reason), updated_at = now(),
                       settled_at = CASE WHEN :final THEN now() ELSE settled_at END
                 WHERE id = :id AND state = :from""")
                .param("to", t.to.name()).param("reason", reason).param("final", BetState.FINAL.contains(t.to))
                .param("id", betId).param("from", t.from.name()).update(), "move of bet " + betId);
    }

    /**
     * PENDING → ACCEPTED, only while the bet's round still takes bets: BETTING_OPEN and before its close time by
     * the database's clock. The round row is locked FOR KEY SHARE by the same statement, and every move of a round
     * out of BETTING_OPEN locks it FOR UPDATE first ({@link RoundStore}), so an acceptance and a void (or the close)
     * of its round serialize: either the bet is ACCEPTED before the void, which then refunds it, or the void comes
     * first and this finds no open round. One statement, returning the row the player is answered with; empty when
     * the bet was not PENDING or its round no longer takes bets (the caller owes the stake back).
     */
    public Optional<BetRow> accept(BetRow bet) {
        List<BetRow> rows = jdbc.sql("""
                WITH open_round AS (
                  SELECT id FROM rounds WHERE id = :round AND state = 'BETTING_OPEN' AND now() < betting_closes_at
                  FOR KEY SHARE)
                UPDATE bets SET state = 'ACCEPTED', accepted_at = now(), updated_at = now()
                 WHERE id = :id AND state = 'PENDING' AND round_id IN (SELECT id FROM open_round)
                RETURNING *, selection::text AS sel""")
                .param("round", bet.roundId()).param("id", bet.id()).query(BetStore::map).list();
        Rows.one(rows.size(), "bet lookup");
        return rows.stream().findFirst();
    }

    /**
     * {@link #accept} with the BET call's journal row written by the same statement (a data-modifying CTE, which
     * runs whether or not the bet moves): one commit for both. The row is written even when the round no longer
     * takes bets (the wallet did take the money); the statement failing writes neither, and the caller journals
     * the row on its own.
     */
    public Optional<BetRow> acceptJournaled(BetRow bet, dev.yantra.round.port.WalletPort.JournalRow journal) {
        List<Object> params = new ArrayList<>(journal.params());
        params.add(bet.roundId());
        params.add(bet.id());
        List<BetRow> rows = jdbc.sql("WITH journal AS (" + journal.insertSql() + """
                ), open_round AS (
                  SELECT id FROM rounds WHERE id = ? AND state = 'BETTING_OPEN' AND now() < betting_closes_at
                  FOR KEY SHARE)
                UPDATE bets SET state = 'ACCEPTED', accepted_at = now(), updated_at = now()
                 WHERE id = ? AND state = 'PENDING' AND round_id IN (SELECT id FROM open_round)
                RETURNING *, selection::text AS sel""")
                .params(params).query(BetStore::map).list();
        Rows.one(rows.size(), "bet lookup");
        return rows.stream().findFirst();
    }

    /** ACCEPTED → WIN_OWED (or WON for demo money) with the payout and the WIN transaction id. */
    public boolean settleWin(UUID betId, BetState.Transition t, long payoutMicro, UUID winTransactionUuid) {
        return Rows.one(jdbc.sql("""
                UPDATE bets SET state = :to, payout_micro = :p, win_transaction_uuid = :wtx, updated_at = now(),
                       settled_at = CASE WHEN :final THEN now() ELSE settled_at END
                 WHERE id = :id AND state = :from""")
                .param("to", t.to.name()).param("p", payoutMicro).param("wtx", winTransactionUuid)
                .param("final", BetState.FINAL.contains(t.to)).param("id", betId).param("from", t.from.name())
                .update(), "win of bet " + betId);
    }

    /** One winner for {@link #settleWins}: the bet, its payout and its WIN transaction id. */
    public record Win(UUID betId, long payoutMicro, UUID winTransactionUuid) {
    }

    /**
     * {@link #settleWin} for many bets in one statement (a round's winners): each moves only from {@code t.from};
     * returns the ids that moved, so the caller can check every one did.
     */
    public java.util.Set<UUID> settleWins(BetState.Transition t, List<Win> wins) {
        if (wins.isEmpty()) return java.util.Set.of();
        UUID[] ids = new UUID[wins.size()];
        Long[] payouts = new Long[wins.size()];
        UUID[] winTxs = new UUID[wins.size()];
        for (int i = 0; i < wins.size(); i++) {
            ids[i] = wins.get(i).betId();
            payouts[i] = wins.get(i).payoutMicro();
            winTxs[i] = wins.get(i).winTransactionUuid();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                UPDATE bets b SET state = :to, payout_micro = w.payout, win_transaction_uuid = w.wtx, updated_at = now(),
                       settled_at = CASE WHEN :final THEN now() ELSE b.settled_at END
                  FROM unnest(CAST(:ids AS uuid[]), CAST(:payouts AS int8[]), CAST(:wtxs AS uuid[])) AS w(id, payout, wtx)
                 WHERE b.id = w.id AND b.state = :from
                RETURNING b.id""")
                .param("to", t.to.name()).param("final", BetState.FINAL.contains(t.to)).param("from", t.from.name())
                .param("ids", ids).param("payouts", payouts).param("wtxs", winTxs).query(UUID.class).list());
    }

    /** {@link #move} for many bets in one statement; returns the ids that moved (the others were not in {@code t.from}). */
    public List<UUID> moveAll(List<UUID> betIds, BetState.Transition t) {
        if (t == BetState.Transition.DEBITED) throw new IllegalArgumentException("a bet is accepted only through accept()");
        if (betIds.isEmpty()) return List.of();
        return jdbc.sql("""
                UPDATE bets SET state = :to, updated_at = now(),
                       settled_at = CASE WHEN :final THEN now() ELSE settled_at END
                 WHERE id = ANY(:ids) AND state = :from
                RETURNING id""")
                .param("to", t.to.name()).param("final", BetState.FINAL.contains(t.to))
                .param("ids", betIds.toArray(UUID[]::new)).param("from", t.from.name()).query(UUID.class).list();
    }

    /** Every ACCEPTED bet of the round becomes LOST except the given winners; returns how many. */
    public int markLosers(UUID roundId, List<UUID> winners) {
        return jdbc.sql("""
                UPDATE bets SET state = 'LOST', payout_micro = 0, updated_at = now(), settled_at = now()
                 WHERE round_id = :r AND state = 'ACCEPTED' AND NOT (id = ANY(:w))""")
                .param("r", roundId).param("w", winners.toArray(new UUID[0])).update();
    }

    /** ACCEPTED/UNCERTAIN/PENDING → a refund state with the ROLLBACK transaction id. */
    public boolean refund(UUID betId, BetState.Transition t, UUID refundTransactionUuid, String reason) {
        return Rows.one(jdbc.sql("""
                UPDATE bets SET state = :to, refund_transaction_uuid = :rtx, reason = coalesce(:reason, reason),
                       updated_at = now(), settled_at = CASE WHEN :final THEN now() ELSE settled_at END
                 WHERE id = :id AND state = :from""")
                .param("to", t.to.name()).param("rtx", refundTransactionUuid).param("reason", reason)
                .param("final", BetState.FINAL.contains(t.to)).param("id", betId).param("from", t.from.name())
                .update(), "refund of bet " + betId);
    }

    /** Demo play money: debit only when the balance covers it. */
    public boolean debitDemo(UUID sessionId, long amountMicro) {
        return Rows.one(jdbc.sql("""
                UPDATE game_sessions SET demo_balance_micro = demo_balance_micro - :a
                 WHERE id = :id AND mode = 'demo' AND demo_balance_micro >= :a""")
                .param("a", amountMicro).param("id", sessionId).update(), "demo debit of session " + sessionId);
    }

    public void creditDemo(UUID sessionId, long amountMicro) {
        Rows.exactlyOne(jdbc.sql("UPDATE game_sessions SET demo_balance_micro = demo_balance_micro + :a WHERE id = :id AND mode = 'demo'")
                .param("a", amountMicro).param("id", sessionId).update(), "demo credit of session " + sessionId);
    }

    public Long demoBalance(UUID sessionId) {
        return jdbc.sql("SELECT demo_balance_micro FROM game_sessions WHERE id = :id").param("id", sessionId)
                .query((rs, n) -> (Long) rs.getObject(1)).optional().orElse(null);
    }

    public Optional<BetRow> findByRequest(UUID sessionId, UUID requestUuid) {
        return jdbc.sql("SELECT * , selection::text AS sel FROM bets WHERE session_id = :s AND request_uuid = :r")
                .param("s", sessionId).param("r", requestUuid).query(BetStore::map).optional();
    }

    /** The canonical-body hash the bet was placed with; empty for bets placed without one. */
    public Optional<String> requestHash(UUID betId) {
        return jdbc.sql("SELECT request_hash FROM bets WHERE id = :id").param("id", betId).query(String.class).optional();
    }

    public Optional<BetRow> find(UUID betId) {
        return jdbc.sql("SELECT *, selection::text AS sel FROM bets WHERE id = :id").param("id", betId)
                .query(BetStore::map).optional();
    }

    public List<BetRow> forRound(UUID roundId, BetState state) {
        return jdbc.sql("SELECT *, selection::text AS sel FROM bets WHERE round_id = :r AND state = :s ORDER BY created_at, id")
                .param("r", roundId).param("s", state.name()).query(BetStore::map).list();
    }

    public List<BetRow> recentForSession(UUID sessionId, int limit) {
        return jdbc.sql("SELECT *, selection::text AS sel FROM bets WHERE session_id = :s ORDER BY created_at DESC LIMIT :n")
                .param("s", sessionId).param("n", Math.min(Math.max(limit, 1), 100)).query(BetStore::map).list();
    }

    public int count(UUID roundId, BetState state) {
        return jdbc.sql("SELECT count(*) FROM bets WHERE round_id = :r AND state = :s")
                .param("r", roundId).param("s", state.name()).query(Integer.class).single();
    }

    public boolean hasOpenJob(UUID betId, String endpoint) {
        return jdbc.sql("SELECT count(*) FROM pending_wallet_jobs WHERE bet_id = :b AND endpoint = :e")
                .param("b", betId).param("e", endpoint).query(Integer.class).single() > 0;
    }

    /** Which of these bets have an open wallet job at {@code endpoint}: one query for a round's winners. */
    public java.util.Set<UUID> withOpenJob(List<UUID> betIds, String endpoint) {
        if (betIds.isEmpty()) return java.util.Set.of();
        return new java.util.HashSet<>(jdbc.sql("SELECT DISTINCT bet_id FROM pending_wallet_jobs WHERE bet_id = ANY(:b) AND endpoint = :e")
                .param("b", betIds.toArray(UUID[]::new)).param("e", endpoint).query(UUID.class).list());
    }

    static BetRow map(ResultSet rs, int n) throws SQLException {
        return new BetRow(rs.getObject("id", UUID.class), rs.getObject("round_id", UUID.class),
                rs.getObject("session_id", UUID.class), rs.getObject("operator_id", UUID.class),
                rs.getString("player_ref"), rs.getString("currency"), rs.getString("mode"),
                rs.getObject("request_uuid", UUID.class), rs.getObject("transaction_uuid", UUID.class),
                rs.getLong("amount_micro"), rs.getString("sel"), rs.getString("side"),
                BetState.valueOf(rs.getString("state")), rs.getString("reason"), (Long) rs.getObject("payout_micro"),
                rs.getObject("win_transaction_uuid", UUID.class), rs.getObject("refund_transaction_uuid", UUID.class),
                RoundStore.instant(rs, "created_at"));
    }
}
