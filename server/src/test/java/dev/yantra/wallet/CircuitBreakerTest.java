package dev.yantra.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.breaker.BreakerSettings;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.demowallet.Faults;
import dev.yantra.wallet.protocol.Verdict;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    WalletFixture f;

    @BeforeEach
    void setUp() {
        f = new WalletFixture(Duration.ofMillis(500), BreakerSettings.DEFAULTS.withOpenDuration(Duration.ofMillis(400)));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private WalletResponse bet() {
        return f.client.call(WalletRequest.bet(f.operatorId, "pat", "LKR", "ketapola-dice", null, null, UUID.randomUUID(),
                UUID.randomUUID(), 1_000));
    }

    private String op() {
        return f.operatorId.toString();
    }

    @Test
    void five_consecutive_failures_open_it_and_then_bets_are_refused_without_a_call() {
        f.faults(Faults.NONE.withDown(true));
        for (int i = 0; i < 4; i++) bet();
        assertThat(f.breakers.allows(f.operatorId)).isTrue();
        bet();
        assertThat(f.breakers.state(op())).isEqualTo(CounterpartyBreakers.State.OPEN);
        assertThat(f.breakers.allows(f.operatorId)).isFalse();
        long calls = f.walletCalls();
        WalletResponse refused = bet();
        assertThat(refused.sent()).isFalse();
        assertThat(refused.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(f.walletCalls()).as("no call, no journal row").isEqualTo(calls);
        assertThat(f.meters.scrape()).contains("circuit_breaker_state{operator=\"" + op() + "\"} 1.0");
    }

    @Test
    void it_half_opens_after_the_cooldown_and_one_good_probe_closes_it() throws Exception {
        f.faults(Faults.NONE.withDown(true));
        for (int i = 0; i < 5; i++) bet();
        assertThat(f.breakers.state(op())).isEqualTo(CounterpartyBreakers.State.OPEN);
        f.faults(Faults.NONE);
        long deadline = System.currentTimeMillis() + 5_000;
        while (f.breakers.state(op()) != CounterpartyBreakers.State.HALF_OPEN && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertThat(f.breakers.state(op())).isEqualTo(CounterpartyBreakers.State.HALF_OPEN);
        assertThat(f.meters.scrape()).contains("circuit_breaker_state{operator=\"" + op() + "\"} 0.5");
        assertThat(bet().verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(f.breakers.state(op())).isEqualTo(CounterpartyBreakers.State.CLOSED);
    }

    @Test
    void business_refusals_are_the_wallet_working_and_never_open_it() {
        f.faults(Faults.NONE.withForced("BET", "RS_ERROR_NOT_ENOUGH_MONEY"));
        for (int i = 0; i < 30; i++) assertThat(bet().verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(f.breakers.state(op())).isEqualTo(CounterpartyBreakers.State.CLOSED);
    }

    @Test
    void half_failures_over_the_last_twenty_calls_open_it() {
        f.faults(Faults.NONE.withForced("BET", "RS_ERROR_UNKNOWN"));
        for (int i = 0; i < 20; i++) {
            f.faults(i % 2 == 0 ? Faults.NONE.withForced("BET", "RS_ERROR_UNKNOWN") : Faults.NONE);
            bet();
        }
        assertThat(f.breakers.state(op())).isEqualTo(CounterpartyBreakers.State.OPEN);
    }

    @Test
    void a_forced_open_breaker_refuses_until_set_back_to_auto() {
        f.breakers.force(op(), CounterpartyBreakers.Mode.FORCE_OPEN);
        assertThat(bet().sent()).isFalse();
        assertThat(f.meters.scrape()).contains("circuit_breaker_forced{operator=\"" + op() + "\"} 1.0");
        f.breakers.force(op(), CounterpartyBreakers.Mode.AUTO);
        assertThat(bet().verdict()).isEqualTo(Verdict.ACCEPTED);
    }
}
