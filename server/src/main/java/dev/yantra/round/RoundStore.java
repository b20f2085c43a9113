package dev.yantra.round;

import dev.yantra.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one place that writes rounds. Every write is fenced ({@link Fence}) and guarded by the expected state. */
public final class RoundStore {
    private static final String COLUMNS = """
            id, table_id, operator_id, game_code, currency, chain_id, nonce, server_seed_hash, server_seed,
            client_seed, config_version, config::text AS config, rng_version, state, outcome::text AS outcome,
            opened_at, betting_closes_at, rolling_at, result_at, settled_at, voided_at, total_stake_micro,
            total_payout_micro, bet_count""";

    private final JdbcClient jdbc;

    public RoundStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record NewRound(UUID id, UUID operatorId, String gameCode, String currency, UUID chainId, long nonce,
                           String serverSeedHash, String clientSeed, int configVersion, String configJson,
                           String rngVersion, String buildHash, Instant openedAt, Instant bettingClosesAt) {
    }

    public void insertOpen(Fence fence, NewRound r) {
        int rows = fence.bind(jdbc.sql("""
                INSERT INTO rounds (id, table_id, operator_id, game_code, currency, chain_id, nonce, server_seed_hash,
                       client_seed, config_version, config, rng_version, build_hash, lease_epoch, state,
                       opened_at, betting_closes_at)
                SELECT :id, g.id, :op, :game, :cur, :chain, :nonce, :hash, :client, :cv, CAST(:config AS jsonb),
                       :rng, :build, :fEpoch, 'BETTING_OPEN', :opened, :closes
                  FROM (""" + Fence.SQL + ") g"))
                .param("id", r.id()).param("op", r.operatorId()).param("game", r.gameCode()).param("cur", r.currency())
                .param("chain", r.chainId()).param("nonce", r.nonce()).param("hash", r.serverSeedHash())
                .param("client", r.clientSeed()).param("cv", r.configVersion()).param("config", r.configJson())
                .param("rng", r.rngVersion()).param("build", r.buildHash()).param("opened", ts(r.openedAt()))
                .param("closes", ts(r.bettingClosesAt()))
                .update();
        requireOne(fence, rows, "opening round " + r.id());
    }

    /** BETTING_OPEN → ROLLING. */
    public void closeBetting(Fence fence, UUID roundId, Instant now) {
        move(fence, roundId, RoundState.Transition.CLOSE_BETTING, "rolling_at = :now", null, now);
    }

    /** ROLLING → RESULT with the outcome and totals. */
    public void roll(Fence fence, UUID roundId, String outcomeJson, long stakeMicro, long payoutMicro, int bets, Instant now) {
        int rows = fence.bind(jdbc.sql("""
                UPDATE rounds SET state = 'RESULT', outcome = CAST(:outcome AS jsonb), result_at = :now,
                       total_stake_micro = :stake, total_payout_micro = :payout, bet_count = :bets
                 WHERE id = :id AND state = 'ROLLING' AND table_id IN (""" + Fence.SQL + ")"))
                .param("outcome", outcomeJson).param("now", ts(now)).param("stake", stakeMicro)
                .param("payout", payoutMicro).param("bets", bets).param("id", roundId)
                .update();
        requireOne(fence, rows, "rolling round " + roundId);
    }

    /** RESULT → SETTLED; the seed is revealed here and not before. */
    public void settle(Fence fence, UUID roundId, String serverSeed, Instant now) {
        move(fence, roundId, RoundState.Transition.SETTLE, "settled_at = :now, server_seed = :seed", serverSeed, now);
    }

    /** BETTING_OPEN or ROLLING → VOIDED; the seed is revealed (the round never produced a paid outcome). */
    public void voidRound(Fence fence, RoundRow round, String serverSeed, Instant now) {
        RoundState.Transition t = RoundState.Transition.of(round.state(), RoundState.VOIDED);
        move(fence, round.id(), t, "voided_at = :now, server_seed = :seed", serverSeed, now);
    }

    private void move(Fence fence, UUID roundId, RoundState.Transition t, String set, String seed, Instant now) {
        // Out of BETTING_OPEN (close or void): FOR UPDATE first, which waits for every acceptance in flight (each
        // holds the round FOR KEY SHARE, see BetStore.accept) and holds off new ones until this transaction ends,
        // so the bets this transaction then reads are the round's bets for good. Only inside a transaction.
        if (t.from == RoundState.BETTING_OPEN) {
            jdbc.sql("SELECT id FROM rounds WHERE id = :id FOR UPDATE").param("id", roundId).query(UUID.class).optional();
        }
        var spec = fence.bind(jdbc.sql("UPDATE rounds SET state = :to, " + set
                + " WHERE id = :id AND state = :from AND table_id IN (" + Fence.SQL + ")"))
                .param("to", t.to.name()).param("from", t.from.name()).param("id", roundId).param("now", ts(now));
        if (seed != null) spec = spec.param("seed", seed);
        requireOne(fence, spec.update(), t + " of round " + roundId);
    }

    /**
     * Reserves a bet's potential payout under the round's exposure limit while the round takes bets: BETTING_OPEN
     * and before its scheduled close by the database's clock, whether or not a leader has moved it on (a dead
     * leader's round stays BETTING_OPEN until the takeover). The row lock it takes holds the round in BETTING_OPEN
     * until the bet row is committed. Not fenced: bets are taken by any node; the leader's close waits for the lock.
     */
    public boolean reserveExposure(UUID roundId, long potentialMicro, long limitMicro) {
        return Rows.one(jdbc.sql("""
                UPDATE rounds SET exposure_micro = exposure_micro + :p
                 WHERE id = :id AND state = 'BETTING_OPEN' AND now() < betting_closes_at
                   AND exposure_micro + :p <= :limit""")
                .param("p", potentialMicro).param("id", roundId).param("limit", limitMicro).update(), "exposure reserve of round " + roundId);
    }

    /** The round takes bets now: BETTING_OPEN and before its close time, by the database's clock. */
    public boolean takesBets(UUID roundId) {
        return jdbc.sql("SELECT state = 'BETTING_OPEN' AND now() < betting_closes_at FROM rounds WHERE id = :id")
                .param("id", roundId).query(Boolean.class).optional().orElse(false);
    }

    /**
     * Gives back a refused bet's reservation. Never clamped: giving back more than was reserved is a bug, and the
     * column's CHECK (exposure_micro >= 0) then fails the transaction instead of hiding it.
     */
    public void releaseExposure(UUID roundId, long potentialMicro) {
        Rows.exactlyOne(jdbc.sql("UPDATE rounds SET exposure_micro = exposure_micro - :p WHERE id = :id")
                .param("p", potentialMicro).param("id", roundId).update(), "exposure release of round " + roundId);
    }

    public void recordVoidReason(UUID roundId, String reason) {
        Rows.exactlyOne(jdbc.sql("UPDATE rounds SET void_reason = :r WHERE id = :id").param("r", reason)
                .param("id", roundId).update(), "void reason of round " + roundId);
    }

    /** How long the bet path may reuse a table's open round without asking the database again. */
    static final long OPEN_ROUND_TTL_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(250);

    private record Open(RoundRow round, long readAtNanos) {
    }

    private final java.util.concurrent.ConcurrentHashMap<UUID, Open> open = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The table's round in BETTING_OPEN, remembered for at most {@value #OPEN_ROUND_TTL_NANOS} ns, for the bet path:
     * every bet of a busy table would otherwise read the same row. A stale answer costs no money: the PENDING write
     * and the accept check the round's state and close time themselves (by the database's clock), so a bet on a
     * round that closed or was voided meanwhile writes nothing, and the caller then {@link #forgetOpen forgets} the
     * entry and asks again. A table with no open round is never remembered.
     */
    public Optional<RoundRow> findOpenRecent(UUID tableId) {
        long now = System.nanoTime();
        Open o = open.get(tableId);
        if (o != null && now - o.readAtNanos() < OPEN_ROUND_TTL_NANOS) return Optional.of(o.round());
        Optional<RoundRow> read = findInFlight(tableId).filter(r -> r.state() == RoundState.BETTING_OPEN);
        if (read.isPresent()) {
            if (open.size() > 10_000) open.clear();   // bounded by the tables that run
            open.put(tableId, new Open(read.get(), now));
        } else {
            open.remove(tableId);
        }
        return read;
    }

    /** Drops the remembered open round of the table (a write found it closed). */
    public void forgetOpen(UUID tableId) {
        open.remove(tableId);
    }

    public Optional<RoundRow> findInFlight(UUID tableId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM rounds WHERE table_id = :t "
                        + "AND state IN ('BETTING_OPEN','ROLLING','RESULT') ORDER BY opened_at DESC LIMIT 1")
                .param("t", tableId).query(RoundStore::map).optional();
    }

    public Optional<RoundRow> lastFinished(UUID tableId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM rounds WHERE table_id = :t "
                        + "AND state IN ('SETTLED','VOIDED') ORDER BY opened_at DESC LIMIT 1")
                .param("t", tableId).query(RoundStore::map).optional();
    }

    public Optional<RoundRow> find(UUID roundId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM rounds WHERE id = :id").param("id", roundId)
                .query(RoundStore::map).optional();
    }

    public List<RoundRow> recent(UUID tableId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM rounds WHERE table_id = :t AND state = 'SETTLED' "
                        + "ORDER BY opened_at DESC LIMIT :n")
                .param("t", tableId).param("n", Math.min(Math.max(limit, 1), 100)).query(RoundStore::map).list();
    }

    static void requireOne(Fence fence, int rows, String what) {
        if (!Rows.one(rows, what)) throw new LeaseLostException(fence, what);
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    static RoundRow map(ResultSet rs, int n) throws SQLException {
        return new RoundRow(rs.getObject("id", UUID.class), rs.getObject("table_id", UUID.class),
                rs.getObject("operator_id", UUID.class), rs.getString("game_code"), rs.getString("currency"),
                rs.getObject("chain_id", UUID.class), rs.getLong("nonce"), rs.getString("server_seed_hash"),
                rs.getString("server_seed"), rs.getString("client_seed"), rs.getInt("config_version"),
                rs.getString("config"), rs.getString("rng_version"), RoundState.valueOf(rs.getString("state")),
                rs.getString("outcome"), instant(rs, "opened_at"), instant(rs, "betting_closes_at"),
                instant(rs, "rolling_at"), instant(rs, "result_at"), instant(rs, "settled_at"),
                instant(rs, "voided_at"), rs.getLong("total_stake_micro"), rs.getLong("total_payout_micro"),
                rs.getInt("bet_count"));
    }
}
