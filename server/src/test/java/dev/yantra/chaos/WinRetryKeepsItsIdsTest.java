package dev.yantra.chaos;

import dev.yantra.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.demowallet.Faults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * docs/wallet-api.md, section 5: a win is retried "with the same requestUuid and transactionUuid until done". The inline WIN at
 * settlement and the WIN job that takes over when the wallet's answer is unclear are one request to the wallet:
 * one requestUuid, one transactionUuid, journal attempts 1, 2, 3... across both, and one credit.
 */
class WinRetryKeepsItsIdsTest {

    @Test
    void an_unclear_inline_win_is_retried_by_its_job_under_the_same_request_and_transaction_ids() throws Exception {
        try (Cluster c = new Cluster("win-ids", 1500, Map.of("BREAKER_CONSECUTIVE_FAILURES", "1000", "BREAKER_WINDOW_CALLS", "1000"))) {
            JdbcClient j = c.jdbc();
            ChaosNode node = c.addNode();
            node.awaitReady(Duration.ofSeconds(90));
            String token = c.session("winner");
            c.awaitBettingOpen(node, token, 800, Duration.ofSeconds(30));
            assertThat(c.bet(node, token, "LOW", 50_000)).isEqualTo(201);
            assertThat(c.bet(node, token, "HIGH", 50_000)).isEqualTo(201);   // one of the two wins, whatever the dice say
            c.wallet.setFaults(Faults.NONE.withForced("WIN", "RS_ERROR_UNKNOWN"));  // an unclear answer, nothing booked

            Await.until("the win handed to a job and tried by it", Duration.ofSeconds(30), () -> j.sql("""
                    SELECT count(*) FROM pending_wallet_jobs p WHERE p.endpoint = 'WIN'
                       AND (SELECT count(*) FROM wallet_calls c WHERE c.transaction_uuid = p.transaction_uuid) >= 3""")
                    .query(Integer.class).single() == 1);
            c.wallet.setFaults(Faults.NONE);
            Await.until("the win job done", Duration.ofSeconds(30),
                    c::drained);

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
            assertThat(j.sql("SELECT count(*) FROM demo_wallet_transactions WHERE kind = 'WIN'").query(Integer.class).single()).isEqualTo(1);
            c.assertEveryRuleHolds();
        }
    }
}
