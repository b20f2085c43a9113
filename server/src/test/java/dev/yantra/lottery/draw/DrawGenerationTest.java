package dev.yantra.lottery.draw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.lottery.bet.BetType;
import dev.yantra.lottery.catalog.LotteryCatalog;
import dev.yantra.lottery.catalog.LotterySeed;
import dev.yantra.lottery.schedule.DrawSchedule;
import dev.yantra.testing.SettableClock;
import dev.yantra.testing.TestPostgres;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Draws planned from schedules and inserted on real Postgres. The database session runs in a far-off time zone
 * (Pacific/Chatham, +13:45 in its summer) to prove no query depends on the session's zone.
 */
class DrawGenerationTest {
    private Database db;
    private SingleConnectionDataSource chatham;
    private JdbcClient jdbc;
    private LotteryCatalog catalog;
    private DrawStore store;

    @BeforeEach
    void setUp() throws Exception {
        db = TestPostgres.freshDatabase();
        chatham = new SingleConnectionDataSource(db.dataSource().getConnection(), true);
        jdbc = JdbcClient.create(chatham);
        jdbc.sql("SET TIME ZONE 'Pacific/Chatham'").update();
        assertThat(jdbc.sql("SHOW timezone").query(String.class).single()).isEqualTo("Pacific/Chatham");
        catalog = new LotteryCatalog(jdbc);
        store = new DrawStore(jdbc);
    }

    @AfterEach
    void tearDown() {
        chatham.destroy();
        db.close(false);
    }

    private DrawScheduler scheduler(SettableClock clock, String node) {
        return new DrawScheduler(new DrawSchedulerLease(jdbc, node), store, new DrawGenerator(catalog), clock,
                DrawScheduler.Settings.DEFAULTS);
    }

    private List<Draw> draws(String lottery) {
        return new DrawDirectory(jdbc, java.time.Clock.systemUTC())
                .between(lottery, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), DrawDirectory.MAX_LIST);
    }

    @Test
    void generating_twice_and_on_a_second_node_adds_no_draw_twice() {
        new LotterySeed(jdbc).seedDemo();
        SettableClock clock = new SettableClock(Instant.parse("2026-12-01T12:00:00Z"));
        DrawScheduler a = scheduler(clock, "node-a");
        a.tick();
        int first = count();
        assertThat(first).isGreaterThan(0);
        a.tick();
        new DrawGenerator(catalog).due(clock.instant(), Duration.ofHours(48), Duration.ofMinutes(5)).draws()
                .forEach(p -> store.insertMissing(List.of(p), clock.instant()));
        a.close();
        DrawScheduler b = scheduler(clock, "node-b");
        b.tick();
        b.close();
        assertThat(count()).isEqualTo(first);
        // a draw every 3 minutes strictly between 12:00 and 12:00 two days later: 12:03 ... 11:57, 959 draws
        assertThat(draws(LotterySeed.RAPIDA)).hasSize(959);
        assertThat(jdbc.sql("SELECT count(*) FROM (SELECT lottery_id, draw_time FROM draws GROUP BY 1, 2 HAVING count(*) > 1) d")
                .query(Integer.class).single()).isZero();
    }

    private int count() {
        return jdbc.sql("SELECT count(*) FROM draws").query(Integer.class).single();
    }

    @Test
    void santo_domingo_draw_times_are_the_local_times_of_the_schedule_with_sundays_apart() {
        new LotterySeed(jdbc).seedDemo();
        // Saturday 2026-12-05 10:00 local (14:00Z): the next 48 h hold Saturday 20:55, Sunday 15:55
        SettableClock clock = new SettableClock(Instant.parse("2026-12-05T14:00:00Z"));
        DrawScheduler s = scheduler(clock, "node-a");
        s.tick();
        s.close();
        List<Draw> leidsa = draws("leidsa");
        // America/Santo_Domingo is UTC-4 all year (no daylight saving)
        assertThat(leidsa).extracting(Draw::drawTime).containsExactly(
                Instant.parse("2026-12-06T00:55:00Z"),   // Saturday 20:55
                Instant.parse("2026-12-06T19:55:00Z"));  // Sunday 15:55
        assertThat(leidsa).extracting(Draw::closesAt).containsExactly(
                Instant.parse("2026-12-06T00:50:00Z"), Instant.parse("2026-12-06T19:50:00Z"));
        assertThat(draws("nacional")).extracting(Draw::drawTime).containsExactly(
                Instant.parse("2026-12-05T18:30:00Z"), Instant.parse("2026-12-06T01:00:00Z"),
                Instant.parse("2026-12-06T18:30:00Z"), Instant.parse("2026-12-07T01:00:00Z"));
    }

    @Test
    void a_lottery_in_a_zone_with_daylight_saving_keeps_its_local_draw_time_across_the_change() {
        ZoneId newYork = ZoneId.of("America/New_York");
        Map<DayOfWeek, List<LocalTime>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) week.put(d, List.of(LocalTime.of(22, 30)));
        new LotterySeed(jdbc).seed(new LotterySeed.Entry("ny-night", "NY night", DrawSchedule.weekly(newYork, week), 10,
                EnumSet.of(BetType.QUINIELA), List.of("USD")));
        // clocks go forward on Sunday 2026-03-08 at 02:00 local: 22:30 is 03:30Z before, 02:30Z after
        SettableClock clock = new SettableClock(Instant.parse("2026-03-07T12:00:00Z"));
        DrawScheduler s = scheduler(clock, "node-a");
        s.tick();
        s.close();
        assertThat(draws("ny-night")).extracting(Draw::drawTime).containsExactly(
                Instant.parse("2026-03-08T03:30:00Z"),   // Saturday 22:30 EST
                Instant.parse("2026-03-09T02:30:00Z"));  // Sunday 22:30 EDT
        assertThat(draws("ny-night")).extracting(Draw::closesAt).containsExactly(
                Instant.parse("2026-03-08T03:20:00Z"), Instant.parse("2026-03-09T02:20:00Z"));
    }

    @Test
    void a_draw_whose_sales_would_already_be_closed_is_not_generated() {
        new LotterySeed(jdbc).seedDemo();
        // 20:52 local on a Monday: Leidsa's 20:55 draw closed at 20:50
        SettableClock clock = new SettableClock(Instant.parse("2026-12-08T00:52:00Z"));
        DrawScheduler s = scheduler(clock, "node-a");
        s.tick();
        s.close();
        assertThat(draws("leidsa")).extracting(Draw::drawTime).doesNotContain(Instant.parse("2026-12-08T00:55:00Z"))
                .contains(Instant.parse("2026-12-09T00:55:00Z"));
    }

    @Test
    void a_lottery_added_while_the_scheduler_runs_gets_its_draws_on_the_next_tick() {
        SettableClock clock = new SettableClock(Instant.parse("2026-12-01T12:00:00Z"));
        DrawScheduler s = scheduler(clock, "node-a");
        s.tick();
        assertThat(count()).isZero();
        new LotterySeed(jdbc).seedDemo();
        clock.advance(Duration.ofSeconds(1));
        s.tick();
        s.close();
        assertThat(draws("loteka")).hasSize(2);
        assertThat(draws(LotterySeed.RAPIDA)).isNotEmpty();
    }

    @Test
    void seeding_the_demo_catalog_twice_keeps_one_row_per_lottery_and_an_operators_changes() {
        LotterySeed seed = new LotterySeed(jdbc);
        assertThat(seed.seedDemo()).isEqualTo(LotterySeed.demoCatalog().size());
        jdbc.sql("UPDATE lotteries SET close_minutes = 10 WHERE id = 'loteka'").update();
        assertThat(seed.seedDemo()).isZero();
        assertThat(catalog.all()).hasSize(LotterySeed.demoCatalog().size());
        assertThat(catalog.find("loteka").orElseThrow().closeMinutes()).isEqualTo(10);
        var rapida = catalog.find(LotterySeed.RAPIDA).orElseThrow();
        assertThat(rapida.closeMinutes()).isEqualTo(1);
        assertThat(rapida.hasPick3()).isTrue();
        assertThat(rapida.betTypes()).contains("quiniela", "pega3", "box");
        assertThat(catalog.find("loteka").orElseThrow().betTypes()).containsExactlyInAnyOrder("quiniela", "pale", "tripleta");
        assertThat(catalog.find("loteka").orElseThrow().payoutTable()).containsOnlyKeys("quiniela", "pale", "tripleta");
    }
}
