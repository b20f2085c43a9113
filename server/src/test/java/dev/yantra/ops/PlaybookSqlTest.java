package dev.yantra.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every SQL statement of the RGS playbook (our adapted copy keeps them unchanged) must run against our schema.
 * The statements are extracted from the markdown, so editing the playbook is covered by this test too.
 */
class PlaybookSqlTest {
    static final Path PLAYBOOK = Path.of("..", "docs", "playbooks", "rgs-incident-playbooks.md");
    static Database db;
    static final UUID OPERATOR = UUID.randomUUID();
    static final UUID CREDENTIAL = UUID.randomUUID();

    @BeforeAll
    static void seed() {
        db = TestPostgres.freshDatabase();
        db.jdbc().sql("INSERT INTO operators (id, name, compliance_contact, allowed_currencies) VALUES (?, 'op', 'c@x', '{LKR}')")
                .param(OPERATOR).update();
        db.jdbc().sql("INSERT INTO operator_credentials (id, operator_id, kid, kind, secret_ciphertext) VALUES (?, ?, 'kid-1', 'INBOUND', 'v1:x')")
                .param(CREDENTIAL).param(OPERATOR).update();
        db.jdbc().sql("""
                INSERT INTO wallet_calls (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro, currency,
                                          status, response_status, response_body, latency_ms, succeeded, kid)
                VALUES (gen_random_uuid(), ?, 'ROLLBACK', gen_random_uuid(), gen_random_uuid(), 100, 'LKR',
                        'RS_ERROR_UNKNOWN', 500, '{}', 12, false, 'kid-out')""").param(OPERATOR).update();
        db.jdbc().sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro, currency, last_error)
                VALUES (gen_random_uuid(), ?, 'ROLLBACK', gen_random_uuid(), gen_random_uuid(), 100, 'LKR', 'timeout')""")
                .param(OPERATOR).update();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static List<String> statements() throws IOException {
        return sqlBlocks(PLAYBOOK);
    }

    /** The contents of every ```sql fenced block of a markdown file, in order (LotteryRunbookSqlTest uses it too). */
    static List<String> sqlBlocks(Path markdown) throws IOException {
        Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(markdown));
        List<String> out = new ArrayList<>();
        while (m.find()) out.add(m.group(1).trim());
        return out;
    }

    static String fill(String sql) {
        return sql.replace("kid=<Y>", "kid='kid-1'")
                .replace("currency=<Y>", "currency='LKR'")
                .replace("<X>", "'" + OPERATOR + "'")
                .replace("<credential_id>", "'" + CREDENTIAL + "'")
                .replace("<D+1>", "2026-11-24")
                .replace("<D>", "2026-11-23");
    }

    @Test
    void the_playbook_names_every_statement_of_the_original_and_each_runs_unchanged() throws IOException {
        List<String> statements = statements();
        // 1: 3 triage + 1 mitigate, 2: 1, 3: 2 + 1 update, 5: 1, 6: 1, 7: 2, 8: 1
        assertThat(statements).hasSize(13);
        for (String sql : statements) {
            String filled = fill(sql);
            assertThat(filled).as("unfilled placeholder in %s", sql).doesNotContainPattern("<[A-Za-z_+0-9]+>");
            // throws, failing the test, when the schema does not fit
            if (filled.startsWith("UPDATE")) db.jdbc().sql(filled).update(); else db.jdbc().sql(filled).query().listOfRows();
        }
    }

    @Test
    void the_triage_queries_find_the_rows_an_sre_is_looking_for() throws IOException {
        String stuck = fill(statements().get(0));
        assertThat(db.jdbc().sql(stuck).query().listOfRows()).hasSize(1);
        String failedRollbacks = fill(statements().get(3));
        assertThat(db.jdbc().sql(failedRollbacks).query().listOfRows()).hasSize(1);
    }

    @Test
    void revoking_by_the_playbook_update_sets_revoked_at() throws IOException {
        String revoke = statements().stream().filter(s -> s.startsWith("UPDATE operator_credentials")).findFirst().orElseThrow();
        db.jdbc().sql(fill(revoke)).update();
        assertThat(db.jdbc().sql("SELECT revoked_at IS NOT NULL FROM operator_credentials WHERE id = ?").param(CREDENTIAL)
                .query(Boolean.class).single()).isTrue();
    }
}
