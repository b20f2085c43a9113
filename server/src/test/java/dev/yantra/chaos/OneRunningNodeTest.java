package dev.yantra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.cli.Cli;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demowallet.Faults;
import dev.yantra.fairness.audit.RoundAuditor;
import dev.yantra.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One running node process and the demo wallet, for what a single node must do mid-round:
 * <ul>
 *   <li>a win is retried "with the same requestUuid and transactionUuid until done" (docs/wallet-api.md, section
 *       5): the inline WIN at settlement and the WIN job that takes over when the wallet's answer is unclear are one
 *       request to the wallet, one requestUuid, one transactionUuid, journal attempts 1, 2, 3... across both, and one
 *       credit;</li>
 *   <li>`yantra config set lowWeight=47` (GameConfigStoreTest covers the store alone) lands mid-round; that round
 *       finishes with the weights it opened with, the next round records and uses the new ones, the audit log has
 *       exactly one row (one field changed) that the RTP-drift playbook's query returns, and `yantra config revert
 *       <audit-id>` restores 48 with its own audit row, again from the next round on. Every settled round
 *       re-verifies against the config it recorded.</li>
 * </ul>
 * The two share one node (started once): each reads only its own player's bets and its own audit rows, the wallet
 * is healthy again when the win test ends, and the weight is back at 48 when the config test ends. The breaker is
 * set never to open, so the win's unclear answers reach its job; rounds take bets for 4 s, so two bets, or a bet
 * and a config change made through the CLI, land inside one even on a loaded machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneRunningNodeTest {
    static final String PLAYBOOK_AUDIT_QUERY = "SELECT * FROM operator_config_audit_log WHERE field_name IN "
            + "('lowWeight','highWeight','commissionMicro') AND created_at > now() - interval '24h' ORDER BY created_at DESC;";
    Cluster c;
    ChaosNode node;

    @BeforeAll
    void oneNode() throws Exception {
        c = new Cluster("one-node", 4000, Map.of("BREAKER_CONSECUTIVE_FAILURES", "1000", "BREAKER_WINDOW_CALLS", "1000"));
        node = c.addNode();
        node.awaitReady(Cluster.NODE_START);
    }

    @AfterAll
    void stop() {
        if (c != null) c.close();
    }

    @Test
    void an_unclear_inline_win_is_retried_by_its_job_under_the_same_request_and_transaction_ids() throws Exception {
        JdbcClient j = c.jdbc();
        String token = c.session("winner");
        c.awaitBettingOpen(node, token, 1500, Duration.ofSeconds(30));
        assertThat(c.bet(node, token, "LOW", 50_000)).isEqualTo(201);
        assertThat(c.bet(node, token, "HIGH", 50_000)).isEqualTo(201);   // one of the two wins, whatever the dice say
        c.wallet.setFaults(Faults.NONE.withForced("WIN", "RS_ERROR_UNKNOWN"));  // an unclear answer, nothing booked

        Await.until("the win handed to a job and tried by it", Duration.ofSeconds(30), () -> j.sql("""
                SELECT count(*) FROM pending_wallet_jobs p WHERE p.endpoint = 'WIN'
                   AND (SELECT count(*) FROM wallet_calls c WHERE c.transaction_uuid = p.transaction_uuid) >= 3""")
                .query(Integer.class).single() == 1);
        c.wallet.setFaults(Faults.NONE);
        Await.until("the win job done", Duration.ofSeconds(30), c::drained);

        Map<String, Object> job = j.sql("SELECT request_uuid, transaction_uuid FROM pending_wallet_jobs WHERE endpoint = 'WIN'")
                .query().singleRow();
        List<Map<String, Object>> calls = j.sql("""
                SELECT request_uuid, attempt, job_id IS NULL AS inline, status FROM wallet_calls
                 WHERE transaction_uuid = ? ORDER BY created_at, attempt""").param(job.get("transaction_uuid")).query().listOfRows();
        System.err.println("[chaos] win tries " + calls);
        assertThat(calls.getFirst().get("inline")).as("the first try was the inline call at settlement").isEqualTo(true);
        assertThat(calls).extracting(r -> r.get("request_uuid")).as("one requestUuid for every try").containsOnly(job.get("request_uuid"));
        assertThat(calls).extracting(r -> ((Number) r.get("attempt")).intValue()).as("attempts continue across inline and job")
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, calls.size()).boxed().toList());
        assertThat(calls.getLast().get("status")).isEqualTo("RS_OK");
        assertThat(j.sql("SELECT count(*) FROM demo_wallet_transactions WHERE kind = 'WIN' AND player_ref = 'winner'")
                .query(Integer.class).single()).as("one credit").isEqualTo(1);
        c.assertEveryRuleHolds();
    }

    @Test
    void a_weight_change_applies_from_the_next_round_is_audited_per_field_and_reverts() throws Exception {
        JdbcClient j = c.jdbc();
        String token = c.session("cfg-player");
        int v1 = version(j);
        long auditBefore = j.sql("SELECT coalesce(max(id), 0) FROM operator_config_audit_log").query(Long.class).single();

        UUID during = UUID.fromString(c.awaitBettingOpen(node, token, 3500, Duration.ofSeconds(30)));
        assertThat(c.bet(node, token, "LOW", 30_000)).isEqualTo(201);
        assertThat(c.cli("config", "set", "--operator", DemoProvisioner.OPERATOR_NAME, "--game", "ketapola-dice",
                "--currency", "LKR", "lowWeight=47", "--confirm", "--reason", "drift drill").code()).isZero();
        assertThat(j.sql("SELECT state FROM rounds WHERE id = ?").param(during).query(String.class).single())
                .as("the change landed mid-round").isEqualTo("BETTING_OPEN");
        assertThat(version(j)).isEqualTo(v1 + 1);

        RoundRecord first = settled(j, during);
        assertThat(first.version()).as("the round in flight keeps its config").isEqualTo(v1);
        assertThat(first.lowWeight()).isEqualTo("48");
        RoundRecord next = settled(j, nextRound(j, during));
        assertThat(next.version()).as("the next round uses the new config").isEqualTo(v1 + 1);
        assertThat(next.lowWeight()).isEqualTo("47");

        // (the playbook query also returns the rows the trigger wrote when the table was provisioned)
        List<Map<String, Object>> playbook = since(j.sql(PLAYBOOK_AUDIT_QUERY).query().listOfRows(), auditBefore);
        assertThat(playbook).as("one audit row: one field changed").hasSize(1);
        Map<String, Object> row = playbook.getFirst();
        assertThat(row).containsEntry("field_name", "lowWeight").containsEntry("old_value", "48")
                .containsEntry("new_value", "47").containsEntry("changed_by", Cli.changedBy());
        long auditId = ((Number) row.get("id")).longValue();

        assertThat(c.cli("config", "revert", String.valueOf(auditId), "--confirm").code()).isZero();
        assertThat(version(j)).isEqualTo(v1 + 2);
        List<Map<String, Object>> after = since(j.sql(PLAYBOOK_AUDIT_QUERY).query().listOfRows(), auditBefore);
        assertThat(after).as("the revert wrote its own row").hasSize(2);
        assertThat(after.getFirst()).containsEntry("field_name", "lowWeight").containsEntry("old_value", "47")
                .containsEntry("new_value", "48").containsEntry("changed_by", Cli.changedBy());
        UUID revertedFrom = UUID.fromString(c.awaitBettingOpen(node, token, 0, Duration.ofSeconds(30)));
        RoundRecord reverted = settled(j, nextRound(j, revertedFrom));
        assertThat(reverted.version()).isEqualTo(v1 + 2);
        assertThat(reverted.lowWeight()).isEqualTo("48");

        RoundAuditor auditor = new RoundAuditor(j);
        for (UUID id : j.sql("SELECT id FROM rounds WHERE state = 'SETTLED'").query(UUID.class).list()) {
            RoundAuditor.RoundCheck check = auditor.verify(id);
            assertThat(check.problems()).as("round " + id + " re-verifies with its recorded config").isEmpty();
        }
    }

    record RoundRecord(int version, String lowWeight) {
    }

    static List<Map<String, Object>> since(List<Map<String, Object>> rows, long auditId) {
        return rows.stream().filter(r -> ((Number) r.get("id")).longValue() > auditId).toList();
    }

    static int version(JdbcClient j) {
        return j.sql("SELECT version FROM operator_game_configs").query(Integer.class).single();
    }

    static RoundRecord settled(JdbcClient j, UUID round) throws InterruptedException {
        Await.until("round " + round + " settled", Duration.ofSeconds(30),
                () -> "SETTLED".equals(j.sql("SELECT state FROM rounds WHERE id = ?").param(round).query(String.class).single()));
        return j.sql("SELECT config_version, config->>'lowWeight' FROM rounds WHERE id = ?").param(round)
                .query((rs, n) -> new RoundRecord(rs.getInt(1), rs.getString(2))).single();
    }

    /** The round that follows {@code round} on its chain (nonce + 1), once it exists. */
    static UUID nextRound(JdbcClient j, UUID round) throws InterruptedException {
        String sql = """
                SELECT n.id FROM rounds r JOIN rounds n ON n.chain_id = r.chain_id AND n.nonce = r.nonce + 1 WHERE r.id = ?""";
        Await.until("the round after " + round, Duration.ofSeconds(30),
                () -> j.sql(sql).param(round).query(UUID.class).optional().isPresent());
        return j.sql(sql).param(round).query(UUID.class).single();
    }
}
