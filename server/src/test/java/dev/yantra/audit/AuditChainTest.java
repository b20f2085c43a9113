package dev.yantra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.admin.AdminAudit;
import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.Yantra;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuditChainTest {

    static List<Long> ids(JdbcClient j) {
        return j.sql("SELECT id FROM admin_audit_log ORDER BY chain_seq").query(Long.class).list();
    }

    static Database withRows(int n) {
        Database db = TestPostgres.freshDatabase();
        AdminAudit audit = new AdminAudit(db.jdbc());
        for (int i = 1; i <= n; i++) audit.record("test", "thing.change", "thing:" + i, "old " + i, "new " + i, "reason " + i);
        return db;
    }

    static String url(Database db) {
        return db.jdbc().sql("SELECT 'jdbc:postgresql://localhost:' || current_setting('port') || '/' || current_database() || '?user=postgres'")
                .query(String.class).single();
    }

    @Test
    void an_untouched_audit_log_verifies_and_the_command_exits_0() {
        try (Database db = withRows(5)) {
            Yantra.Run r = Yantra.run(url(db), "audit", "verify");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("admin_audit_log", "intact", "5 row(s)").contains("operator_config_audit_log");
        }
    }

    @Test
    void editing_one_audit_row_by_sql_makes_audit_verify_exit_1_naming_it() {
        try (Database db = withRows(5)) {
            long third = ids(db.jdbc()).get(2);
            db.jdbc().sql("UPDATE admin_audit_log SET reason = 'nothing to see' WHERE id = ?").param(third).update();
            Yantra.Run r = Yantra.run(url(db), "audit", "verify");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("BROKEN", "EDITED", "row id " + third + " (chain_seq 3) edited");
        }
    }

    @Test
    void an_edit_that_also_rewrites_the_rows_hash_is_named_by_the_broken_link_after_it() {
        try (Database db = withRows(5)) {
            long second = ids(db.jdbc()).get(1);
            db.jdbc().sql("""
                    UPDATE admin_audit_log t SET reason = 'forged' WHERE id = ?;
                    """).param(second).update();
            db.jdbc().sql("UPDATE admin_audit_log t SET row_hash = audit_chain_hash(t.prev_hash, admin_audit_log_chain_text(t)) WHERE id = ?")
                    .param(second).update();
            AuditChain.Result r = new AuditChain(db.jdbc()).verify("admin_audit_log");
            assertThat(r.problem()).hasValueSatisfying(p -> assertThat(p.message()).startsWith("row id " + second + " edited"));
        }
    }

    @Test
    void deleting_one_audit_row_makes_audit_verify_exit_1_naming_the_gap() {
        try (Database db = withRows(5)) {
            List<Long> ids = ids(db.jdbc());
            db.jdbc().sql("DELETE FROM admin_audit_log WHERE id = ?").param(ids.get(2)).update();
            Yantra.Run r = Yantra.run(url(db), "audit", "verify", "--table", "admin_audit_log");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("DELETED", "chain_seq 3 deleted", "between id " + ids.get(1) + " and id " + ids.get(3));
        }
    }

    @Test
    void deleting_the_newest_row_is_caught_by_the_chain_head() {
        try (Database db = withRows(3)) {
            List<Long> ids = ids(db.jdbc());
            db.jdbc().sql("DELETE FROM admin_audit_log WHERE id = ?").param(ids.get(2)).update();
            AuditChain.Result r = new AuditChain(db.jdbc()).verify("admin_audit_log");
            assertThat(r.problem()).hasValueSatisfying(p -> assertThat(p.message()).contains("chain_seq 3 deleted", "after id " + ids.get(1)));
        }
    }

    @Test
    void config_changes_by_direct_sql_are_chained_too_and_an_unknown_table_is_bad_usage() {
        try (Database db = TestPostgres.freshDatabase()) {
            JdbcClient j = db.jdbc();
            UUID op = UUID.randomUUID();
            j.sql("INSERT INTO operators (id, name, allowed_currencies, wallet_callback_url, compliance_contact) VALUES (?, 'op', "
                    + "ARRAY['LKR'], 'http://localhost:1', 'c@example.com')").param(op).update();
            j.sql("INSERT INTO operator_game_configs (id, operator_id, game_code, currency, enabled, config) VALUES (gen_random_uuid(), ?, "
                    + "'ketapola-dice', 'LKR', true, '{\"lowWeight\":48}'::jsonb)").param(op).update();
            j.sql("UPDATE operator_game_configs SET config = '{\"lowWeight\":47}'::jsonb WHERE operator_id = ?").param(op).update();
            AuditChain.Result r = new AuditChain(j).verify("operator_config_audit_log");
            assertThat(r.intact()).isTrue();
            assertThat(r.rows()).isEqualTo(3);
            j.sql("UPDATE operator_config_audit_log SET new_value = '40' WHERE field_name = 'lowWeight' AND new_value = '47'").update();
            assertThat(new AuditChain(j).verify("operator_config_audit_log").problem()).isPresent();
            assertThat(Yantra.run(url(db), "audit", "verify", "--table", "bets").exit()).isEqualTo(64);
        }
    }

    @Test
    void concurrent_writers_never_fork_the_chain() throws Exception {
        try (Database db = TestPostgres.freshDatabase()) {
            AdminAudit audit = new AdminAudit(db.jdbc());
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        // some in longer transactions, so commits interleave with other writers' inserts
                        db.tx().executeWithoutResult(s -> {
                            audit.record("writer-" + writer, "thing.change", "thing", null, "a", null);
                            audit.record("writer-" + writer, "thing.change", "thing", null, "b", null);
                        });
                    }
                }));
            }
            for (Future<?> f : writers) f.get();
            pool.shutdown();
            AuditChain.Result r = new AuditChain(db.jdbc()).verify("admin_audit_log");
            assertThat(r.problem()).isEmpty();
            assertThat(r.rows()).isEqualTo(600);
        }
    }

    @Test
    void a_row_written_in_another_session_time_zone_verifies_in_utc() throws Exception {
        try (Database db = TestPostgres.freshDatabase()) {
            try (Connection c = DriverManager.getConnection(url(db)); Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'Asia/Colombo'");
                s.execute("INSERT INTO admin_audit_log (changed_by, action, subject) VALUES ('tz-test', 'thing.change', 'thing')");
            }
            try (Connection c = DriverManager.getConnection(url(db)); Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'America/Santo_Domingo'");
                try (var rs = s.executeQuery("SELECT row_hash = audit_chain_hash(prev_hash, admin_audit_log_chain_text(t)) FROM admin_audit_log t")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).isTrue();
                }
            }
            assertThat(new AuditChain(db.jdbc()).verify("admin_audit_log").intact()).isTrue();
        }
    }

    @Test
    void rows_written_before_the_chain_existed_are_chained_by_the_migration() throws Exception {
        String name = "yantra_chain_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        try (Database any = TestPostgres.freshDatabase(); Connection c = DriverManager.getConnection(url(any)); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String url = "jdbc:postgresql://localhost:" + TestPostgres.port() + "/" + name + "?user=postgres";
        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").outOfOrder(true).target("190").load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO admin_audit_log (changed_by, action, subject, created_at) VALUES ('old-1', 'a', 's', '2026-01-01T00:00:00Z'),"
                    + " ('old-2', 'b', 's', '2026-01-02T00:00:00Z')");
            s.execute("ALTER TABLE admin_audit_log DROP CONSTRAINT admin_audit_log_real_author");
            s.execute("INSERT INTO admin_audit_log (changed_by, action, subject) VALUES ('', 'from before the author rule', 's')");
            s.execute("ALTER TABLE admin_audit_log ADD CONSTRAINT admin_audit_log_real_author CHECK (btrim(changed_by) <> '') NOT VALID");
        }
        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").outOfOrder(true).load().migrate();
        Yantra.Run r = Yantra.run(url, "audit", "verify");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("3 row(s)");
    }
}
