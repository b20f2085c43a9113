package dev.yantra.lottery.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.config.JwtSecret;
import dev.yantra.config.UsageException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlayerTokensRotationTest {
    static final byte[] OLD = "the-old-jwt-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    static final byte[] NEW = "the-new-jwt-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    static final Instant T0 = Instant.parse("2026-12-02T03:00:00Z");
    final MovableClock clock = new MovableClock(T0);
    final PlayerPrincipal player = new PlayerPrincipal(UUID.randomUUID(), "+18095550101", null, "player");

    @Test
    void a_token_signed_with_the_previous_secret_verifies_during_the_window_and_new_tokens_are_signed_with_the_new_one() {
        String before = new PlayerTokens(OLD, clock).issue(player).value();
        PlayerTokens rotating = new PlayerTokens(NEW, new JwtSecret.Previous(OLD, T0.plus(Duration.ofHours(2))), clock);
        assertThat(rotating.verify(before)).contains(player);

        String after = rotating.issue(player).value();
        assertThat(new PlayerTokens(NEW, clock).verify(after)).as("signed with JWT_SECRET").contains(player);
        assertThat(new PlayerTokens(OLD, clock).verify(after)).as("never with the previous secret").isEmpty();
    }

    @Test
    void once_the_window_ends_the_previous_secret_verifies_nothing_even_if_still_configured() {
        PlayerTokens rotating = new PlayerTokens(NEW, new JwtSecret.Previous(OLD, T0.plus(Duration.ofMinutes(90))), clock);
        clock.now = T0.plus(Duration.ofMinutes(89));
        String late = new PlayerTokens(OLD, clock).issue(player).value();   // an old node still signing near the end
        assertThat(rotating.verify(late)).contains(player);
        clock.now = T0.plus(Duration.ofMinutes(90));
        assertThat(rotating.verify(late)).as("unexpired, but its secret's window is over").isEmpty();
        assertThat(rotating.verify(rotating.issue(player).value())).contains(player);
    }

    @Test
    void a_token_under_any_other_secret_is_refused() {
        PlayerTokens rotating = new PlayerTokens(NEW, new JwtSecret.Previous(OLD, T0.plus(Duration.ofHours(2))), clock);
        String forged = new PlayerTokens("some-other-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8), clock)
                .issue(player).value();
        assertThat(rotating.verify(forged)).isEmpty();
    }

    @Test
    void the_window_is_two_token_lifetimes_from_start_unless_jwt_secret_previous_until_says_otherwise() {
        Map<String, String> vars = Map.of("JWT_SECRET_PREVIOUS", new String(OLD, StandardCharsets.UTF_8));
        assertThat(JwtSecret.previous(vars, T0).orElseThrow().until()).isEqualTo(T0.plus(Duration.ofHours(2)))
                .isEqualTo(T0.plus(PlayerTokens.ACCESS_TTL.multipliedBy(2)));
        assertThat(JwtSecret.previous(Map.of("JWT_SECRET_PREVIOUS", new String(OLD, StandardCharsets.UTF_8),
                "JWT_SECRET_PREVIOUS_UNTIL", "2026-12-02T05:30:00Z"), T0).orElseThrow().until()).isEqualTo(Instant.parse("2026-12-02T05:30:00Z"));
        assertThat(JwtSecret.previous(Map.of(), T0)).isEmpty();
        assertThatThrownBy(() -> JwtSecret.previous(Map.of("JWT_SECRET_PREVIOUS", "short"), T0))
                .isInstanceOf(UsageException.class).hasMessageContaining("at least 32 bytes, was 5");
        assertThatThrownBy(() -> JwtSecret.previous(Map.of("JWT_SECRET_PREVIOUS", new String(OLD, StandardCharsets.UTF_8),
                "JWT_SECRET_PREVIOUS_UNTIL", "tomorrow"), T0)).isInstanceOf(UsageException.class).hasMessageContaining("'tomorrow'");
    }

    static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
