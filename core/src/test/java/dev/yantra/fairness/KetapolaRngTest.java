package dev.yantra.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KetapolaRngTest {

    private final KetapolaRng rng = new KetapolaRng();

    @Test
    void the_two_published_vectors_hold() {
        assertThat(rng.roll("0".repeat(64), "client-seed-a", 0, 48, 48))
                .extracting(DiceOutcome::side, DiceOutcome::sum).containsExactly(Side.LOW, 3);
        assertThat(rng.roll("1".repeat(64), "asymmetric-low", 0, 60, 40))
                .extracting(DiceOutcome::side, DiceOutcome::sum).containsExactly(Side.LOW, 6);
    }

    @Test
    void every_fixture_vector_passes() {
        TestVectors.Result result = TestVectors.runAll(rng);
        assertThat(result.failures()).isEmpty();
        assertThat(result.total()).isGreaterThanOrEqualTo(12);
        assertThat(result.ok()).isTrue();
    }

    @Test
    void a_deliberately_broken_rng_fails_the_self_test() {
        // Off by one in the nonce: the kind of slip a refactor makes.
        DiceRng broken = (seed, client, nonce, low, high) -> rng.roll(seed, client, nonce + 1, low, high);
        TestVectors.Result result = TestVectors.runAll(broken);
        assertThat(result.ok()).isFalse();
        assertThat(result.summary()).contains("FAILED");
    }

    @Test
    void an_rng_that_throws_fails_the_self_test_instead_of_crashing_it() {
        DiceRng throwing = (seed, client, nonce, low, high) -> {
            throw new IllegalStateException("boom");
        };
        assertThat(TestVectors.runAll(throwing).failures()).allMatch(f -> f.contains("boom"));
    }

    @Test
    void the_start_up_copy_of_the_fixture_is_identical_to_the_test_copy() throws Exception {
        assertThat(Files.readAllBytes(Path.of("src/main/resources/fairness/ketapola-rng-v1-vectors.csv")))
                .isEqualTo(Files.readAllBytes(Path.of("src/test/resources/fairness/ketapola-rng-v1-vectors.csv")));
    }

    @Test
    void the_threshold_is_an_exact_rational_comparison() {
        // S * (low + high) < low * 4294967295, at the exact boundary.
        assertThat(KetapolaRng.isLow(1556915271L, 518971757, 912684008)).isFalse();
        assertThat(KetapolaRng.isLow(1556915270L, 518971757, 912684008)).isTrue();
        // threshold = 4294967295 * (2^31 - 1) / 2^31 = 4294967293.0000000005; S * 2^31 overflows a signed long
        assertThat(KetapolaRng.isLow(4294967293L, Integer.MAX_VALUE, 1)).isTrue();
        assertThat(KetapolaRng.isLow(4294967294L, Integer.MAX_VALUE, 1)).isFalse();
        assertThat(KetapolaRng.isLow(0L, 1, Integer.MAX_VALUE)).isTrue();
        assertThat(KetapolaRng.isLow(2147483647L, 1, 1)).isTrue();
        assertThat(KetapolaRng.isLow(2147483648L, 1, 1)).isFalse();
    }

    @Test
    void bad_inputs_are_refused_with_messages_naming_the_value() {
        assertThatThrownBy(() -> rng.roll("0".repeat(63), "c", 0, 48, 48))
                .hasMessageStartingWith("serverSeed must be 64 lowercase hex chars, was '");
        assertThatThrownBy(() -> rng.roll("A".repeat(64), "c", 0, 48, 48))
                .hasMessageContaining("serverSeed must be 64 lowercase hex chars");
        assertThatThrownBy(() -> rng.roll("0".repeat(64), "c", -1, 48, 48))
                .hasMessage("nonce must be >= 0, was -1");
        assertThatThrownBy(() -> rng.roll("0".repeat(64), "c", 0, 0, 48))
                .hasMessage("lowWeight must be > 0, was 0");
        assertThatThrownBy(() -> rng.roll("0".repeat(64), "c", 0, 48, -2))
                .hasMessage("highWeight must be > 0, was -2");
        assertThatThrownBy(() -> rng.roll("0".repeat(64), "x".repeat(1025), 0, 48, 48))
                .hasMessageContaining("clientSeed must be at most 1024");
    }
}
