package dev.yantra.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.breaker.BreakerSettings;
import dev.yantra.demowallet.Faults;
import dev.yantra.wallet.protocol.Verdict;
import dev.yantra.wallet.protocol.WalletEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WalletClientTest {
    WalletFixture f;

    @BeforeEach
    void setUp() {
        f = new WalletFixture(Duration.ofMillis(400), BreakerSettings.DEFAULTS);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private WalletRequest bet(String player, long amount) {
        return WalletRequest.bet(f.operatorId, player, "LKR", "ketapola-dice", null, null, UUID.randomUUID(), UUID.randomUUID(), amount);
    }

    private Map<String, Object> lastCall() {
        return f.jdbc.sql("SELECT * FROM wallet_calls ORDER BY created_at DESC, id LIMIT 1").query().singleRow();
    }

    @Test
    void a_bet_is_signed_debited_and_journaled_in_one_row() {
        WalletResponse r = f.client.call(bet("alice", 250_000));
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(r.balanceMicro()).isEqualTo(1_000_000_000L - 250_000);
        assertThat(f.balance("alice")).isEqualTo(1_000_000_000L - 250_000);
        assertThat(f.walletCalls()).isEqualTo(1);
        Map<String, Object> row = lastCall();
        assertThat(row.get("endpoint")).isEqualTo("BET");
        assertThat(row.get("status")).isEqualTo("RS_OK");
        assertThat(row.get("response_status")).isEqualTo(200);
        assertThat(row.get("succeeded")).isEqualTo(true);
        assertThat(row.get("kid")).isEqualTo(WalletFixture.KID);
        assertThat(row.get("amount_micro")).isEqualTo(250_000L);
        assertThat(row.get("attempt")).isEqualTo(1);
        assertThat((String) row.get("request_body")).contains("\"amountMicro\":\"250000\"");
    }

    @Test
    void a_timed_out_bet_is_journaled_as_RS_ERROR_TIMEOUT_and_is_in_doubt() {
        f.faults(Faults.NONE.withTimeoutRate(1.0).withTimeoutSleepMs(1500));
        WalletResponse r = f.client.call(bet("bob", 100_000));
        assertThat(r.verdict()).isEqualTo(Verdict.IN_DOUBT);
        assertThat(r.status()).isEqualTo("RS_ERROR_TIMEOUT");
        Map<String, Object> row = lastCall();
        assertThat(row.get("status")).isEqualTo("RS_ERROR_TIMEOUT");
        assertThat(row.get("response_status")).isNull();
        assertThat(row.get("succeeded")).isEqualTo(false);
        assertThat((Integer) row.get("latency_ms")).isBetween(350, 1400);
    }

    @Test
    void a_5xx_and_a_refused_connection_are_unknown_and_each_journaled() {
        f.faults(Faults.NONE.withErrorRate(1.0));
        WalletResponse r5xx = f.client.call(bet("carol", 100_000));
        assertThat(r5xx.verdict()).isEqualTo(Verdict.IN_DOUBT);
        assertThat(r5xx.httpStatus()).isEqualTo(503);
        assertThat(lastCall().get("status")).isNull();
        f.faults(Faults.NONE.withDown(true));
        WalletResponse refused = f.client.call(bet("carol", 100_000));
        assertThat(refused.verdict()).isEqualTo(Verdict.IN_DOUBT);
        assertThat(refused.httpStatus()).isNull();
        assertThat(f.walletCalls()).isEqualTo(2);
        assertThat((String) lastCall().get("response_body")).startsWith("<no response:");
    }

    @Test
    void a_wrong_key_is_answered_INVALID_SIGNATURE_with_a_401_that_is_read_like_a_200() {
        WalletClient wrong = f.clientWith(new OutboundCredentials.Credential(WalletFixture.KID, "nope".getBytes()), Duration.ofSeconds(2));
        WalletResponse r = wrong.call(bet("dave", 100_000));
        assertThat(r.status()).isEqualTo("RS_ERROR_INVALID_SIGNATURE");
        assertThat(r.httpStatus()).isEqualTo(401);
        assertThat(r.classification().breakerFailure()).isTrue();
        assertThat(f.jdbc.sql("SELECT count(*) FROM demo_wallet_transactions").query(Long.class).single()).isZero();
    }

    @Test
    void a_rollback_row_carries_the_stake_and_the_reference() {
        WalletRequest b = bet("erin", 300_000);
        f.client.call(b);
        UUID rollbackTx = UUID.randomUUID();
        WalletRequest rb = new WalletRequest(WalletEndpoint.ROLLBACK, f.operatorId, "erin", "LKR", "ketapola-dice", null, null,
                null, UUID.randomUUID(), rollbackTx, b.transactionUuid(), 300_000L, 1);
        WalletResponse r = f.client.call(rb);
        assertThat(r.verdict()).isEqualTo(Verdict.DONE);
        assertThat(f.balance("erin")).isEqualTo(1_000_000_000L);
        Map<String, Object> row = lastCall();
        assertThat(row.get("endpoint")).isEqualTo("ROLLBACK");
        assertThat(row.get("amount_micro")).isEqualTo(300_000L);
        assertThat(row.get("reference_transaction_uuid")).isEqualTo(b.transactionUuid());
        assertThat(row.get("succeeded")).isEqualTo(true);
        assertThat(f.meters.scrape()).contains("wallet_call_latency_ms_bucket{endpoint=\"rollback\"")
                .contains("wallet_call_total{endpoint=\"bet\"");
    }
    @Test
    void a_call_cut_short_by_a_tighter_budget_is_journaled_as_a_timeout_but_only_full_timeouts_count_against_the_breaker() {
        f.faults(Faults.NONE.withHang(true));
        String operator = f.operatorId.toString();
        for (int i = 0; i < 6; i++) {
            WalletResponse r = f.client.call(bet("frank", 100_000), Duration.ofMillis(60));
            assertThat(r.verdict()).isEqualTo(Verdict.IN_DOUBT);
            assertThat(r.status()).isEqualTo("RS_ERROR_TIMEOUT");
            assertThat((Integer) lastCall().get("latency_ms")).isBetween(40, 390);
        }
        assertThat(f.walletCalls()).isEqualTo(6);
        assertThat(f.breakers.state(operator)).isEqualTo(dev.yantra.breaker.CounterpartyBreakers.State.CLOSED);
        for (int i = 0; i < 5; i++) f.client.call(bet("frank", 100_000));   // the wallet's own 400 ms: its failures
        assertThat(f.breakers.state(operator)).isEqualTo(dev.yantra.breaker.CounterpartyBreakers.State.OPEN);
        f.faults(Faults.NONE);
    }
}
