package dev.yantra.lottery.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A lottery's draw times, immutable. Either {@linkplain #weekly weekly} — each weekday has its own list of
 * local times (several draws a day are normal) — or {@linkplain #everyMinutes every N minutes} (the demo's
 * fast lottery and tests).
 *
 * <p>Weekly times are wall-clock times in the lottery's zone, so a 20:00 draw stays at 20:00 local across
 * daylight-saving changes. A time that does not exist on a spring-forward day (02:30 when clocks jump from
 * 02:00 to 03:00) is drawn at the same distance after the jump (03:30; if another listed time is also
 * 03:30 they are one draw); a time that happens twice on a
 * fall-back day is drawn once, at its first occurrence. "Every N minutes" counts on the timeline, not the
 * clock, so it never skips or doubles a draw at a change; N must divide a day (1440) and the draws are
 * aligned to midnight UTC, so every day has the same draws.
 */
public final class DrawSchedule {

    public enum Kind { WEEKLY, EVERY }

    /** Sales close this many minutes before a draw unless a lottery says otherwise. */
    public static final int DEFAULT_CLOSE_MINUTES = 5;
    /** The longest range {@link #drawTimesBetween} answers for. */
    public static final Duration MAX_RANGE = Duration.ofDays(400);
    /** At most this many draws in one answer (a bound, like everything else). */
    public static final int MAX_DRAWS = 20_000;
    public static final int MAX_TIMES_PER_DAY = 288;

    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ZoneId zone;
    private final Kind kind;
    private final Map<DayOfWeek, List<LocalTime>> weekly;
    private final int everyMinutes;

    private DrawSchedule(ZoneId zone, Kind kind, Map<DayOfWeek, List<LocalTime>> weekly, int everyMinutes) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.kind = kind;
        this.weekly = weekly;
        this.everyMinutes = everyMinutes;
    }

    /** Weekly: for each weekday its local draw times (days left out have no draws). */
    public static DrawSchedule weekly(ZoneId zone, Map<DayOfWeek, List<LocalTime>> times) {
        Objects.requireNonNull(times, "times");
        Map<DayOfWeek, List<LocalTime>> copy = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<DayOfWeek, List<LocalTime>> e : times.entrySet()) {
            DayOfWeek day = Objects.requireNonNull(e.getKey(), "day");
            List<LocalTime> list = e.getValue() == null ? List.of() : e.getValue();
            if (list.size() > MAX_TIMES_PER_DAY) {
                throw new InvalidScheduleException(name(day) + " has " + list.size() + " draw times; at most "
                        + MAX_TIMES_PER_DAY);
            }
            TreeSet<LocalTime> sorted = new TreeSet<>();
            for (LocalTime t : list) {
                if (t == null) throw new InvalidScheduleException(name(day) + " has a missing draw time");
                if (t.getNano() != 0) throw new InvalidScheduleException(name(day) + " draw time " + t + " has a fraction of a second");
                if (!sorted.add(t)) throw new InvalidScheduleException(name(day) + " lists " + format(t) + " twice");
            }
            if (!sorted.isEmpty()) copy.put(day, List.copyOf(sorted));
        }
        if (copy.isEmpty()) throw new InvalidScheduleException("a weekly schedule needs at least one draw time");
        return new DrawSchedule(zone, Kind.WEEKLY, Collections.unmodifiableMap(copy), 0);
    }

    /** A draw every {@code minutes} minutes (a divisor of 1440), aligned to midnight UTC. */
    public static DrawSchedule everyMinutes(ZoneId zone, int minutes) {
        if (minutes < 1 || minutes > 1440 || 1440 % minutes != 0) {
            throw new InvalidScheduleException("every minutes must divide a day (1440): 1, 2, 3, 4, 5, 6, 10, 15, 30,"
                    + " 60 ...; was " + minutes);
        }
        return new DrawSchedule(zone, Kind.EVERY, Map.of(), minutes);
    }

    public ZoneId zone() {
        return zone;
    }

    public Kind kind() {
        return kind;
    }

    /** Weekly: the sorted local draw times of that weekday (empty for none, and for an every-N schedule). */
    public List<LocalTime> timesOn(DayOfWeek day) {
        return weekly.getOrDefault(day, List.of());
    }

    /** Every-N: the interval; 0 for a weekly schedule. */
    public int everyMinutes() {
        return everyMinutes;
    }

    /** The draw instants in {@code [from, to)}, in order, each once. */
    public List<Instant> drawTimesBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) throw new IllegalArgumentException("to " + to + " is before from " + from);
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("ask for at most " + MAX_RANGE.toDays() + " days of draws at once");
        }
        List<Instant> out = kind == Kind.EVERY ? every(from, to) : weeklyBetween(from, to);
        if (out.size() > MAX_DRAWS) {
            throw new IllegalArgumentException("more than " + MAX_DRAWS + " draws between " + from + " and " + to
                    + "; ask for a shorter range");
        }
        return out;
    }

    /** The first draw at or after {@code instant}; a weekly schedule repeats every 7 days, so 8 days are searched. */
    public Optional<Instant> nextDrawAtOrAfter(Instant instant) {
        Instant windowEnd = instant.plus(Duration.ofDays(8));
        List<Instant> week = kind == Kind.EVERY ? List.of(firstEvery(instant)) : weeklyBetween(instant, windowEnd);
        return week.stream().findFirst();
    }

    /** When sales close for a draw: {@code closeMinutes} (0..1440) before it. */
    public static Instant closesAt(Instant drawTime, int closeMinutes) {
        Objects.requireNonNull(drawTime, "drawTime");
        if (closeMinutes < 0 || closeMinutes > 1440) {
            throw new IllegalArgumentException("closeMinutes must be in 0..1440, was " + closeMinutes);
        }
        return drawTime.minus(Duration.ofMinutes(closeMinutes));
    }

    private List<Instant> every(Instant from, Instant to) {
        List<Instant> out = new ArrayList<>();
        long step = everyMinutes * 60L;
        for (Instant t = firstEvery(from); t.isBefore(to); t = t.plusSeconds(step)) {
            out.add(t);
            if (out.size() > MAX_DRAWS) break;
        }
        return out;
    }

    private Instant firstEvery(Instant from) {
        long step = everyMinutes * 60L;
        long seconds = from.getEpochSecond() + (from.getNano() > 0 ? 1 : 0);
        return Instant.ofEpochSecond(Math.ceilDiv(seconds, step) * step);
    }

    private List<Instant> weeklyBetween(Instant from, Instant to) {
        // a day either side: a local date's draws can fall on the neighbouring UTC date
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        TreeSet<Instant> out = new TreeSet<>();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            for (LocalTime time : timesOn(day.getDayOfWeek())) {
                // ZonedDateTime.of moves a time in a gap forward by the gap and takes the earlier offset in an overlap
                Instant at = ZonedDateTime.of(day, time, zone).toInstant();
                if (!at.isBefore(from) && at.isBefore(to)) out.add(at);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The JSON form for the {@code lotteries.schedule} column (the zone is the lottery's own column):
     * {@code {"kind": "weekly", "days": {"monday": ["12:55", "20:55"], ...}}} or
     * {@code {"kind": "every", "minutes": 5}}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (kind == Kind.EVERY) {
            out.put("kind", "every");
            out.put("minutes", everyMinutes);
            return Collections.unmodifiableMap(out);
        }
        Map<String, Object> days = new LinkedHashMap<>();
        weekly.forEach((day, times) -> days.put(name(day), times.stream().map(DrawSchedule::format).toList()));
        out.put("kind", "weekly");
        out.put("days", Collections.unmodifiableMap(days));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Reads {@link #toMap}'s form as Jackson hands it over. In {@code days}, weekday names are English
     * ({@code "monday"}, any case) and {@code "daily"} adds its times to every day; times are
     * {@code "HH:mm"} or {@code "HH:mm:ss"}, 24-hour.
     */
    public static DrawSchedule fromMap(Map<String, ?> map, ZoneId zone) {
        if (map == null) throw new InvalidScheduleException("schedule is missing");
        Object kind = map.get("kind");
        if ("every".equals(kind)) {
            Object minutes = map.get("minutes");
            if (!(minutes instanceof Integer || minutes instanceof Long)) {
                throw new InvalidScheduleException("schedule: minutes must be a whole number, was " + minutes);
            }
            long m = ((Number) minutes).longValue();
            return everyMinutes(zone, m > Integer.MAX_VALUE || m < Integer.MIN_VALUE ? -1 : (int) m);
        }
        if (!"weekly".equals(kind)) {
            throw new InvalidScheduleException("schedule: kind must be \"weekly\" or \"every\", was " + kind);
        }
        if (!(map.get("days") instanceof Map<?, ?> days)) {
            throw new InvalidScheduleException("schedule: days must be an object of weekday -> [\"HH:mm\", ...]");
        }
        Map<DayOfWeek, List<LocalTime>> times = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<?, ?> e : days.entrySet()) {
            String key = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
            List<LocalTime> parsed = parseTimes(key, e.getValue());
            List<DayOfWeek> targets = key.equals("daily") ? List.of(DayOfWeek.values()) : List.of(day(key));
            for (DayOfWeek d : targets) {
                List<LocalTime> merged = new ArrayList<>(times.getOrDefault(d, List.of()));
                merged.addAll(parsed);
                times.put(d, merged);
            }
        }
        return weekly(zone, times);
    }

    private static DayOfWeek day(String key) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (name(d).equals(key)) return d;
        }
        throw new InvalidScheduleException("schedule: unknown day '" + key + "'; use monday..sunday or daily");
    }

    private static List<LocalTime> parseTimes(String day, Object value) {
        if (!(value instanceof List<?> list)) {
            throw new InvalidScheduleException("schedule: " + day + " must be a list of \"HH:mm\" times, was " + value);
        }
        if (list.size() > MAX_TIMES_PER_DAY) {
            throw new InvalidScheduleException("schedule: " + day + " has more than " + MAX_TIMES_PER_DAY + " times");
        }
        List<LocalTime> out = new ArrayList<>();
        for (Object t : list) {
            if (!(t instanceof String s) || !TIME.matcher(s).matches()) {
                throw new InvalidScheduleException("schedule: " + day + " time must be \"HH:mm\" (24-hour), was " + t);
            }
            out.add(LocalTime.parse(s));
        }
        return out;
    }

    private static String name(DayOfWeek d) {
        return d.name().toLowerCase(Locale.ROOT);
    }

    private static String format(LocalTime t) {
        return t.getSecond() == 0 ? HH_MM.format(t) : HH_MM_SS.format(t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DrawSchedule s && s.zone.equals(zone) && s.kind == kind && s.weekly.equals(weekly)
                && s.everyMinutes == everyMinutes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, kind, weekly, everyMinutes);
    }

    @Override
    public String toString() {
        return "DrawSchedule" + toMap() + " in " + zone;
    }
}
