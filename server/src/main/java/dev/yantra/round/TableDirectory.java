package dev.yantra.round;

import dev.yantra.games.GameRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tables that exist: one game_tables row per operator_game_configs row (created on first sight), joined with
 * its config as it is right now. Read every poll, so a direct SQL change (quarantine) is seen within one poll.
 */
public final class TableDirectory {
    private static final Logger log = LoggerFactory.getLogger(TableDirectory.class);
    private static final int MAX_TABLES = 10_000;
    private final JdbcClient jdbc;
    private final GameRegistry games;
    private final Map<String, String> loggedErrors = new java.util.concurrent.ConcurrentHashMap<>();

    public TableDirectory(JdbcClient jdbc, GameRegistry games) {
        this.jdbc = jdbc;
        this.games = games;
    }

    /** Creates missing game_tables rows for configured games this build knows. */
    public void ensureTables() {
        jdbc.sql("""
                INSERT INTO game_tables (id, operator_id, game_code, currency)
                SELECT gen_random_uuid(), c.operator_id, c.game_code, c.currency FROM operator_game_configs c
                 WHERE c.game_code = ANY(:codes) AND NOT EXISTS (SELECT 1 FROM game_tables g
                       WHERE g.operator_id = c.operator_id AND g.game_code = c.game_code AND g.currency = c.currency)
                ON CONFLICT (operator_id, game_code, currency) DO NOTHING""")
                .param("codes", games.all().stream().map(p -> p.gameCode()).toArray(String[]::new))
                .update();
    }

    public List<TableSpec> list() {
        return jdbc.sql("""
                SELECT g.id, g.operator_id, g.game_code, g.currency, c.enabled, c.version, c.config::text AS config
                  FROM game_tables g JOIN operator_game_configs c
                    ON c.operator_id = g.operator_id AND c.game_code = g.game_code AND c.currency = g.currency
                 ORDER BY g.id LIMIT :n""")
                .param("n", MAX_TABLES)
                .query((rs, n) -> spec(rs.getObject("id", UUID.class), rs.getObject("operator_id", UUID.class),
                        rs.getString("game_code"), rs.getString("currency"), rs.getBoolean("enabled"),
                        rs.getInt("version"), rs.getString("config")))
                .list();
    }

    static final long RECENT_TTL_NANOS = 1_000_000_000L;
    private record Recent(TableSpec spec, long readAtNanos) {
    }

    private final Map<String, Recent> recent = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@link #find}, remembered for at most one second per table: for the bet path, which asks it on every bet
     * (a read per bet that yantra bench bets counts). Disabling a table, even by direct SQL, still refuses bets
     * within a second (the engine voids the open round within a poll, and a bet needs an open round anyway); the
     * table state page and the engine read {@link #find} afresh. A table not found is never remembered.
     */
    public java.util.Optional<TableSpec> findRecent(UUID operatorId, String gameCode, String currency) {
        String key = operatorId + "\u0000" + gameCode + "\u0000" + currency;
        long now = System.nanoTime();
        Recent r = recent.get(key);
        if (r != null && now - r.readAtNanos() < RECENT_TTL_NANOS) return java.util.Optional.of(r.spec());
        java.util.Optional<TableSpec> read = find(operatorId, gameCode, currency);
        if (read.isPresent()) {
            if (recent.size() > MAX_TABLES) recent.clear();   // bounded by the tables that exist
            recent.put(key, new Recent(read.get(), now));
        }
        return read;
    }

    public java.util.Optional<TableSpec> find(UUID operatorId, String gameCode, String currency) {
        return jdbc.sql("""
                SELECT g.id, g.operator_id, g.game_code, g.currency, c.enabled, c.version, c.config::text AS config
                  FROM game_tables g JOIN operator_game_configs c
                    ON c.operator_id = g.operator_id AND c.game_code = g.game_code AND c.currency = g.currency
                 WHERE g.operator_id = :op AND g.game_code = :game AND g.currency = :cur""")
                .param("op", operatorId).param("game", gameCode).param("cur", currency)
                .query((rs, n) -> spec(rs.getObject("id", UUID.class), rs.getObject("operator_id", UUID.class),
                        rs.getString("game_code"), rs.getString("currency"), rs.getBoolean("enabled"),
                        rs.getInt("version"), rs.getString("config")))
                .optional();
    }

    private TableSpec spec(UUID id, UUID op, String game, String currency, boolean enabled, int version, String json) {
        try {
            TableConfig cfg = TableRunner.parse(games.get(game), version, json);
            return new TableSpec(id, op, game, currency, enabled, cfg, null);
        } catch (RuntimeException e) {
            String key = id + ":" + version;
            if (loggedErrors.put(key, e.getMessage()) == null) {
                log.error("table {} config version {} is invalid, no new rounds: {}", id, version, e.getMessage());
            }
            return new TableSpec(id, op, game, currency, enabled, null, e.getMessage());
        }
    }
}
