package dev.yantra.lottery.catalog;

import dev.yantra.api.Json;
import dev.yantra.lottery.bet.BetType;
import dev.yantra.lottery.bet.PayoutTable;
import dev.yantra.lottery.schedule.DrawSchedule;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo catalog: Dominican lotteries and one fast lottery, {@value #RAPIDA}, drawing every 3 minutes with sales
 * closing a minute before (for the demo and for tests). Idempotent: a lottery already in the catalog is kept as
 * it is (an operator's changes survive a restart of the demo). The draw scheduler makes their draws.
 *
 * <p>The draw times below are plausible demo values in America/Santo_Domingo, not the lotteries' official
 * timetables; a real deployment loads its catalog from the lotteries' published schedules.
 */
public final class LotterySeed {
    public static final String RAPIDA = "demo-rapida";
    public static final ZoneId SANTO_DOMINGO = ZoneId.of("America/Santo_Domingo");
    static final long MIN_AMOUNT_MICRO = 100_000L;              // 1 unit
    static final long MAX_AMOUNT_MICRO = 10_000L * 100_000L;    // 10,000 units

    private static final Set<BetType> TWO_DIGIT = EnumSet.of(BetType.QUINIELA, BetType.PALE, BetType.TRIPLETA);

    /** One lottery to seed. */
    public record Entry(String id, String name, DrawSchedule schedule, int closeMinutes, Set<BetType> betTypes,
                        List<String> currencies) {
        boolean hasPick3() {
            return betTypes.stream().anyMatch(BetType::pick3);
        }
    }

    private final JdbcClient jdbc;

    public LotterySeed(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The demo catalog (demo draw times, not official ones). */
    public static List<Entry> demoCatalog() {
        Set<BetType> withPick3 = EnumSet.copyOf(TWO_DIGIT);
        withPick3.addAll(List.of(BetType.PEGA3, BetType.TOCA3));
        return List.of(
                new Entry("nacional", "Lotería Nacional", daily(LocalTime.of(14, 30), LocalTime.of(21, 0)), 5, TWO_DIGIT, List.of("DOP")),
                new Entry("leidsa", "Leidsa", leidsa(), 5, withPick3, List.of("DOP")),
                new Entry("loteka", "Loteka", daily(LocalTime.of(19, 55)), 5, TWO_DIGIT, List.of("DOP")),
                new Entry("real", "Lotería Real", daily(LocalTime.of(12, 55)), 5, TWO_DIGIT, List.of("DOP")),
                new Entry("la-primera", "La Primera", daily(LocalTime.of(12, 0), LocalTime.of(20, 0)), 5, TWO_DIGIT, List.of("DOP")),
                new Entry(RAPIDA, "Demo Rápida", DrawSchedule.everyMinutes(SANTO_DOMINGO, 3), 1,
                        EnumSet.allOf(BetType.class), List.of("DOP", "USD")));
    }

    /** Leidsa: 20:55 Monday to Saturday, 15:55 on Sundays. */
    private static DrawSchedule leidsa() {
        Map<DayOfWeek, List<LocalTime>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) week.put(d, List.of(LocalTime.of(20, 55)));
        week.put(DayOfWeek.SUNDAY, List.of(LocalTime.of(15, 55)));
        return DrawSchedule.weekly(SANTO_DOMINGO, week);
    }

    private static DrawSchedule daily(LocalTime... times) {
        Map<DayOfWeek, List<LocalTime>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) week.put(d, List.of(times));
        return DrawSchedule.weekly(SANTO_DOMINGO, week);
    }

    /** Seeds the demo catalog; returns how many lotteries were new. */
    public int seedDemo() {
        int added = 0;
        for (Entry e : demoCatalog()) added += seed(e) ? 1 : 0;
        return added;
    }

    /** Inserts one lottery unless its id exists; true when it was new. Tests seed their own lotteries with it. */
    public boolean seed(Entry e) {
        PayoutTable table = PayoutTable.empty();
        for (BetType t : e.betTypes()) table = table.withOverrides(PayoutTable.DEFAULTS.only(t));
        int rows = jdbc.sql("""
                INSERT INTO lotteries (id, name, time_zone, schedule, close_minutes, bet_types, payout_table, has_pick3,
                       min_amount_micro, max_amount_micro, currencies)
                VALUES (:id, :name, :zone, CAST(:schedule AS jsonb), :close, CAST(:types AS text[]),
                        CAST(:payout AS jsonb), :pick3, :min, :max, CAST(:currencies AS text[]))
                ON CONFLICT (id) DO NOTHING""")
                .param("id", e.id()).param("name", e.name()).param("zone", e.schedule().zone().getId())
                .param("schedule", Json.write(e.schedule().toMap())).param("close", e.closeMinutes())
                .param("types", "{" + String.join(",", e.betTypes().stream().map(BetType::wire).sorted().toList()) + "}")
                .param("payout", Json.write(table.toMap())).param("pick3", e.hasPick3())
                .param("min", MIN_AMOUNT_MICRO).param("max", MAX_AMOUNT_MICRO)
                .param("currencies", "{" + String.join(",", e.currencies()) + "}").update();
        return rows == 1;
    }
}
