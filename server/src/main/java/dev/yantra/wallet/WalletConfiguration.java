package dev.yantra.wallet;

import dev.yantra.breaker.BreakerSettings;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.config.YantraEnv;
import dev.yantra.operator.CredentialStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Spring wiring of the wallet feature; the classes themselves know nothing of Spring. */
@Configuration(proxyBeanMethods = false)
public class WalletConfiguration {

    /** One breaker per operator wallet; the bet path asks {@code allows(operatorId)} before calling. */
    @Bean
    public CounterpartyBreakers walletBreakers(PrometheusMeterRegistry registry, JdbcClient jdbc, dev.yantra.server.NodeId node,
                                               ObjectProvider<BreakerSettings> settings) {
        // BREAKER_* env vars; a BreakerSettings bean (tests) wins
        BreakerSettings s = settings.getIfAvailable(() -> BreakerSettings.fromEnv());
        CounterpartyBreakers breakers = new CounterpartyBreakers("operator", "operatorId", s, registry);
        // every transition of every node, for the incident timeline (a log line is gone with the pod)
        breakers.onTransition((id, from, to) -> jdbc.sql("""
                        INSERT INTO breaker_transitions (operator_id, node, from_state, to_state) VALUES (?, ?, ?, ?)""")
                .params(java.util.UUID.fromString(id), node.value(), from.name(), to.name()).update());
        return breakers;
    }

    /** `yantra settings set breaker.*=N` reaches this node's breakers through the control plane, no restart. */
    @Bean
    public BreakerSettingsSync breakerSettingsSync(CounterpartyBreakers walletBreakers, dev.yantra.control.ControlPlane control) {
        // what the breakers started with (env or a test's bean) is the fallback for settings absent from the database
        return new BreakerSettingsSync(walletBreakers, walletBreakers.settings(), control);
    }

    /** `yantra breaker force-open|force-closed|auto` reaches this node's breakers through the control plane. */
    @Bean
    public BreakerOverrideSync breakerOverrideSync(CounterpartyBreakers walletBreakers, dev.yantra.control.ControlPlane control) {
        return new BreakerOverrideSync(walletBreakers, control);
    }

    @Bean
    public OutboundCredentials outboundCredentials(CredentialStore store) {
        return new CredentialStoreOutbound(store);
    }

    @Bean
    public WalletEndpoints walletEndpoints(JdbcClient jdbc) {
        return new SqlWalletEndpoints(jdbc);
    }

    @Bean
    public WalletClient walletClient(YantraEnv env, OutboundCredentials credentials, WalletEndpoints endpoints,
                                     CounterpartyBreakers walletBreakers, JdbcClient jdbc, PrometheusMeterRegistry registry,
                                     ObjectProvider<Clock> clock, PlayerBalances balances) {
        Duration timeout = Duration.ofMillis(env.walletCallTimeoutMs());
        return new WalletClient(WalletClient.defaultHttpClient(timeout), credentials, endpoints, walletBreakers, jdbc,
                registry, clock.getIfAvailable(Clock::systemUTC), timeout).reportBalancesTo(balances);
    }

    @Bean
    public PlayerBalances playerBalances() {
        return new PlayerBalances();
    }
}
