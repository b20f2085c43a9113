package dev.yantra.gameconfig;

import dev.yantra.db.Rows;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.games.GamePlugin;
import dev.yantra.games.GameRegistry;
import dev.yantra.games.InvalidConfigException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lifecycle of an operator's game configuration (operator_game_configs): show, set, history, revert. Every
 * change is validated by the game's plugin and audited one row per field whose value changed by the table's
 * trigger (V60, V90), which also bumps the version a round records. The CLI and the admin API both come through here.
 */
public final class GameConfigStore {
    /** Fields whose change moves the theoretical RTP: such a change must be confirmed. */
    static final Set<String> RTP_FIELDS = Set.of("lowWeight", "highWeight", "commissionMicro");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final GameRegistry games;

    public GameConfigStore(JdbcClient jdbc, TransactionTemplate tx, GameRegistry games) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.games = games;
    }

    public record Current(UUID id, UUID operatorId, String gameCode, String currency, boolean enabled, int version,
                          Map<String, String> config, Map<String, Double> theoreticalRtp, Instant updatedAt, String updatedBy) {
    }

    public record Change(Current before, Current after, boolean rtpChanged) {
    }

    public record AuditEntry(long id, UUID operatorId, String gameCode, String currency, String fieldName,
                             String oldValue, String newValue, String changedBy, String reason, Instant createdAt) {
    }

    public List<Current> list(UUID operatorId) {
        return jdbc.sql("SELECT * FROM operator_game_configs WHERE operator_id = ? ORDER BY game_code, currency")
                .param(operatorId).query((rs, n) -> current(rs)).list();
    }

    public Current get(UUID operatorId, String gameCode, String currency) {
        return jdbc.sql("SELECT * FROM operator_game_configs WHERE operator_id = ? AND game_code = ? AND currency = ?")
                .params(operatorId, gameCode, currency).query((rs, n) -> current(rs)).optional()
                .orElseThrow(() -> new NotFoundException("no " + gameCode + " config for operator " + operatorId + " in " + currency));
    }

    /**
     * Applies {@code assignments} (config keys, plus {@code enabled}) after validating the whole result through the
     * game plugin. Creates the config when it does not exist yet.
     *
     * @param confirmRtp an RTP-affecting change is refused unless confirmed (the caller shows the new RTP first)
     */
    public Change set(UUID operatorId, String gameCode, String currency, Map<String, String> assignments,
                      boolean confirmRtp, String who, String reason) {
        GamePlugin<?, ?, ?> plugin = games.find(gameCode)
                .orElseThrow(() -> new UsageException("unknown game '" + gameCode + "'"));
        return tx.execute(status -> {
            Current before = jdbc.sql("SELECT * FROM operator_game_configs WHERE operator_id = ? AND game_code = ? AND currency = ? FOR UPDATE")
                    .params(operatorId, gameCode, currency).query((rs, n) -> current(rs)).optional().orElse(null);
            Map<String, String> merged = new TreeMap<>(before == null ? defaults(plugin) : before.config());
            Boolean enabled = null;
            for (Map.Entry<String, String> a : assignments.entrySet()) {
                if (a.getKey().equals("enabled")) {
                    enabled = parseBoolean(a.getValue());
                } else {
                    merged.put(a.getKey(), a.getValue());
                }
            }
            Map<String, String> validated = validate(plugin, merged);
            Map<String, String> effectiveBefore = before == null ? null : effective(plugin, before.config());
            boolean rtpChanged = before == null || RTP_FIELDS.stream()
                    .anyMatch(f -> !java.util.Objects.equals(effectiveBefore.get(f), validated.get(f)));
            if (rtpChanged && before != null && !confirmRtp) {
                throw new RtpChangeNeedsConfirmation(theoreticalRtp(plugin, before.config()), theoreticalRtp(plugin, validated));
            }
            // the audit trigger (V90) compares effective values: a field the stored config leaves out has the
            // game's default, so writing that default down is no change, and a first change records it as the old value
            jdbc.sql("SELECT set_config('yantra.changed_by', ?, true), set_config('yantra.change_reason', ?, true),"
                            + " set_config('yantra.config_defaults', ?, true)")
                    .params(who, reason == null ? "" : reason, JSON.writeValueAsString(defaults(plugin))).query().listOfRows();
            String json = JSON.writeValueAsString(validated);
            if (before == null) {
                jdbc.sql("""
                        INSERT INTO operator_game_configs (id, operator_id, game_code, currency, enabled, config, updated_by)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)""")
                        .params(UUID.randomUUID(), operatorId, gameCode, currency, enabled == null || enabled, json, who).update();
            } else {
                int n = jdbc.sql("UPDATE operator_game_configs SET config = ?::jsonb, enabled = ? WHERE id = ?")
                        .params(json, enabled == null ? before.enabled() : enabled, before.id()).update();
                Rows.exactlyOne(n, "config " + before.id());
            }
            return new Change(before, get(operatorId, gameCode, currency), rtpChanged);
        });
    }

    public List<AuditEntry> history(UUID operatorId, String gameCode, int limit) {
        return jdbc.sql("""
                SELECT * FROM operator_config_audit_log
                 WHERE operator_id = :op AND (CAST(:game AS text) IS NULL OR game_code = :game)
                 ORDER BY id DESC LIMIT :limit""")
                .param("op", operatorId).param("game", gameCode).param("limit", limit)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getObject("operator_id", UUID.class),
                        rs.getString("game_code"), rs.getString("currency"), rs.getString("field_name"),
                        rs.getString("old_value"), rs.getString("new_value"), rs.getString("changed_by"),
                        rs.getString("reason"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** Restores the field of audit row {@code auditId} to its old value, through {@link #set} (so it is audited too). */
    public Change revert(long auditId, boolean confirmRtp, String who) {
        AuditEntry e = jdbc.sql("SELECT * FROM operator_config_audit_log WHERE id = ?").param(auditId)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getObject("operator_id", UUID.class),
                        rs.getString("game_code"), rs.getString("currency"), rs.getString("field_name"),
                        rs.getString("old_value"), rs.getString("new_value"), rs.getString("changed_by"),
                        rs.getString("reason"), rs.getTimestamp("created_at").toInstant()))
                .optional().orElseThrow(() -> new NotFoundException("no config audit entry " + auditId));
        if (e.oldValue() == null) {
            throw new UsageException("audit entry " + auditId + " created " + e.fieldName() + "; there is no earlier value to restore");
        }
        return set(e.operatorId(), e.gameCode(), e.currency(), Map.of(e.fieldName(), e.oldValue()), confirmRtp, who,
                "revert of audit entry " + auditId);
    }

    public Map<String, Double> theoreticalRtp(String gameCode, Map<String, String> config) {
        return theoreticalRtp(games.get(gameCode), config);
    }

    static Map<String, Double> theoreticalRtp(GamePlugin<?, ?, ?> plugin, Map<String, String> config) {
        return rtpOf(plugin, config);
    }

    private static <C, S, O> Map<String, Double> rtpOf(GamePlugin<C, S, O> plugin, Map<String, String> raw) {
        C config = plugin.validateConfig(raw);
        Map<String, Double> out = new LinkedHashMap<>();
        for (S s : plugin.selections()) out.put(plugin.selectionToJson(s), plugin.theoreticalRtp(s, config));
        return out;
    }

    private static <C, S, O> Map<String, String> validate(GamePlugin<C, S, O> plugin, Map<String, String> raw) {
        try {
            return new TreeMap<>(plugin.configToMap(plugin.validateConfig(raw)));
        } catch (InvalidConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** A stored config with the defaults of the fields it leaves out; as stored if it no longer validates. */
    private static Map<String, String> effective(GamePlugin<?, ?, ?> plugin, Map<String, String> stored) {
        try {
            return validate(plugin, stored);
        } catch (UsageException e) {
            return stored;
        }
    }

    private static <C, S, O> Map<String, String> defaults(GamePlugin<C, S, O> plugin) {
        return plugin.configToMap(plugin.defaultConfig());
    }

    private static boolean parseBoolean(String raw) {
        return switch (raw.trim().toLowerCase()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new UsageException("enabled must be true or false, was '" + raw + "'");
        };
    }

    private Current current(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, String> config = new TreeMap<>();
        JSON.readTree(rs.getString("config")).properties()
                .forEach(e -> config.put(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
        String game = rs.getString("game_code");
        Map<String, Double> rtp;
        try {
            rtp = games.find(game).map(p -> theoreticalRtp(p, config)).orElse(Map.of());
        } catch (RuntimeException e) {
            rtp = Map.of();  // a config stored by hand that no longer validates: show it, don't hide it
        }
        return new Current(rs.getObject("id", UUID.class), rs.getObject("operator_id", UUID.class), game,
                rs.getString("currency"), rs.getBoolean("enabled"), rs.getInt("version"), config, rtp,
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }

    /** An RTP-affecting change without --confirm: carries both RTPs so the caller can show them. */
    public static final class RtpChangeNeedsConfirmation extends UsageException {
        public final Map<String, Double> before;
        public final Map<String, Double> after;

        RtpChangeNeedsConfirmation(Map<String, Double> before, Map<String, Double> after) {
            super("this change moves the theoretical RTP from " + before + " to " + after + "; re-run with --confirm to apply it");
            this.before = before;
            this.after = after;
        }
    }
}
