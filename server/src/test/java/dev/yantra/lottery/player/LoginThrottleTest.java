package dev.yantra.lottery.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Login throttling on real Postgres: per phone, per address, windows that end, loopback peers. */
class LoginThrottleTest {
    static Database db;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshDatabase();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void one_address_is_limited_across_many_phones_until_its_window_ends() {
        Instant start = Instant.parse("2026-06-01T10:00:00Z");
        LoginThrottle throttle = new LoginThrottle(db.jdbc(), Clock.fixed(start, ZoneOffset.UTC));
        for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) throttle.loginAttempt("+1809555" + String.format("%04d", i), "203.0.113.7");
        assertThatThrownBy(() -> throttle.loginAttempt("+18095559999", "203.0.113.7"))
                .isInstanceOfSatisfying(PlayerApiErrors.TooManyAttempts.class,
                        e -> assertThat(e.retryAfterSeconds()).isBetween(1L, LoginThrottle.WINDOW.toSeconds() + 1));
        throttle.loginAttempt("+18095559999", "198.51.100.1");   // another address is not affected

        LoginThrottle later = new LoginThrottle(db.jdbc(), Clock.fixed(start.plus(LoginThrottle.WINDOW).plusSeconds(1), ZoneOffset.UTC));
        later.loginAttempt("+18095559998", "203.0.113.7");
    }

    @Test
    void a_phone_is_limited_from_any_address_and_a_success_clears_it() {
        LoginThrottle throttle = new LoginThrottle(db.jdbc(), Clock.fixed(Instant.parse("2026-06-02T10:00:00Z"), ZoneOffset.UTC));
        for (int i = 0; i < LoginThrottle.PER_PHONE; i++) throttle.loginAttempt("+18095550101", "192.0.2." + i);
        assertThatThrownBy(() -> throttle.loginAttempt("+18095550101", "192.0.2.200")).isInstanceOf(PlayerApiErrors.TooManyAttempts.class);
        throttle.loginSucceeded("+18095550101");
        throttle.loginAttempt("+18095550101", "192.0.2.201");
    }

    @Test
    void loopback_peers_are_limited_by_phone_only() {
        LoginThrottle throttle = new LoginThrottle(db.jdbc(), Clock.fixed(Instant.parse("2026-06-03T10:00:00Z"), ZoneOffset.UTC));
        for (int i = 0; i < LoginThrottle.PER_ADDRESS * 2; i++) throttle.loginAttempt("+1829555" + String.format("%04d", i), "127.0.0.1");
        for (int i = 0; i < LoginThrottle.REGISTRATIONS_PER_ADDRESS * 2; i++) throttle.registration("::1");
        assertThat(db.jdbc().sql("SELECT count(*) FROM login_throttle WHERE throttle_key IN ('login-addr:127.0.0.1', 'register-addr:::1')")
                .query(Long.class).single()).as("no address counter for loopback peers").isZero();
        assertThat(db.jdbc().sql("SELECT attempts FROM login_throttle WHERE throttle_key = 'login-phone:+18295550000'")
                .query(Integer.class).single()).as("the phone is still counted").isEqualTo(1);
    }

    @Test
    void registrations_from_one_address_are_limited() {
        LoginThrottle throttle = new LoginThrottle(db.jdbc(), Clock.fixed(Instant.parse("2026-06-04T10:00:00Z"), ZoneOffset.UTC));
        for (int i = 0; i < LoginThrottle.REGISTRATIONS_PER_ADDRESS; i++) throttle.registration("203.0.113.9");
        assertThatThrownBy(() -> throttle.registration("203.0.113.9")).isInstanceOf(PlayerApiErrors.TooManyAttempts.class);
    }
}
