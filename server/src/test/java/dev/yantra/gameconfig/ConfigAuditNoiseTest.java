package dev.yantra.gameconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.games.GameRegistry;
import dev.yantra.ops.triage.Triage;
import dev.yantra.ops.triage.TriageReport;
import dev.yantra.testing.TestPostgres;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A config seeded with only some fields (as the demo seeds it) and then changed by
 * {@code config set} gets one audit row per field whose value changed — not the defaults it never stored —
 * and {@code triage rtp-drift} never offers a revert to a value the field never had.
 */
class ConfigAuditNoiseTest {
    Database db;
    GameConfigStore store;
    final UUID op = UUID.randomUUID();

    @BeforeEach
    void aSeededPartialConfig() {
        db = TestPostgres.freshDatabase();
        store = new GameConfigStore(db.jdbc(), db.tx(), GameRegistry.standard());
        db.jdbc().sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'seeded', 'c@x')").param(op).update();
        // what the demo provisioner writes: three fields, as JSON numbers, the rest left to the game's defaults
        db.jdbc().sql("""
                INSERT INTO operator_game_configs (id, operator_id, game_code, currency, enabled, config, updated_by)
                VALUES (gen_random_uuid(), ?, 'ketapola-dice', 'LKR', true, '{"lowWeight":48,"highWeight":48,"commissionMicro":3000}', 'yantra demo')""")
                .param(op).update();
    }

    @AfterEach
    void close() {
        db.close();
    }

    List<GameConfigStore.AuditEntry> history() {
        return store.history(op, null, 100);
    }

    @Test
    void setting_one_field_writes_one_audit_row_and_not_the_defaults_it_never_stored() {
        int before = history().size();
        GameConfigStore.Change c = store.set(op, "ketapola-dice", "LKR", Map.of("commissionMicro", "4000"), true, "cli:alice", "test");
        List<GameConfigStore.AuditEntry> added = history().subList(0, history().size() - before);
        assertThat(added).singleElement().satisfies(e -> {
            assertThat(e.fieldName()).isEqualTo("commissionMicro");
            assertThat(e.oldValue()).isEqualTo("3000");
            assertThat(e.newValue()).isEqualTo("4000");
        });
        assertThat(c.after().version()).isEqualTo(c.before().version() + 1);
        assertThat(c.after().config()).containsEntry("commissionMicro", "4000").containsEntry("bettingMs", "15000");
    }

    @Test
    void changing_a_field_the_seed_left_to_its_default_records_the_default_as_its_old_value_and_revert_restores_it() {
        store.set(op, "ketapola-dice", "LKR", Map.of("bettingMs", "20000"), true, "cli:alice", "slower rounds");
        GameConfigStore.AuditEntry e = history().getFirst();
        assertThat(e.fieldName()).isEqualTo("bettingMs");
        assertThat(e.oldValue()).isEqualTo("15000");
        store.revert(e.id(), true, "cli:bob");
        assertThat(store.get(op, "ketapola-dice", "LKR").config()).containsEntry("bettingMs", "15000");
    }

    @Test
    void a_config_created_by_config_set_records_what_differs_from_the_game_defaults() {
        store.set(op, "ketapola-dice", "USD", Map.of("commissionMicro", "4000"), true, "cli:alice", "new currency");
        List<GameConfigStore.AuditEntry> usd = history().stream().filter(e -> e.currency().equals("USD")).toList();
        assertThat(usd).extracting(GameConfigStore.AuditEntry::fieldName).containsExactlyInAnyOrder("commissionMicro", "enabled");
        assertThat(usd).filteredOn(e -> e.fieldName().equals("commissionMicro")).singleElement()
                .satisfies(e -> assertThat(e.oldValue()).isEqualTo("3000"));
    }

    @Test
    void rtp_drift_offers_only_reverts_to_a_value_the_field_had() {
        store.set(op, "ketapola-dice", "LKR", Map.of("commissionMicro", "4000"), true, "cli:alice", "test");
        long change = history().getFirst().id();
        TriageReport r = new Triage(db.jdbc()).rtpDrift();
        List<String> reverts = r.mitigations().stream().filter(m -> m.startsWith("yantra config revert ")).toList();
        assertThat(reverts).singleElement().satisfies(m -> assertThat(m).startsWith("yantra config revert " + change + " --confirm")
                .contains("commissionMicro 3000 -> 4000"));
        assertThat(r.mitigations()).noneMatch(m -> m.contains("null"));
    }
}
