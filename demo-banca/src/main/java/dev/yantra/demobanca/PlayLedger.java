package dev.yantra.demobanca;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The banca's register of plays, in its own table ({@code demo_banca_plays}) of whatever database it is given,
 * one part per banca name. A play is registered at most once per requestId — the primary key (with the banca's
 * name), written with ON CONFLICT DO NOTHING, so 20
 * concurrent calls with one key insert one row and all read the same one back. A decision is applied as
 * {@code WHERE status = 'accepted'}, so two deciders (a restart, a second instance) cannot both decide.
 */
public final class PlayLedger {
    public static final int MAX_LIST = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] TICKET_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final String COLUMNS = """
            request_id, play_id_banca, status, ticket_code, reason, answered, lottery_id, bet_type, key_id,
            webhook_state, webhook_attempts, webhook_last_http, created_at, decided_at""";

    private final DataSource ds;
    private final String banca;

    /** @param banca the name this banca's rows carry: several demo bancas may share one database */
    PlayLedger(DataSource ds, String banca) {
        this.ds = ds;
        this.banca = banca;
    }

    /** A play to register, already validated; status is the decision for a sync answer, or accepted. */
    record NewPlay(UUID requestId, String status, String ticketCode, String reason, String lotteryId, String betType,
                   String requestJson, String keyId, Instant at) {
    }

    /** @param created this call inserted it; @param sameRequest the stored request equals this one (as JSON) */
    record Registered(Play play, boolean created, boolean sameRequest) {
    }

    /** Creates the table if missing; an advisory lock keeps two bancas starting at once from racing. */
    void createTables() {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(7216355)");
                s.execute("CREATE SEQUENCE IF NOT EXISTS demo_banca_play_seq");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS demo_banca_plays (
                          banca             text NOT NULL,
                          request_id        uuid NOT NULL,
                          play_id_banca     text NOT NULL UNIQUE,
                          status            text NOT NULL CHECK (status IN ('accepted', 'confirmed', 'rejected')),
                          ticket_code       text UNIQUE,
                          reason            text,
                          answered          text NOT NULL CHECK (answered IN ('sync', 'async')),
                          lottery_id        text,
                          bet_type          text,
                          request           jsonb NOT NULL,
                          key_id            text,
                          webhook_state     text NOT NULL CHECK (webhook_state IN
                                              ('none', 'scheduled', 'held', 'sent', 'refused', 'failed', 'lost', 'unsendable')),
                          webhook_attempts  integer NOT NULL DEFAULT 0,
                          webhook_last_http integer,
                          created_at        timestamptz NOT NULL,
                          decided_at        timestamptz,
                          CHECK ((status = 'confirmed') = (ticket_code IS NOT NULL)),
                          PRIMARY KEY (banca, request_id),
                          CHECK ((status = 'accepted') = (decided_at IS NULL)))""");
                s.execute("CREATE INDEX IF NOT EXISTS demo_banca_plays_recent ON demo_banca_plays (banca, created_at)");
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the demo banca tables: " + e.getMessage(), e);
        }
    }

    /**
     * Inserts the play unless its requestId is known; either way returns the row the ledger holds. A request
     * Postgres cannot store is an {@link IllegalArgumentException}.
     */
    Registered register(NewPlay p) {
        String insert = """
                INSERT INTO demo_banca_plays (banca, request_id, play_id_banca, status, ticket_code, reason, answered,
                    lottery_id, bet_type, request, key_id, webhook_state, created_at, decided_at)
                VALUES (?, ?, 'DB-' || lpad(nextval('demo_banca_play_seq')::text, 8, '0'), ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                ON CONFLICT (banca, request_id) DO NOTHING
                RETURNING\s""" + COLUMNS;
        boolean async = p.status().equals(Play.ACCEPTED);
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(insert)) {
            int i = 1;
            ps.setString(i++, banca);
            ps.setObject(i++, p.requestId());
            ps.setString(i++, p.status());
            ps.setString(i++, p.ticketCode());
            ps.setString(i++, p.reason());
            ps.setString(i++, async ? "async" : "sync");
            ps.setString(i++, p.lotteryId());
            ps.setString(i++, p.betType());
            ps.setString(i++, p.requestJson());
            ps.setString(i++, p.keyId());
            ps.setString(i++, async ? "scheduled" : "none");
            ps.setObject(i++, utc(p.at()));
            ps.setObject(i, async ? null : utc(p.at()));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return new Registered(read(rs), true, true);
            }
            // ON CONFLICT waited for the winner's commit, so its row is visible now
            try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + ", request = ?::jsonb AS same FROM demo_banca_plays WHERE banca = ? AND request_id = ?")) {
                q.setString(1, p.requestJson());
                q.setString(2, banca);
                q.setObject(3, p.requestId());
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) throw new IllegalStateException("play " + p.requestId() + " conflicted but cannot be read");
                    return new Registered(read(rs), false, rs.getBoolean("same"));
                }
            }
        } catch (SQLException e) {
            // class 22 is bad data (e.g. a \u0000 that jsonb cannot hold): the caller's fault, not the banca's
            if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
                throw new IllegalArgumentException("the play cannot be stored: " + e.getMessage(), e);
            }
            throw new IllegalStateException("demo banca ledger: " + e.getMessage(), e);
        }
    }

    /** Decides an accepted play; empty when it was already decided (by another decider). */
    Optional<Play> decide(UUID requestId, boolean confirm, String reason, Instant at) {
        String sql = "UPDATE demo_banca_plays SET status = ?, ticket_code = ?, reason = ?, decided_at = ? "
                + "WHERE banca = ? AND request_id = ? AND status = 'accepted' RETURNING " + COLUMNS;
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, confirm ? Play.CONFIRMED : Play.REJECTED);
            ps.setString(2, confirm ? newTicketCode() : null);
            ps.setString(3, confirm ? null : reason);
            ps.setObject(4, utc(at));
            ps.setString(5, banca);
            ps.setObject(6, requestId);
            return one(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("demo banca ledger: " + e.getMessage(), e);
        }
    }

    /** Records what became of a play's webhook. */
    void webhook(UUID requestId, String state, int attempts, Integer lastHttp) {
        String sql = "UPDATE demo_banca_plays SET webhook_state = ?, webhook_attempts = webhook_attempts + ?, "
                + "webhook_last_http = coalesce(?, webhook_last_http) WHERE banca = ? AND request_id = ?";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, state);
            ps.setInt(2, attempts);
            ps.setObject(3, lastHttp);
            ps.setString(4, banca);
            ps.setObject(5, requestId);
            int rows = ps.executeUpdate();
            if (rows != 1) throw new IllegalStateException("webhook state of " + requestId + " updated " + rows + " rows");
        } catch (SQLException e) {
            throw new IllegalStateException("demo banca ledger: " + e.getMessage(), e);
        }
    }

    public Optional<Play> byRequestId(UUID requestId) {
        return query("SELECT " + COLUMNS + " FROM demo_banca_plays WHERE banca = ? AND request_id = ?", banca, requestId).stream().findFirst();
    }

    public Optional<Play> byPlayIdBanca(String playIdBanca) {
        return query("SELECT " + COLUMNS + " FROM demo_banca_plays WHERE banca = ? AND play_id_banca = ?", banca, playIdBanca).stream().findFirst();
    }

    /** The newest plays first, at most {@link #MAX_LIST}. */
    public List<Play> recent(int limit) {
        int n = Math.max(1, Math.min(limit, MAX_LIST));
        return query("SELECT " + COLUMNS + " FROM demo_banca_plays WHERE banca = ? ORDER BY created_at DESC, play_id_banca DESC LIMIT " + n, banca);
    }

    /** Plays answered 202 and not decided yet (after a restart, their webhooks are due again). */
    List<Play> undecided() {
        return query("SELECT " + COLUMNS + " FROM demo_banca_plays WHERE banca = ? AND status = 'accepted' ORDER BY created_at LIMIT " + MAX_LIST, banca);
    }

    /** How many rows hold this requestId: 0 or 1, whatever happened. */
    public int rowsFor(UUID requestId) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM demo_banca_plays WHERE banca = ? AND request_id = ?")) {
            ps.setString(1, banca);
            ps.setObject(2, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("demo banca ledger: " + e.getMessage(), e);
        }
    }

    static String newTicketCode() {
        char[] out = new char[12];
        for (int i = 0; i < out.length; i++) out[i] = TICKET_ALPHABET[RANDOM.nextInt(TICKET_ALPHABET.length)];
        return "T" + new String(out);
    }

    private List<Play> query(String sql, Object... params) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            List<Play> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("demo banca ledger: " + e.getMessage(), e);
        }
    }

    private static Optional<Play> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            Play p = read(rs);
            if (rs.next()) throw new IllegalStateException("more than one play for " + p.requestId());
            return Optional.of(p);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private Connection connection() throws SQLException {
        Connection c = ds.getConnection();
        if (!c.getAutoCommit()) c.setAutoCommit(true);
        return c;
    }

    private static Play read(ResultSet rs) throws SQLException {
        OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
        return new Play(rs.getObject("request_id", UUID.class), rs.getString("play_id_banca"), rs.getString("status"),
                rs.getString("ticket_code"), rs.getString("reason"), rs.getString("answered"), rs.getString("lottery_id"),
                rs.getString("bet_type"), rs.getString("key_id"), rs.getString("webhook_state"),
                rs.getInt("webhook_attempts"), (Integer) rs.getObject("webhook_last_http"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), decided == null ? null : decided.toInstant());
    }
}
