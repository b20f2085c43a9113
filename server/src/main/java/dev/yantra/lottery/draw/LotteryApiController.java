package dev.yantra.lottery.draw;

import dev.yantra.api.ApiException;
import dev.yantra.lottery.catalog.Lottery;
import dev.yantra.lottery.catalog.LotteryCatalog;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public catalog (no authentication): what is on sale and when. {@code GET /api/v1/lotteries} lists the
 * enabled lotteries with their next draws; {@code GET /api/v1/lotteries/{id}/draws?from&to} lists a lottery's
 * draws in a window (a draw's result joins its entry once results are published). Times are ISO-8601 instants,
 * amounts decimal units as in play bodies, states lowercase like play statuses, keys camelCase.
 */
@RestController
@Guarded(Surface.PUBLIC)
public class LotteryApiController {
    /** How many upcoming draws each catalog entry shows. */
    static final int NEXT_DRAWS = 5;
    /** The widest window one draws request may ask for. */
    static final Duration MAX_WINDOW = Duration.ofDays(31);
    private final LotteryCatalog catalog;
    private final DrawDirectory draws;
    private final Clock clock;
    private final PublishedResults results;

    public LotteryApiController(LotteryCatalog catalog, DrawDirectory draws, Clock clock, PublishedResults results) {
        this.catalog = catalog;
        this.draws = draws;
        this.clock = clock;
        this.results = results;
    }

    @GetMapping("/api/v1/lotteries")
    public List<Map<String, Object>> lotteries() {
        return catalog.enabled().stream().map(l -> {
            Map<String, Object> out = lottery(l);
            out.put("nextDraws", draws.upcoming(l.id(), NEXT_DRAWS).stream().map(LotteryApiController::draw).toList());
            return out;
        }).toList();
    }

    @GetMapping("/api/v1/lotteries/{lotteryId}")
    public Map<String, Object> lottery(@PathVariable String lotteryId) {
        Lottery l = enabledLottery(lotteryId);
        Map<String, Object> out = lottery(l);
        out.put("nextDraws", draws.upcoming(l.id(), NEXT_DRAWS).stream().map(LotteryApiController::draw).toList());
        return out;
    }

    /**
     * {@code from} and {@code to} are ISO-8601 instants or dates (a date is that day's start in the lottery's time
     * zone; {@code to} is exclusive). Defaults: from the start of today (lottery time) to 48 hours later.
     */
    @GetMapping("/api/v1/lotteries/{lotteryId}/draws")
    public List<Map<String, Object>> draws(@PathVariable String lotteryId,
                                           @RequestParam(required = false) String from,
                                           @RequestParam(required = false) String to) {
        Lottery l = enabledLottery(lotteryId);
        Instant start = from == null ? LocalDate.now(clock.withZone(l.zone())).atStartOfDay(l.zone()).toInstant()
                : instant("from", from, l);
        Instant end = to == null ? start.plus(Duration.ofHours(48)) : instant("to", to, l);
        if (!end.isAfter(start)) throw new ApiException(400, "invalid_request", "'to' must be after 'from'");
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw new ApiException(400, "invalid_request", "the window from 'from' to 'to' may be at most 31 days");
        }
        List<Draw> list = draws.between(l.id(), start, end, DrawDirectory.MAX_LIST);
        Map<java.util.UUID, Map<String, Object>> published = results.forDraws(list.stream()
                .filter(d -> d.state() == DrawState.RESULTED || d.state() == DrawState.SETTLED).map(Draw::id).toList());
        return list.stream().map(d -> {
            Map<String, Object> out = draw(d);
            Map<String, Object> result = published.get(d.id());
            if (result != null) out.put("result", result);
            return out;
        }).toList();
    }

    private Lottery enabledLottery(String lotteryId) {
        return catalog.find(lotteryId).filter(Lottery::enabled)
                .orElseThrow(() -> new ApiException(404, "lottery_not_found", "no lottery '" + lotteryId + "'"));
    }

    public static Instant instant(String name, String text, Lottery l) {
        try {
            if (text.length() == 10) return LocalDate.parse(text).atStartOfDay(l.zone()).toInstant();
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid_request",
                    "'" + name + "' must be an ISO-8601 instant (2026-12-01T00:00:00Z) or date (2026-12-01), was '" + text + "'");
        }
    }

    public static Map<String, Object> lottery(Lottery l) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", l.id());
        out.put("name", l.name());
        out.put("timeZone", l.zone().getId());
        out.put("betTypes", new TreeSet<>(l.betTypes()));
        out.put("payoutTable", l.payouts().toMap());   // canonical order: bet types, then prize lines
        out.put("closeMinutes", l.closeMinutes());
        out.put("hasPick3", l.hasPick3());
        out.put("currencies", l.currencies());
        out.put("minAmount", units(l.minAmountMicro()));
        out.put("maxAmount", units(l.maxAmountMicro()));
        return out;
    }

    public static Map<String, Object> draw(Draw d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id().toString());
        out.put("lotteryId", d.lotteryId());
        out.put("drawTime", d.drawTime().toString());
        out.put("closesAt", d.closesAt().toString());
        out.put("state", d.state().name().toLowerCase(java.util.Locale.ROOT));
        return out;
    }

    /** Micro-units (100,000 per unit) as the decimal number of units the play API speaks. */
    static BigDecimal units(long micro) {
        return new BigDecimal(BigDecimal.valueOf(micro, 5).stripTrailingZeros().toPlainString());
    }
}
