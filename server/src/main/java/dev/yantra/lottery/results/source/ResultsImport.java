package dev.yantra.lottery.results.source;

import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.lottery.bet.DrawResult;
import dev.yantra.lottery.catalog.Lottery;
import dev.yantra.lottery.catalog.LotteryCatalog;
import dev.yantra.lottery.draw.Draw;
import dev.yantra.lottery.draw.DrawDirectory;
import dev.yantra.lottery.draw.DrawState;
import dev.yantra.lottery.results.ResultConflictException;
import dev.yantra.lottery.results.Results;
import dev.yantra.lottery.results.StoredResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Applies the text of a results source, line by line: {@code lotteryId,drawTime,first,second,third[,pick3]}. A line
 * is matched to the draw of that lottery at exactly that draw time, then entered through {@link Results#set} as
 * {@value #BY} (so four-eyes, the audit row and settlement are the admin path's own). A stored result is never
 * overwritten: a line that disagrees is a conflict, kept in results_source_conflicts for an admin. Every line is on
 * its own: a bad one is counted and the next still applies.
 */
public final class ResultsImport {
    private static final Logger log = LoggerFactory.getLogger(ResultsImport.class);
    public static final String BY = "results-source";
    public static final String METRIC = "lottery_results_source_lines";

    private final JdbcClient jdbc;
    private final Results results;
    private final DrawDirectory draws;
    private final LotteryCatalog catalog;
    private final Map<SourceOutcome, Counter> counters = new EnumMap<>(SourceOutcome.class);

    public ResultsImport(JdbcClient jdbc, Results results, DrawDirectory draws, LotteryCatalog catalog, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.results = results;
        this.draws = draws;
        this.catalog = catalog;
        for (SourceOutcome o : SourceOutcome.values()) {   // pre-registered: every series exists at 0 from start-up
            counters.put(o, Counter.builder(METRIC).description("Lines of the configured results source by what became of them")
                    .tag("outcome", o.wire()).register(registry));
        }
    }

    /** One line's fate: its number in the source (1-based), the outcome, the draw if found, and a readable message. */
    public record LineResult(int lineNo, SourceOutcome outcome, UUID drawId, String message) {
        public String describe() {
            return "line " + lineNo + ": " + outcome.wire() + (drawId == null ? "" : " draw " + drawId) + " - " + message;
        }
    }

    /** Every line's result, in order. */
    public record Report(String source, List<LineResult> lines) {
        public long count(SourceOutcome o) {
            return lines.stream().filter(l -> l.outcome() == o).count();
        }

        public boolean needsAttention() {
            return lines.stream().anyMatch(l -> l.outcome().needsAttention());
        }
    }

    /** The source could not be read this time: counted once, nothing else happens. */
    public void unreadable(String source, String why) {
        counters.get(SourceOutcome.UNREADABLE).increment();
        log.warn("results source {} unreadable: {}", source, why);
    }

    /**
     * Applies {@code text} read from {@code source}. A dry run decides every line the same way but enters,
     * counts and records nothing.
     */
    public Report apply(String source, String text, boolean dryRun) {
        List<LineResult> out = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        int header = firstContentLine(lines);   // skipped when it names the columns
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (i == header && line.toLowerCase(java.util.Locale.ROOT).startsWith("lotteryid")) continue;
            LineResult r = one(source, i + 1, line, dryRun);
            if (!dryRun) counters.get(r.outcome()).increment();
            out.add(r);
        }
        return new Report(source, List.copyOf(out));
    }

    private static int firstContentLine(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (!l.isEmpty() && !l.startsWith("#")) return i;
        }
        return -1;
    }

    private LineResult one(String source, int lineNo, String line, boolean dryRun) {
        String[] f = line.split(",", -1);
        if (f.length != 5 && f.length != 6) {
            return new LineResult(lineNo, SourceOutcome.INVALID, null,
                    "expected lotteryId,drawTime,first,second,third[,pick3], got " + f.length + " field(s)");
        }
        for (int k = 0; k < f.length; k++) f[k] = f[k].strip();
        DrawResult offered;
        try {
            offered = Results.of(f[2], f[3], f[4], f.length == 6 ? f[5] : null);
        } catch (UsageException e) {
            return new LineResult(lineNo, SourceOutcome.INVALID, null, e.getMessage());
        }
        Optional<Lottery> lottery = catalog.find(f[0]);
        if (lottery.isEmpty()) return new LineResult(lineNo, SourceOutcome.UNKNOWN_DRAW, null, "no lottery '" + f[0] + "'");
        Instant at;
        try {
            at = drawTime(f[1], lottery.get());
        } catch (DateTimeParseException e) {
            return new LineResult(lineNo, SourceOutcome.INVALID, null, "drawTime must be ISO-8601 like 2026-12-02T12:00:00-04:00"
                    + " or a local time in the lottery's zone like 2026-12-02T12:00, was '" + f[1] + "'");
        }
        List<Draw> found = draws.between(lottery.get().id(), at, at.plusNanos(1_000), 1);
        if (found.isEmpty()) {
            return new LineResult(lineNo, SourceOutcome.UNKNOWN_DRAW, null, "lottery " + f[0] + " has no draw at " + at);
        }
        Draw draw = found.get(0);
        Optional<LineResult> known = against(source, lineNo, line, draw.id(), offered, dryRun);
        if (known.isPresent()) return known.get();
        if (draw.state() != DrawState.CLOSED) {
            return new LineResult(lineNo, SourceOutcome.DRAW_NOT_CLOSED, draw.id(), "the draw is " + draw.state() + "; tried again next poll");
        }
        if (dryRun) return new LineResult(lineNo, SourceOutcome.APPLIED, draw.id(), "would enter " + StoredResult.describe(offered));
        try {
            Results.Entered e = results.set(draw.id(), offered, BY, source);
            return new LineResult(lineNo, SourceOutcome.APPLIED, draw.id(), "entered " + StoredResult.describe(offered)
                    + (e.result().releasable() ? "; settled " + e.settlement().evaluated() + " play(s)"
                    : "; waiting for an admin's confirmation (four-eyes)"));
        } catch (ResultConflictException e) {
            if ("result_exists".equals(e.code())) {   // entered meanwhile (an admin, or another node): decide again
                return against(source, lineNo, line, draw.id(), offered, false)
                        .orElse(new LineResult(lineNo, SourceOutcome.CONFLICT, draw.id(), e.getMessage()));
            }
            return new LineResult(lineNo, SourceOutcome.DRAW_NOT_CLOSED, draw.id(), e.getMessage());
        } catch (UsageException | NotFoundException e) {   // e.g. a pick3 the lottery does not take
            return new LineResult(lineNo, SourceOutcome.INVALID, draw.id(), e.getMessage());
        }
    }

    /** UNCHANGED or CONFLICT when the draw already has a result; empty when it has none. */
    private Optional<LineResult> against(String source, int lineNo, String line, UUID drawId, DrawResult offered, boolean dryRun) {
        Optional<StoredResult> stored = results.find(drawId);
        if (stored.isEmpty()) return Optional.empty();
        if (stored.get().result().equals(offered)) {
            return Optional.of(new LineResult(lineNo, SourceOutcome.UNCHANGED, drawId, "already " + StoredResult.describe(offered)));
        }
        String has = StoredResult.describe(stored.get().result());
        String says = StoredResult.describe(offered);
        if (!dryRun) recordConflict(source, lineNo, line, drawId, has, says);
        return Optional.of(new LineResult(lineNo, SourceOutcome.CONFLICT, drawId,
                "the source says " + says + " but the draw has " + has + "; left as it is (correct it if the source is right)"));
    }

    private void recordConflict(String source, int lineNo, String line, UUID drawId, String stored, String offered) {
        Integer seen = jdbc.sql("""
                        INSERT INTO results_source_conflicts (draw_id, source, line_no, line, stored, offered)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (draw_id, source, offered) DO UPDATE
                           SET seen_count = results_source_conflicts.seen_count + 1, last_seen_at = now(),
                               line_no = EXCLUDED.line_no, line = EXCLUDED.line
                        RETURNING seen_count""")
                .params(drawId, source, lineNo, line, stored, offered).query(Integer.class).single();
        if (seen == 1) {   // once per conflicting line, not once per poll
            log.warn("results source {} line {} says {} for draw {} which has {}: not applied", source, lineNo, offered, drawId, stored);
        }
    }

    /**
     * An ISO-8601 time with an offset (or Z), or a local date-time read in the lottery's zone (where a clock change
     * makes it ambiguous, the earlier offset).
     */
    static Instant drawTime(String text, Lottery lottery) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text).atZone(lottery.zone()).toInstant();
        }
    }

    /** The conflicts kept for admins, most recently seen first (at most {@code limit}), in their JSON form. */
    public List<Map<String, Object>> conflicts(int limit) {
        return jdbc.sql("""
                        SELECT draw_id, source, line_no, line, stored, offered, first_seen_at, last_seen_at, seen_count
                          FROM results_source_conflicts ORDER BY last_seen_at DESC, id DESC LIMIT ?""")
                .param(limit).query((rs, n) -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("drawId", rs.getObject("draw_id", UUID.class).toString());
                    m.put("source", rs.getString("source"));
                    m.put("lineNo", rs.getInt("line_no"));
                    m.put("line", rs.getString("line"));
                    m.put("stored", rs.getString("stored"));
                    m.put("offered", rs.getString("offered"));
                    m.put("firstSeenAt", rs.getTimestamp("first_seen_at").toInstant().toString());
                    m.put("lastSeenAt", rs.getTimestamp("last_seen_at").toInstant().toString());
                    m.put("seenCount", rs.getInt("seen_count"));
                    return m;
                }).list();
    }
}
