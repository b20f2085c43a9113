package dev.yantra.lottery.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrawScheduleTest {

    private static final ZoneId SANTO_DOMINGO = ZoneId.of("America/Santo_Domingo"); // UTC-4, no DST
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void a_weekly_schedule_draws_each_listed_local_time_of_each_weekday() {
        DrawSchedule s = DrawSchedule.weekly(SANTO_DOMINGO, Map.of(
                DayOfWeek.TUESDAY, List.of(LocalTime.of(20, 55), LocalTime.of(12, 55)),
                DayOfWeek.WEDNESDAY, List.of(LocalTime.of(14, 30))));
        // 2026-12-01 is a Tuesday
        assertThat(s.drawTimesBetween(at("2026-12-01T00:00:00Z"), at("2026-12-03T00:00:00Z"))).containsExactly(
                at("2026-12-01T16:55:00Z"), at("2026-12-02T00:55:00Z"), at("2026-12-02T18:30:00Z"));
        assertThat(s.timesOn(DayOfWeek.TUESDAY)).containsExactly(LocalTime.of(12, 55), LocalTime.of(20, 55));
        assertThat(s.timesOn(DayOfWeek.MONDAY)).isEmpty();
    }

    @Test
    void the_range_includes_its_start_and_excludes_its_end() {
        DrawSchedule s = DrawSchedule.everyMinutes(SANTO_DOMINGO, 5);
        assertThat(s.drawTimesBetween(at("2026-12-01T10:00:00Z"), at("2026-12-01T10:15:00Z")))
                .containsExactly(at("2026-12-01T10:00:00Z"), at("2026-12-01T10:05:00Z"), at("2026-12-01T10:10:00Z"));
        assertThat(s.drawTimesBetween(at("2026-12-01T10:00:00.001Z"), at("2026-12-01T10:05:00Z"))).isEmpty();
        assertThat(s.nextDrawAtOrAfter(at("2026-12-01T10:00:00.001Z"))).contains(at("2026-12-01T10:05:00Z"));
    }

    @Test
    void a_local_draw_time_stays_on_the_wall_clock_across_a_daylight_saving_change() {
        DrawSchedule s = DrawSchedule.weekly(NEW_YORK, Map.of(
                DayOfWeek.SATURDAY, List.of(LocalTime.of(20, 0)), DayOfWeek.SUNDAY, List.of(LocalTime.of(20, 0))));
        // clocks go forward in New York on Sunday 2026-03-08: 20:00 EST is 01:00Z, 20:00 EDT is 00:00Z
        assertThat(s.drawTimesBetween(at("2026-03-07T12:00:00Z"), at("2026-03-09T12:00:00Z")))
                .containsExactly(at("2026-03-08T01:00:00Z"), at("2026-03-09T00:00:00Z"));
    }

    @Test
    void a_time_skipped_by_spring_forward_is_drawn_after_the_jump_and_only_once() {
        DrawSchedule s = DrawSchedule.weekly(NEW_YORK, Map.of(
                DayOfWeek.SUNDAY, List.of(LocalTime.of(2, 30), LocalTime.of(3, 30))));
        // 02:30 does not exist on 2026-03-08; it becomes 03:30 EDT (07:30Z), the same instant as the 03:30 draw
        assertThat(s.drawTimesBetween(at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z")))
                .containsExactly(at("2026-03-08T07:30:00Z"));
        // the week before, both exist (EST, UTC-5)
        assertThat(s.drawTimesBetween(at("2026-03-01T00:00:00Z"), at("2026-03-02T00:00:00Z")))
                .containsExactly(at("2026-03-01T07:30:00Z"), at("2026-03-01T08:30:00Z"));
    }

    @Test
    void a_time_repeated_by_fall_back_is_drawn_once_at_its_first_occurrence() {
        DrawSchedule s = DrawSchedule.weekly(NEW_YORK, Map.of(DayOfWeek.SUNDAY, List.of(LocalTime.of(1, 30))));
        // 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST)
        assertThat(s.drawTimesBetween(at("2026-11-01T00:00:00Z"), at("2026-11-02T00:00:00Z")))
                .containsExactly(at("2026-11-01T05:30:00Z"));
    }

    @Test
    void every_n_minutes_counts_on_the_timeline_so_a_clock_change_neither_skips_nor_doubles() {
        DrawSchedule s = DrawSchedule.everyMinutes(NEW_YORK, 30);
        List<Instant> draws = s.drawTimesBetween(at("2026-11-01T04:00:00Z"), at("2026-11-01T08:00:00Z"));
        assertThat(draws).hasSize(8);
        for (int i = 1; i < draws.size(); i++) {
            assertThat(draws.get(i)).isEqualTo(draws.get(i - 1).plusSeconds(1800));
        }
    }

    @Test
    void sales_close_the_given_minutes_before_the_draw() {
        assertThat(DrawSchedule.closesAt(at("2026-12-01T16:55:00Z"), 5)).isEqualTo(at("2026-12-01T16:50:00Z"));
        assertThat(DrawSchedule.closesAt(at("2026-12-01T16:55:00Z"), 0)).isEqualTo(at("2026-12-01T16:55:00Z"));
        assertThat(DrawSchedule.DEFAULT_CLOSE_MINUTES).isEqualTo(5);
        assertThatThrownBy(() -> DrawSchedule.closesAt(at("2026-12-01T16:55:00Z"), -1))
                .hasMessage("closeMinutes must be in 0..1440, was -1");
    }

    @Test
    void the_json_form_reads_back_to_the_same_schedule() {
        DrawSchedule weekly = DrawSchedule.weekly(SANTO_DOMINGO, Map.of(
                DayOfWeek.MONDAY, List.of(LocalTime.of(12, 55), LocalTime.of(20, 55, 30)),
                DayOfWeek.SUNDAY, List.of(LocalTime.of(15, 0))));
        assertThat(weekly.toMap()).isEqualTo(Map.of("kind", "weekly",
                "days", Map.of("monday", List.of("12:55", "20:55:30"), "sunday", List.of("15:00"))));
        assertThat(DrawSchedule.fromMap(weekly.toMap(), SANTO_DOMINGO)).isEqualTo(weekly);
        DrawSchedule fast = DrawSchedule.everyMinutes(SANTO_DOMINGO, 3);
        assertThat(fast.toMap()).isEqualTo(Map.of("kind", "every", "minutes", 3));
        assertThat(DrawSchedule.fromMap(fast.toMap(), SANTO_DOMINGO)).isEqualTo(fast);
    }

    @Test
    void daily_times_apply_to_every_weekday_alongside_a_days_own() {
        DrawSchedule s = DrawSchedule.fromMap(Map.of("kind", "weekly",
                "days", Map.of("daily", List.of("12:55"), "Sunday", List.of("15:00"))), SANTO_DOMINGO);
        for (DayOfWeek d : DayOfWeek.values()) assertThat(s.timesOn(d)).contains(LocalTime.of(12, 55));
        assertThat(s.timesOn(DayOfWeek.SUNDAY)).containsExactly(LocalTime.of(12, 55), LocalTime.of(15, 0));
    }

    @Test
    void bad_schedules_are_refused_with_the_entry_named() {
        assertThatThrownBy(() -> DrawSchedule.fromMap(Map.of("kind", "monthly"), SANTO_DOMINGO))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessage("schedule: kind must be \"weekly\" or \"every\", was monthly");
        assertThatThrownBy(() -> DrawSchedule.fromMap(Map.of("kind", "weekly", "days", Map.of("lunes", List.of("12:00"))), SANTO_DOMINGO))
                .hasMessage("schedule: unknown day 'lunes'; use monday..sunday or daily");
        assertThatThrownBy(() -> DrawSchedule.fromMap(Map.of("kind", "weekly", "days", Map.of("monday", List.of("8:00"))), SANTO_DOMINGO))
                .hasMessage("schedule: monday time must be \"HH:mm\" (24-hour), was 8:00");
        assertThatThrownBy(() -> DrawSchedule.fromMap(Map.of("kind", "weekly", "days", Map.of("monday", List.of("24:00"))), SANTO_DOMINGO))
                .isInstanceOf(InvalidScheduleException.class);
        assertThatThrownBy(() -> DrawSchedule.fromMap(Map.of("kind", "weekly",
                "days", Map.of("monday", List.of("12:00", "12:00"))), SANTO_DOMINGO))
                .hasMessage("monday lists 12:00 twice");
        assertThatThrownBy(() -> DrawSchedule.fromMap(Map.of("kind", "weekly", "days", Map.of()), SANTO_DOMINGO))
                .hasMessage("a weekly schedule needs at least one draw time");
        assertThatThrownBy(() -> DrawSchedule.fromMap(Map.of("kind", "every", "minutes", 7), SANTO_DOMINGO))
                .hasMessageContaining("was 7");
        assertThatThrownBy(() -> DrawSchedule.fromMap(Map.of("kind", "every", "minutes", "5"), SANTO_DOMINGO))
                .hasMessage("schedule: minutes must be a whole number, was 5");
        assertThatThrownBy(() -> DrawSchedule.fromMap(null, SANTO_DOMINGO)).isInstanceOf(InvalidScheduleException.class);
    }

    @Test
    void a_range_is_bounded_and_must_run_forward() {
        DrawSchedule s = DrawSchedule.everyMinutes(SANTO_DOMINGO, 1);
        assertThatThrownBy(() -> s.drawTimesBetween(at("2026-12-02T00:00:00Z"), at("2026-12-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.drawTimesBetween(at("2026-01-01T00:00:00Z"), at("2027-06-01T00:00:00Z")))
                .hasMessage("ask for at most 400 days of draws at once");
        assertThatThrownBy(() -> s.drawTimesBetween(at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z")))
                .hasMessageStartingWith("more than 20000 draws");
        assertThat(s.drawTimesBetween(at("2026-01-01T00:00:00Z"), at("2026-01-02T00:00:00Z"))).hasSize(1440);
    }
}
