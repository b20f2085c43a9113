package dev.yantra.lottery.player;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.testing.SettableClock;
import dev.yantra.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Player limits on real Postgres with a clock the test moves: stricter at once, looser after cooling off. */
class PlayerLimitsTest {
    static Database db;
    final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T12:00:00Z"));
    PlayerLimits limits;
    UUID player;

    static long units(long n) {
        return n * 100_000L;
    }

    @BeforeAll
    static void database() {
        db = TestPostgres.freshDatabase();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void aPlayer() {
        limits = new PlayerLimits(db, clock);
        player = new PlayerAccounts(db.jdbc(), clock).register(new PlayerAccounts.NewPlayer(PlayerApi.newLocalPhone(), null,
                "Limit Tester", LocalDate.of(1980, 5, 5), "correct horse battery")).id();
    }

    @Test
    void a_first_limit_and_a_lower_one_apply_at_once() {
        assertThat(limits.setDailyLimit(player, "DOP", units(1_000))).isEqualTo(clock.instant());
        assertThat(limits.current(player).dailySpendLimitMicro("DOP")).isEqualTo(units(1_000));
        limits.setDailyLimit(player, "DOP", units(500));
        assertThat(limits.current(player).dailySpendLimitMicro("DOP")).isEqualTo(units(500));
        assertThat(limits.current(player).dailySpendLimitMicro("USD")).isNull();
        assertThat(limits.pending(player)).isEmpty();
    }

    @Test
    void raising_or_removing_a_limit_waits_out_the_cooling_off_period() {
        limits.setDailyLimit(player, "DOP", units(500));
        Instant effective = limits.setDailyLimit(player, "DOP", units(2_000));
        assertThat(effective).isEqualTo(clock.instant().plus(PlayerLimits.COOLING_OFF));
        assertThat(limits.current(player).dailySpendLimitMicro("DOP")).isEqualTo(units(500));
        assertThat(limits.pending(player)).singleElement().satisfies(p -> assertThat(p.dailyLimitMicro()).isEqualTo(units(2_000)));
        clock.advance(PlayerLimits.COOLING_OFF.minusSeconds(1));
        assertThat(limits.current(player).dailySpendLimitMicro("DOP")).isEqualTo(units(500));
        clock.advance(Duration.ofSeconds(1));
        assertThat(limits.current(player).dailySpendLimitMicro("DOP")).isEqualTo(units(2_000));
        limits.setDailyLimit(player, "DOP", null);
        assertThat(limits.current(player).dailySpendLimitMicro("DOP")).as("removal waits too").isEqualTo(units(2_000));
        clock.advance(PlayerLimits.COOLING_OFF);
        assertThat(limits.current(player).dailySpendLimitMicro("DOP")).isNull();
    }

    @Test
    void lowering_while_a_raise_waits_applies_at_once_and_cancels_the_raise() {
        limits.setDailyLimit(player, "USD", units(100));
        limits.setDailyLimit(player, "USD", units(900));
        limits.setDailyLimit(player, "USD", units(50));
        assertThat(limits.current(player).dailySpendLimitMicro("USD")).isEqualTo(units(50));
        assertThat(limits.pending(player)).isEmpty();
        clock.advance(PlayerLimits.COOLING_OFF.multipliedBy(2));
        assertThat(limits.current(player).dailySpendLimitMicro("USD")).isEqualTo(units(50));
    }

    @Test
    void self_exclusion_starts_at_once_and_ends_early_only_after_cooling_off() {
        Instant until = clock.instant().plus(Duration.ofDays(30));
        limits.setSelfExclusion(player, until);
        assertThat(limits.current(player).selfExcludedUntil()).isEqualTo(until);
        assertThat(limits.current(player).selfExcludedAt(clock.instant())).isTrue();
        limits.setSelfExclusion(player, null);
        assertThat(limits.current(player).selfExcludedAt(clock.instant())).as("ending waits").isTrue();
        clock.advance(PlayerLimits.COOLING_OFF);
        assertThat(limits.current(player).selfExcludedUntil()).isNull();
        assertThat(limits.current(player).selfExcludedAt(clock.instant())).isFalse();
    }

    @Test
    void an_exclusion_that_ran_out_is_no_exclusion() {
        limits.setSelfExclusion(player, clock.instant().plus(Duration.ofDays(1)));
        clock.advance(Duration.ofDays(2));
        assertThat(limits.current(player).selfExcludedUntil()).isNull();
        assertThat(limits.current(player).selfExcludedAt(clock.instant())).isFalse();
    }
}
