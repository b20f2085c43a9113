package dev.yantra.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class BreakerKindsTest {
    @Test
    void operator_and_banca_breakers_export_their_states_side_by_side_in_one_registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BreakerSettings settings = BreakerSettings.fromEnv(java.util.Map.of());
        CounterpartyBreakers wallets = new CounterpartyBreakers("operator", "operatorId", settings, registry);
        CounterpartyBreakers bancas = new CounterpartyBreakers("banca_", "banca", "bancaId", settings, registry);
        wallets.force("op-1", CounterpartyBreakers.Mode.FORCE_OPEN);
        bancas.state("banca-1");
        String scrape = registry.scrape();
        assertThat(scrape).contains("circuit_breaker_state{operator=\"op-1\"} 1.0", "banca_circuit_breaker_state{banca=\"banca-1\"} 0.0");
        assertThat(wallets.blocked()).containsExactly("op-1");
        assertThat(bancas.blocked()).isEmpty();
    }
}
