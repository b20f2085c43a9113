package dev.yantra.fairness.web;

import dev.yantra.fairness.DiceRng;
import dev.yantra.fairness.KetapolaRng;
import dev.yantra.fairness.TestVectors;
import dev.yantra.ops.Readiness;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs the ketapola-rng-v1 test vectors once at start-up, against the RNG this node will actually use. A node
 * that fails serves no rounds (the table engine asks {@link #passed()}), reports /readyz 503 with
 * {@code rng_test_vectors_failed}, and exports {@code rng_test_vectors_ok 0} so the failure is alertable.
 */
@Component
public class RngSelfTest {
    private static final Logger log = LoggerFactory.getLogger(RngSelfTest.class);
    private final TestVectors.Result result;

    public RngSelfTest(Readiness readiness, PrometheusMeterRegistry registry, ObjectProvider<DiceRng> rng) {
        this.result = TestVectors.runAll(rng.getIfAvailable(KetapolaRng::new));
        if (result.ok()) {
            log.info("rng self-test passed: {}", result.summary());
        } else {
            log.error("rng self-test FAILED, this node serves no rounds: {} of {} vectors wrong, first: {}",
                    result.failures().size(), result.total(), result.failures().isEmpty() ? "-" : result.failures().getFirst());
        }
        Gauge.builder("rng_test_vectors_ok", this, t -> t.passed() ? 1 : 0)
                .description("1 when this build's RNG reproduces every test vector at start-up").register(registry);
        readiness.register("rng", () -> passed() ? Optional.empty() : Optional.of("rng_test_vectors_failed"));
    }

    public boolean passed() {
        return result.ok();
    }

    public TestVectors.Result result() {
        return result;
    }
}
