package dev.yantra.demowallet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The operator's side of the money: a balance per (player, currency) and every transaction, idempotent by
 * transactionUuid, in its own tables (prefix demo_wallet_) of whatever database it is given. Each operation is
 * one database transaction that locks the player's row first, so concurrent calls for one player serialise and
 * a balance can never go negative (also a CHECK).
 *
 * <p>A rollback of a bet the ledger never saw records a VOID tombstone under the bet's transactionUuid, so a
 * bet arriving late with that uuid is refused (RS_ERROR_TRANSACTION_ALREADY_ROLLED_BACK) instead of debiting.
 */
public final class DemoLedger {
    public static final long DEFAULT_STARTING_BALANCE_MICRO = 1_000_000_000L;

    public record Answer(String status, long balanceMicro) {
    }

    private final DataSource ds;
    private final long startingBalanceMicro;

    public DemoLedger(DataSource ds, long startingBalanceMicro) {
        if (startingBalanceMicro < 0) throw new IllegalArgumentException("startingBalanceMicro must be >= 0, was " + startingBalanceMicro);
        this.ds = ds;
        this.startingBalanceMicro = startingBalanceMicro;
    }

    /** Creates the demo tables if missing; an advisory lock keeps two wallets starting at once from racing. */
    public void createTables() {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(7216354)");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS demo_wallet_players (
                          player_ref    text NOT NULL,
                          currency      text NOT NULL,
                          balance_micro bigint NOT NULL CHECK (balance_micro >= 0),
                          initial_micro bigint NOT NULL,
                          created_at    timestamptz NOT NULL DEFAULT now(),
                          updated_at    timestamptz NOT NULL DEFAULT now(),
                          PRIMARY KEY (player_ref, currency))""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS demo_wallet_transactions (
                          transaction_uuid           uuid PRIMARY KEY,
                          kind                       text NOT NULL CHECK (kind IN ('BET', 'WIN', 'ROLLBACK', 'VOID')),
                          player_ref                 text NOT NULL,
                          currency                   text NOT NULL,
                          amount_micro               bigint NOT NULL CHECK (amount_micro >= 0),
                          reference_transaction_uuid uuid,
                          round_id                   uuid,
                          request_uuid               uuid,
                          operator_id                text,
                          kid                        text,
                          result_status              text NOT NULL,
                          rolled_back                boolean NOT NULL DEFAULT false,
                          created_at                 timestamptz NOT NULL DEFAULT now())""");
                s.execute("CREATE INDEX IF NOT EXISTS demo_wallet_transactions_player ON demo_wallet_transactions (player_ref, currency)");
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create demo wallet tables: " + e.getMessage(), e);
        }
    }

    /** Common fields of a money call. amountMicro is ignored for rollbacks (the bet's amount comes back). */
    public record Tx(UUID transactionUuid, UUID referenceTransactionUuid, String playerRef, String currency,
                     long amountMicro, UUID roundId, UUID requestUuid, String operatorId, String kid) {
    }

    public Answer balance(String playerRef, String currency) {
        return inTx(c -> new Answer("RS_OK", lockPlayer(c, playerRef, currency)));
    }

    public Answer bet(Tx tx) {
        Optional<Answer> fast = fastPath(BET_FAST, tx);
        if (fast.isPresent()) return fast.get();
        return inTx(c -> {
            long balance = lockPlayer(c, tx.playerRef(), tx.currency());
            if (tx.amountMicro() > balance) {
                // a repeat of a bet that went through is still a duplicate, whatever the balance is now
                Optional<Row> existing = find(c, tx.transactionUuid(), false);
                return existing.map(r -> repeatOfBet(r, balance)).orElse(new Answer("RS_ERROR_NOT_ENOUGH_MONEY", balance));
            }
            if (!insert(c, "BET", tx, tx.amountMicro(), "RS_OK")) {
                Row existing = find(c, tx.transactionUuid(), false)
                        .orElseThrow(() -> new SQLException("transaction vanished after a conflict; retry", "40001"));
                return repeatOfBet(existing, balance);
            }
            return new Answer("RS_OK", move(c, tx.playerRef(), tx.currency(), -tx.amountMicro()));
        });
    }

    private static Answer repeatOfBet(Row existing, long balance) {
        return new Answer(existing.kind.equals("VOID") ? "RS_ERROR_TRANSACTION_ALREADY_ROLLED_BACK"
                : "RS_ERROR_DUPLICATE_TRANSACTION", balance);
    }

    public Answer win(Tx tx) {
        return win(tx, false);
    }

    /**
     * {@code creditRepeats}: the contract breach of a wallet that is not idempotent on WIN — a repeat of a win
     * already credited credits again and answers RS_OK (nothing records it: such a wallet's books do not add up).
     */
    public Answer win(Tx tx, boolean creditRepeats) {
        Optional<Answer> fast = fastPath(WIN_FAST, tx);
        if (fast.isPresent()) return fast.get();
        return inTx(c -> {
            long balance = lockPlayer(c, tx.playerRef(), tx.currency());
            if (!insert(c, "WIN", tx, tx.amountMicro(), "RS_OK")) {
                if (creditRepeats) return new Answer("RS_OK", move(c, tx.playerRef(), tx.currency(), tx.amountMicro()));
                return new Answer("RS_ERROR_DUPLICATE_TRANSACTION", balance);
            }
            return new Answer("RS_OK", move(c, tx.playerRef(), tx.currency(), tx.amountMicro()));
        });
    }

    public Answer rollback(Tx tx) {
        return rollback(tx, 0);
    }

    /**
     * {@code creditForUnknownBetMicro} > 0: the contract breach of a wallet that answers RS_OK to a rollback of a
     * bet it never saw and credits that much, instead of answering RS_ERROR_TRANSACTION_DOES_NOT_EXIST.
     */
    public Answer rollback(Tx tx, long creditForUnknownBetMicro) {
        if (creditForUnknownBetMicro < 0) throw new IllegalArgumentException("creditForUnknownBetMicro must be >= 0");
        return inTx(c -> {
            long balance = lockPlayer(c, tx.playerRef(), tx.currency());
            Optional<Row> again = find(c, tx.transactionUuid(), false);
            if (again.isPresent()) {
                // A repeat replays what the first one meant: money back stays "duplicate", nothing-found stays so.
                String first = again.get().resultStatus;
                return new Answer(first.equals("RS_OK") ? "RS_ERROR_DUPLICATE_TRANSACTION" : first, balance);
            }
            Optional<Row> bet = find(c, tx.referenceTransactionUuid(), true);
            if (bet.isEmpty() && creditForUnknownBetMicro > 0) {
                if (!insert(c, "ROLLBACK", tx, creditForUnknownBetMicro, "RS_OK")) {
                    throw new SQLException("rollback inserted concurrently; retry", "40001");
                }
                return new Answer("RS_OK", move(c, tx.playerRef(), tx.currency(), creditForUnknownBetMicro));
            }
            if (bet.isEmpty()) {
                Tx tomb = new Tx(tx.referenceTransactionUuid(), null, tx.playerRef(), tx.currency(), 0, tx.roundId(),
                        tx.requestUuid(), tx.operatorId(), tx.kid());
                if (!insert(c, "VOID", tomb, 0, "RS_ERROR_TRANSACTION_DOES_NOT_EXIST")) {
                    throw new SQLException("the referenced bet appeared concurrently; retry", "40001");
                }
                return record(c, tx, 0, "RS_ERROR_TRANSACTION_DOES_NOT_EXIST", balance);
            }
            Row b = bet.get();
            if (!b.kind.equals("BET")) return record(c, tx, 0, "RS_ERROR_TRANSACTION_DOES_NOT_EXIST", balance);
            if (b.rolledBack) return record(c, tx, 0, "RS_ERROR_TRANSACTION_ALREADY_ROLLED_BACK", balance);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE demo_wallet_transactions SET rolled_back = true WHERE transaction_uuid = ? AND NOT rolled_back")) {
                ps.setObject(1, b.uuid);
                int rows = ps.executeUpdate();
                if (rows != 1) throw new IllegalStateException("rollback of " + b.uuid + " updated " + rows + " rows");
            }
            if (!insert(c, "ROLLBACK", tx, b.amountMicro, "RS_OK")) {
                throw new IllegalStateException("rollback " + tx.transactionUuid() + " inserted concurrently under a player lock");
            }
            long after = move(c, b.playerRef, b.currency, b.amountMicro);
            boolean samePlayer = b.playerRef.equals(tx.playerRef()) && b.currency.equals(tx.currency());
            return new Answer("RS_OK", samePlayer ? after : balance);
        });
    }

    /*
     * The common case of a bet or a win in one statement and one round trip (autocommit): an existing player, a
     * new transactionUuid, and for a bet enough money. The player's row is locked (bet: FOR UPDATE first; win:
     * by the UPDATE) before it changes, as in the slow path. Anything else — first sight of a player, a repeat,
     * not enough money — changes nothing here and takes the slow path, which answers it.
     */
    private static final String BET_FAST = """
            WITH p AS (SELECT balance_micro FROM demo_wallet_players WHERE player_ref = ? AND currency = ? FOR UPDATE),
            ins AS (INSERT INTO demo_wallet_transactions (transaction_uuid, kind, player_ref, currency, amount_micro,
                           reference_transaction_uuid, round_id, request_uuid, operator_id, kid, result_status)
                    SELECT ?, 'BET', ?, ?, ?, ?, ?, ?, ?, ?, 'RS_OK' FROM p WHERE p.balance_micro >= ?
                    ON CONFLICT (transaction_uuid) DO NOTHING RETURNING amount_micro)
            UPDATE demo_wallet_players SET balance_micro = balance_micro - (SELECT amount_micro FROM ins), updated_at = now()
            WHERE player_ref = ? AND currency = ? AND EXISTS (SELECT 1 FROM ins) RETURNING balance_micro""";
    private static final String WIN_FAST = """
            WITH p AS (SELECT 1 FROM demo_wallet_players WHERE player_ref = ? AND currency = ?),
            ins AS (INSERT INTO demo_wallet_transactions (transaction_uuid, kind, player_ref, currency, amount_micro,
                           reference_transaction_uuid, round_id, request_uuid, operator_id, kid, result_status)
                    SELECT ?, 'WIN', ?, ?, ?, ?, ?, ?, ?, ?, 'RS_OK' FROM p WHERE ? >= 0
                    ON CONFLICT (transaction_uuid) DO NOTHING RETURNING amount_micro)
            UPDATE demo_wallet_players SET balance_micro = balance_micro + (SELECT amount_micro FROM ins), updated_at = now()
            WHERE player_ref = ? AND currency = ? AND EXISTS (SELECT 1 FROM ins) RETURNING balance_micro""";

    /** RS_OK and the new balance when the one-statement path applied; empty when the slow path must decide. */
    private Optional<Answer> fastPath(String sql, Tx tx) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (!c.getAutoCommit()) c.setAutoCommit(true);
            int i = 1;
            ps.setString(i++, tx.playerRef());
            ps.setString(i++, tx.currency());
            ps.setObject(i++, tx.transactionUuid());
            ps.setString(i++, tx.playerRef());
            ps.setString(i++, tx.currency());
            ps.setLong(i++, tx.amountMicro());
            ps.setObject(i++, tx.referenceTransactionUuid());
            ps.setObject(i++, tx.roundId());
            ps.setObject(i++, tx.requestUuid());
            ps.setString(i++, tx.operatorId());
            ps.setString(i++, tx.kid());
            ps.setLong(i++, tx.amountMicro());
            ps.setString(i++, tx.playerRef());
            ps.setString(i, tx.currency());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                long balance = rs.getLong(1);
                if (rs.next()) throw new IllegalStateException("more than one player row for " + tx.playerRef() + "/" + tx.currency());
                return Optional.of(new Answer("RS_OK", balance));
            }
        } catch (SQLException e) {
            // a race with a concurrent repeat (unique/deadlock/serialisation) rolled the statement back: decide slowly
            if ("40001".equals(e.getSQLState()) || "23505".equals(e.getSQLState()) || "40P01".equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw new IllegalStateException("demo ledger: " + e.getMessage(), e);
        }
    }

    private Answer record(Connection c, Tx tx, long amount, String status, long balance) throws SQLException {
        if (!insert(c, "ROLLBACK", tx, amount, status)) {
            throw new SQLException("rollback inserted concurrently; retry", "40001");
        }
        return new Answer(status, balance);
    }

    // ---- queries for tests and the admin API ----

    public Optional<Map<String, Object>> player(String playerRef, String currency) {
        List<Map<String, Object>> rows = summary("WHERE p.player_ref = ? AND p.currency = ?", playerRef, currency);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** Per (player, currency): balance, starting balance and the sums that explain the difference. */
    public List<Map<String, Object>> ledger() {
        return summary("", (Object[]) new String[0]);
    }

    public Optional<Map<String, Object>> transaction(UUID transactionUuid) {
        try (Connection c = ds.getConnection()) {
            return find(c, transactionUuid, false).map(Row::toJson);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private List<Map<String, Object>> summary(String where, Object... params) {
        String sql = """
                SELECT p.player_ref, p.currency, p.balance_micro, p.initial_micro,
                       coalesce(sum(t.amount_micro) FILTER (WHERE t.kind = 'BET'), 0) AS bets,
                       coalesce(sum(t.amount_micro) FILTER (WHERE t.kind = 'WIN'), 0) AS wins,
                       coalesce(sum(t.amount_micro) FILTER (WHERE t.kind = 'ROLLBACK'), 0) AS rollbacks,
                       count(t.transaction_uuid) AS transactions
                FROM demo_wallet_players p
                LEFT JOIN demo_wallet_transactions t ON t.player_ref = p.player_ref AND t.currency = p.currency
                """ + where + " GROUP BY p.player_ref, p.currency ORDER BY p.player_ref, p.currency LIMIT 100000";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("playerRef", rs.getString(1));
                    m.put("currency", rs.getString(2));
                    m.put("balanceMicro", String.valueOf(rs.getLong(3)));
                    m.put("initialMicro", String.valueOf(rs.getLong(4)));
                    m.put("betsMicro", String.valueOf(rs.getLong(5)));
                    m.put("winsMicro", String.valueOf(rs.getLong(6)));
                    m.put("rollbacksMicro", String.valueOf(rs.getLong(7)));
                    m.put("transactions", rs.getLong(8));
                    out.add(m);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    // ---- internals ----

    private record Row(UUID uuid, String kind, String playerRef, String currency, long amountMicro, String resultStatus,
                       boolean rolledBack) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("transactionUuid", uuid.toString());
            m.put("kind", kind);
            m.put("playerRef", playerRef);
            m.put("currency", currency);
            m.put("amountMicro", String.valueOf(amountMicro));
            m.put("resultStatus", resultStatus);
            m.put("rolledBack", rolledBack);
            return m;
        }
    }

    @FunctionalInterface
    private interface Work {
        Answer run(Connection c) throws SQLException;
    }

    /** One transaction; a serialisation/unique race (40001/23505) is retried a bounded number of times. */
    private Answer inTx(Work work) {
        SQLException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try {
                    Answer a = work.run(c);
                    c.commit();
                    return a;
                } catch (SQLException e) {
                    c.rollback();
                    if (!"40001".equals(e.getSQLState()) && !"23505".equals(e.getSQLState()) && !"40P01".equals(e.getSQLState())) throw e;
                    last = e;
                } catch (RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("demo ledger: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("demo ledger: gave up after retries: " + last.getMessage(), last);
    }

    /** Locks the player's row, creating it with the starting balance on first sight (one statement when it exists). */
    private long lockPlayer(Connection c, String playerRef, String currency) throws SQLException {
        for (int i = 0; i < 2; i++) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT balance_micro FROM demo_wallet_players WHERE player_ref = ? AND currency = ? FOR UPDATE")) {
                ps.setString(1, playerRef);
                ps.setString(2, currency);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) return rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO demo_wallet_players (player_ref, currency, balance_micro, initial_micro)
                    VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                ps.setString(1, playerRef);
                ps.setString(2, currency);
                ps.setLong(3, startingBalanceMicro);
                ps.setLong(4, startingBalanceMicro);
                ps.executeUpdate();
            }
        }
        throw new IllegalStateException("player " + playerRef + " vanished");
    }

    private long move(Connection c, String playerRef, String currency, long deltaMicro) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE demo_wallet_players SET balance_micro = balance_micro + ?, updated_at = now()
                WHERE player_ref = ? AND currency = ? RETURNING balance_micro""")) {
            ps.setLong(1, deltaMicro);
            ps.setString(2, playerRef);
            ps.setString(3, currency);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("no player " + playerRef + "/" + currency + " to move money for");
                long balance = rs.getLong(1);
                if (rs.next()) throw new IllegalStateException("more than one player row for " + playerRef + "/" + currency);
                return balance;
            }
        }
    }

    private Optional<Row> find(Connection c, UUID uuid, boolean forUpdate) throws SQLException {
        if (uuid == null) return Optional.empty();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT transaction_uuid, kind, player_ref, currency, amount_micro, result_status, rolled_back
                FROM demo_wallet_transactions WHERE transaction_uuid = ?""" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setObject(1, uuid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), rs.getBoolean(7)));
            }
        }
    }

    private boolean insert(Connection c, String kind, Tx tx, long amountMicro, String resultStatus) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO demo_wallet_transactions (transaction_uuid, kind, player_ref, currency, amount_micro,
                       reference_transaction_uuid, round_id, request_uuid, operator_id, kid, result_status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (transaction_uuid) DO NOTHING""")) {
            ps.setObject(1, tx.transactionUuid());
            ps.setString(2, kind);
            ps.setString(3, tx.playerRef());
            ps.setString(4, tx.currency());
            ps.setLong(5, amountMicro);
            ps.setObject(6, tx.referenceTransactionUuid());
            ps.setObject(7, tx.roundId());
            ps.setObject(8, tx.requestUuid());
            ps.setString(9, tx.operatorId());
            ps.setString(10, tx.kid());
            ps.setString(11, resultStatus);
            return ps.executeUpdate() == 1;
        }
    }
}
