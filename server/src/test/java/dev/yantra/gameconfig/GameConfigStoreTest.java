package dev.yantra.gameconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import dev.yantra.games.GameRegistry;
import dev.yantra.testing.TestPostgres;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GameConfigStoreTest {
    Database db;
    GameConfigStore store;
    UUID op = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        db = TestPostgres.freshDatabase();
        store = new GameConfigStore(db.jdbc(), db.tx(), GameRegistry.standard());
        db.jdbc().sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'op', 'c@x')").param(op).update();
        store.set(op, "ketapola-dice", "LKR", Map.of("commissionMicro", "3000"), false, "cli:test", "create");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    List<Map<String, Object>> playbookAuditQuery() {
        // the RTP-drift playbook's query, verbatim
        return db.jdbc().sql("SELECT * FROM operator_config_audit_log WHERE field_name IN ('lowWeight','highWeight','commissionMicro') "
                + "AND created_at > now() - interval '24h' ORDER BY created_at DESC;").query().listOfRows();
    }

    @Test
    void an_rtp_change_is_refused_without_confirmation_and_shows_both_rtps() {
        assertThatThrownBy(() -> store.set(op, "ketapola-dice", "LKR", Map.of("commissionMicro", "5000"), false, "cli:test", null))
                .isInstanceOf(GameConfigStore.RtpChangeNeedsConfirmation.class)
                .hasMessageContaining("--confirm");
        assertThat(store.get(op, "ketapola-dice", "LKR").config()).containsEntry("commissionMicro", "3000");
    }

    @Test
    void each_changed_field_writes_one_audit_row_that_the_playbook_query_finds_and_revert_restores_it() {
        int before = playbookAuditQuery().size();
        GameConfigStore.Change c = store.set(op, "ketapola-dice", "LKR", Map.of("lowWeight", "50", "highWeight", "50"), true, "cli:alice", "test");
        assertThat(c.after().version()).isEqualTo(c.before().version() + 1);
        List<Map<String, Object>> rows = playbookAuditQuery();
        assertThat(rows).hasSize(before + 2);
        assertThat(rows.getFirst().get("changed_by")).isEqualTo("cli:alice");

        long lowAudit = store.history(op, null, 10).stream().filter(e -> e.fieldName().equals("lowWeight")).findFirst().orElseThrow().id();
        store.revert(lowAudit, true, "cli:bob");
        assertThat(store.get(op, "ketapola-dice", "LKR").config()).containsEntry("lowWeight", "48").containsEntry("highWeight", "50");
        assertThat(store.history(op, null, 1).getFirst().changedBy()).isEqualTo("cli:bob");
    }

    @Test
    void a_config_the_game_refuses_is_not_stored() {
        assertThatThrownBy(() -> store.set(op, "ketapola-dice", "LKR", Map.of("lowWeight", "0"), true, "cli:test", null))
                .isInstanceOf(UsageException.class).hasMessageContaining("lowWeight");
        assertThatThrownBy(() -> store.set(op, "ketapola-dice", "LKR", Map.of("lowWeight", "90", "highWeight", "10"), true, "cli:test", null))
                .isInstanceOf(UsageException.class);  // above maxRtp
        assertThat(store.get(op, "ketapola-dice", "LKR").version()).isEqualTo(1);
    }

    @Test
    void a_direct_sql_quarantine_is_audited_with_the_database_user() {
        db.jdbc().sql("UPDATE operator_game_configs SET enabled = false WHERE operator_id = ?").param(op).update();
        GameConfigStore.AuditEntry e = store.history(op, null, 1).getFirst();
        assertThat(e.fieldName()).isEqualTo("enabled");
        assertThat(e.oldValue()).isEqualTo("true");
        assertThat(e.newValue()).isEqualTo("false");
        assertThat(e.changedBy()).isEqualTo("postgres");
    }
}
