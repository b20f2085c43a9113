package dev.yantra.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.Await;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * New thresholds replace each Resilience4j breaker (its config is fixed) but never its state: changing a
 * setting in the middle of an outage must not let traffic through, and must not invent transitions.
 */
class BreakerSettingsSwapTest {
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final CounterpartyBreakers breakers = new CounterpartyBreakers("operator", "operatorId", BreakerSettings.DEFAULTS, meters);
    final List<String> transitions = new CopyOnWriteArrayList<>();

    BreakerSettingsSwapTest() {
        breakers.onTransition((id, from, to) -> transitions.add(id + " " + from + "->" + to));
    }

    static BreakerSettings with(int consecutive, Duration open) {
        return new BreakerSettings(50f, 20, consecutive, open, 1);
    }

    void fail(String id, int times) {
        for (int i = 0; i < times; i++) breakers.record(id, true, 1);
    }

    void awaitState(String id, CounterpartyBreakers.State want, long ms) throws InterruptedException {
        Await.value(id + " to be " + want, Duration.ofMillis(ms), () -> breakers.state(id), want::equals);
    }

    @Test
    void a_lower_consecutive_threshold_opens_after_the_new_count() {
        breakers.state("a");  // the breaker exists before the change, as on a running node
        assertThat(breakers.apply(with(2, Duration.ofSeconds(30)))).isTrue();
        assertThat(breakers.apply(with(2, Duration.ofSeconds(30)))).as("same settings: nothing to do").isFalse();
        fail("a", 1);
        assertThat(breakers.state("a")).isEqualTo(CounterpartyBreakers.State.CLOSED);
        fail("a", 1);
        assertThat(breakers.state("a")).isEqualTo(CounterpartyBreakers.State.OPEN);
        fail("b", 2);
        assertThat(breakers.state("b")).as("a breaker created after the change gets it too").isEqualTo(CounterpartyBreakers.State.OPEN);
    }

    @Test
    void an_open_breaker_stays_open_across_a_swap_and_half_opens_by_the_new_open_time() throws Exception {
        fail("a", 5);
        assertThat(breakers.state("a")).isEqualTo(CounterpartyBreakers.State.OPEN);
        assertThat(transitions).containsExactly("a CLOSED->OPEN");

        breakers.apply(with(50, Duration.ofSeconds(30)));  // a much laxer threshold mid-outage
        assertThat(breakers.state("a")).isEqualTo(CounterpartyBreakers.State.OPEN);
        assertThat(breakers.allows("a")).isFalse();
        assertThat(breakers.tryAcquire("a")).as("no call gets through").isFalse();
        assertThat(breakers.blocked()).containsExactly("a");
        assertThat(meters.scrape()).contains("circuit_breaker_state{operator=\"a\"} 1.0");
        assertThat(transitions).as("a swap is not a transition").containsExactly("a CLOSED->OPEN");

        // a shorter open time counts from when it opened: it half-opens now, and the gauge follows the new breaker
        breakers.apply(with(50, Duration.ofMillis(200)));
        awaitState("a", CounterpartyBreakers.State.HALF_OPEN, 3_000);
        assertThat(transitions).containsExactly("a CLOSED->OPEN", "a OPEN->HALF_OPEN");
        assertThat(meters.scrape()).contains("circuit_breaker_state{operator=\"a\"} 0.5");
        breakers.record("a", false, 1);
        assertThat(breakers.state("a")).isEqualTo(CounterpartyBreakers.State.CLOSED);
    }

    @Test
    void a_longer_open_time_keeps_an_open_breaker_open_past_its_old_deadline() throws Exception {
        CounterpartyBreakers quick = new CounterpartyBreakers("operator", "operatorId",
                BreakerSettings.DEFAULTS.withOpenDuration(Duration.ofMillis(300)), meters);
        for (int i = 0; i < 5; i++) quick.record("q", true, 1);
        quick.apply(BreakerSettings.DEFAULTS.withOpenDuration(Duration.ofSeconds(30)));
        Thread.sleep(600);  // well past the old 300 ms; the replaced breaker's own timer must not reopen traffic
        assertThat(quick.state("q")).isEqualTo(CounterpartyBreakers.State.OPEN);
        assertThat(quick.allows("q")).isFalse();
    }

    @Test
    void forced_and_half_open_states_survive_a_swap() throws Exception {
        breakers.force("f", CounterpartyBreakers.Mode.FORCE_OPEN);
        breakers.force("c", CounterpartyBreakers.Mode.FORCE_CLOSED);
        CounterpartyBreakers quick = new CounterpartyBreakers("operator", "operatorId",
                BreakerSettings.DEFAULTS.withOpenDuration(Duration.ofMillis(100)), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        for (int i = 0; i < 5; i++) quick.record("h", true, 1);
        long deadline = System.currentTimeMillis() + 3_000;
        while (quick.state("h") != CounterpartyBreakers.State.HALF_OPEN && System.currentTimeMillis() < deadline) Thread.sleep(10);

        breakers.apply(with(3, Duration.ofSeconds(10)));
        quick.apply(new BreakerSettings(50f, 20, 5, Duration.ofSeconds(10), 2));
        assertThat(breakers.state("f")).isEqualTo(CounterpartyBreakers.State.FORCED_OPEN);
        assertThat(breakers.state("c")).isEqualTo(CounterpartyBreakers.State.FORCED_CLOSED);
        assertThat(quick.state("h")).isEqualTo(CounterpartyBreakers.State.HALF_OPEN);
        assertThat(quick.tryAcquire("h")).as("the new probe count: 2").isTrue();
        assertThat(quick.tryAcquire("h")).isTrue();
        assertThat(quick.tryAcquire("h")).isFalse();
    }
}
