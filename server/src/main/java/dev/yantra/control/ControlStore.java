package dev.yantra.control;

import dev.yantra.breaker.CounterpartyKind;
import dev.yantra.config.NotFoundException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads and pulls the levers (kill_switches, breaker_overrides and banca_breaker_overrides, runtime_settings). Used by the CLI directly on
 * the database and by the admin API; every change writes an admin_audit_log row in the same transaction.
 */
public final class ControlStore {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public ControlStore(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public ControlSnapshot read() {
        List<KillSwitch> halts = jdbc.sql("""
                SELECT id, scope, operator_id, game_code, reason, created_by, created_at
                  FROM kill_switches WHERE cleared_at IS NULL ORDER BY id""")
                .query((rs, n) -> new KillSwitch(rs.getLong("id"), KillSwitch.Scope.valueOf(rs.getString("scope")),
                        rs.getObject("operator_id", UUID.class), rs.getString("game_code"), rs.getString("reason"),
                        rs.getString("created_by"), rs.getTimestamp("created_at").toInstant()))
                .list();
        Map<UUID, String> overrides = new HashMap<>();
        jdbc.sql("SELECT operator_id, mode FROM breaker_overrides")
                .query((rs, n) -> overrides.put(rs.getObject("operator_id", UUID.class), rs.getString("mode"))).list();
        Map<UUID, String> bancaOverrides = new HashMap<>();
        jdbc.sql("SELECT banca_id, mode FROM banca_breaker_overrides")
                .query((rs, n) -> bancaOverrides.put(rs.getObject("banca_id", UUID.class), rs.getString("mode"))).list();
        Map<String, String> settings = new HashMap<>();
        jdbc.sql("SELECT key, value FROM runtime_settings").query((rs, n) -> settings.put(rs.getString(1), rs.getString(2))).list();
        return new ControlSnapshot(List.copyOf(halts), Map.copyOf(overrides), Map.copyOf(settings), Map.copyOf(bancaOverrides));
    }

    /** @return the id of the halt; halting what is already halted in the same scope returns the existing one */
    public long halt(KillSwitch.Scope scope, UUID operatorId, String gameCode, String reason, String who) {
        return tx.execute(s -> {
            List<Long> existing = jdbc.sql("""
                    SELECT id FROM kill_switches WHERE cleared_at IS NULL AND scope = :scope
                       AND operator_id IS NOT DISTINCT FROM :op AND game_code IS NOT DISTINCT FROM :game""")
                    .param("scope", scope.name()).param("op", operatorId).param("game", gameCode).query(Long.class).list();
            if (!existing.isEmpty()) return existing.getFirst();
            long id = jdbc.sql("""
                    INSERT INTO kill_switches (scope, operator_id, game_code, reason, created_by)
                    VALUES (:scope, :op, :game, :reason, :who) RETURNING id""")
                    .param("scope", scope.name()).param("op", operatorId).param("game", gameCode)
                    .param("reason", reason).param("who", who).query(Long.class).single();
            audit(who, "halt." + scope.name().toLowerCase(), subject(operatorId, gameCode), null, "halted", reason);
            return id;
        });
    }

    /** @return how many halts were cleared (0 when nothing matched: not an error, but worth saying) */
    public int resume(KillSwitch.Scope scope, UUID operatorId, String gameCode, String reason, String who) {
        return tx.execute(s -> {
            int n = jdbc.sql("""
                    UPDATE kill_switches SET cleared_at = now(), cleared_by = :who
                     WHERE cleared_at IS NULL AND scope = :scope
                       AND operator_id IS NOT DISTINCT FROM :op AND game_code IS NOT DISTINCT FROM :game""")
                    .param("who", who).param("scope", scope.name()).param("op", operatorId).param("game", gameCode).update();
            if (n > 0) audit(who, "resume." + scope.name().toLowerCase(), subject(operatorId, gameCode), "halted", "resumed", reason);
            return n;
        });
    }

    /** @param mode FORCED_OPEN, FORCED_CLOSED, or null for automatic */
    public void overrideBreaker(UUID operatorId, String mode, String reason, String who) {
        overrideBreaker(CounterpartyKind.OPERATOR, operatorId, mode, reason, who);
    }

    /**
     * Forces the breaker of counterparty ({@code kind}, {@code id}) on every node, or ({@code mode} null) gives it
     * back to automatic; the row and its admin_audit_log row commit together.
     */
    public void overrideBreaker(CounterpartyKind kind, UUID id, String mode, String reason, String who) {
        if (mode != null && !mode.equals("FORCED_OPEN") && !mode.equals("FORCED_CLOSED")) {
            throw new IllegalArgumentException("breaker mode must be FORCED_OPEN, FORCED_CLOSED or automatic, was " + mode);
        }
        String table = kind.overridesTable;
        String col = kind.idColumn;
        tx.executeWithoutResult(s -> {
            String old = jdbc.sql("SELECT mode FROM " + table + " WHERE " + col + " = ?").param(id)
                    .query(String.class).optional().orElse("AUTO");
            if (mode == null) {
                jdbc.sql("DELETE FROM " + table + " WHERE " + col + " = ?").param(id).update();
            } else {
                jdbc.sql("""
                        INSERT INTO %1$s (%2$s, mode, set_by, reason) VALUES (:id, :mode, :who, :reason)
                        ON CONFLICT (%2$s) DO UPDATE SET mode = :mode, set_by = :who, reason = :reason, set_at = now()"""
                                .formatted(table, col))
                        .param("id", id).param("mode", mode).param("who", who).param("reason", reason).update();
            }
            audit(who, "breaker.override", kind.label() + " " + id, old, mode == null ? "AUTO" : mode, reason);
        });
    }

    public void setSetting(RuntimeSetting setting, String rawValue, String who) {
        int value = setting.parse(rawValue);
        tx.executeWithoutResult(s -> {
            String old = jdbc.sql("SELECT value FROM runtime_settings WHERE key = ?").param(setting.key)
                    .query(String.class).optional().orElse(null);
            jdbc.sql("""
                    INSERT INTO runtime_settings (key, value, updated_by) VALUES (:k, :v, :who)
                    ON CONFLICT (key) DO UPDATE SET value = :v, updated_by = :who, updated_at = now()""")
                    .param("k", setting.key).param("v", String.valueOf(value)).param("who", who).update();
            audit(who, "settings.set", setting.key, old, String.valueOf(value), null);
        });
    }

    public void clearSetting(RuntimeSetting setting, String who) {
        tx.executeWithoutResult(s -> {
            String old = jdbc.sql("SELECT value FROM runtime_settings WHERE key = ?").param(setting.key)
                    .query(String.class).optional().orElseThrow(() -> new NotFoundException(setting.key + " is not set"));
            jdbc.sql("DELETE FROM runtime_settings WHERE key = ?").param(setting.key).update();
            audit(who, "settings.clear", setting.key, old, null, null);
        });
    }

    public List<Map<String, Object>> haltHistory(int limit) {
        return jdbc.sql("SELECT * FROM kill_switches ORDER BY id DESC LIMIT ?").param(limit).query().listOfRows();
    }

    private void audit(String who, String action, String subject, String oldValue, String newValue, String reason) {
        jdbc.sql("""
                INSERT INTO admin_audit_log (changed_by, action, subject, old_value, new_value, reason)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(dev.yantra.admin.AdminAudit.requireAuthor(who), action, subject, oldValue, newValue, reason).update();
    }

    private static String subject(UUID operatorId, String gameCode) {
        return (operatorId == null ? "all operators" : "operator " + operatorId) + (gameCode == null ? "" : " game " + gameCode);
    }

    static Timestamp ts(java.time.Instant i) {
        return Timestamp.from(i);
    }
}
