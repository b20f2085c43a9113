package dev.yantra.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delays_double_from_one_second_within_twenty_percent_and_never_pass_five_minutes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int tries = 1; tries <= 60; tries++) {
            long nominal = Math.min(1000L << Math.min(tries - 1, 30), 300_000L);
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 2000; i++) {
                long d = Backoff.DEFAULT.delayMs(tries, random);
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            assertThat(min).as("try %d", tries).isGreaterThanOrEqualTo((long) (nominal * 0.8));
            assertThat(max).as("try %d", tries).isLessThanOrEqualTo(Math.min((long) Math.ceil(nominal * 1.2), 300_000L));
            if (tries <= 5) assertThat(max - min).as("jitter spreads try %d", tries).isGreaterThan(nominal / 10);
        }
        assertThat(Backoff.DEFAULT.nominalMs(1)).isEqualTo(1000);
        assertThat(Backoff.DEFAULT.nominalMs(2)).isEqualTo(2000);
        assertThat(Backoff.DEFAULT.nominalMs(9)).isEqualTo(256_000);
        assertThat(Backoff.DEFAULT.nominalMs(10)).isEqualTo(300_000);
    }

    @Test
    void a_bad_setting_names_the_value() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), 0.5, 0.2, Duration.ofMinutes(5)))
                .hasMessageContaining("factor must be >= 1, was 0.5");
    }
}
