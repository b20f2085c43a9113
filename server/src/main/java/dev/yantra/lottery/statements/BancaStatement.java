package dev.yantra.lottery.statements;

import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.lottery.money.LotteryAmount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A banca's statement for a period of days. What counts: the banca's CONFIRMED plays (the ones it registered;
 * rejected, failed and cancelled plays were never its business and their money went back), each on the day of its
 * draw in the lottery's time zone, so a draw's stakes and its prizes fall on the same line. Per (day, lottery,
 * currency): plays, stakes, winning plays, gross prizes (credited or awaiting approval: the banca owes both), the
 * tax withheld from them, the commission (stakes × the banca's commission percent, rounded half-up to the cent) and
 * what is due to the banca, stakes − prizes − commission (negative: the banca owes). Plays whose draw has no result
 * yet are counted as unsettled, with no prize so far. The period's totals, per currency, are the sums of the day
 * lines, so the CSV adds up. The commission rate is the banca's current one.
 */
public final class BancaStatement {
    /** The longest period one statement covers. */
    public static final int MAX_DAYS = 366;

    public record Banca(UUID id, String name, BigDecimal commissionPercent) {
    }

    /** One line: a day and lottery, or the period's total for a currency ({@code day == null}, lottery "all"). */
    public record Line(LocalDate day, String lotteryId, String currency, long plays, long stakesMicro, long winningPlays,
                       long prizesMicro, long taxMicro, long commissionMicro, long unsettledPlays) {
        public long netToBancaMicro() {
            return stakesMicro - prizesMicro - commissionMicro;
        }

        Line plus(Line o) {
            return new Line(null, "all", currency, plays + o.plays, stakesMicro + o.stakesMicro, winningPlays + o.winningPlays,
                    prizesMicro + o.prizesMicro, taxMicro + o.taxMicro, commissionMicro + o.commissionMicro, unsettledPlays + o.unsettledPlays);
        }
    }

    public record Statement(Banca banca, LocalDate from, LocalDate to, List<Line> days, List<Line> totals) {
    }

    private final JdbcClient jdbc;

    public BancaStatement(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A day as YYYY-MM-DD; UsageException naming the option otherwise. */
    public static LocalDate day(String name, String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.trim());
        } catch (DateTimeParseException e) {
            throw new UsageException(name + " must be a day as YYYY-MM-DD, was '" + text + "'");
        }
    }

    /** The banca by id or exact name; NotFoundException when there is none. */
    public Banca banca(String idOrName) {
        Optional<UUID> id = uuid(idOrName);
        return jdbc.sql("SELECT id, name, commission FROM bancas WHERE " + (id.isPresent() ? "id = ?" : "name = ?"))
                .param(id.isPresent() ? id.get() : idOrName)
                .query((rs, n) -> new Banca(rs.getObject(1, UUID.class), rs.getString(2), rs.getBigDecimal(3))).optional()
                .orElseThrow(() -> new NotFoundException("no banca '" + idOrName + "'"));
    }

    /** The statement of {@code banca} from {@code from} to {@code to}, both days included. */
    public Statement of(Banca banca, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) throw new UsageException("--to (" + to + ") is before --from (" + from + ")");
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) throw new UsageException("a statement covers at most " + MAX_DAYS + " days");
        // The draw_time window (two days either side: wider than any lottery zone's offset plus the session's)
        // lets an index on draw times narrow the scan; the exact day is then taken in each lottery's own zone.
        List<Line> days = jdbc.sql("""
                        SELECT (d.draw_time AT TIME ZONE l.time_zone)::date AS day, p.lottery_id, p.currency,
                               count(*) AS plays, sum(p.amount_micro) AS stakes,
                               count(*) FILTER (WHERE p.result = 'won') AS winners,
                               coalesce(sum(p.prize_amount_micro) FILTER (WHERE p.result = 'won'), 0) AS prizes,
                               coalesce(sum(p.prize_tax_micro) FILTER (WHERE p.result = 'won'), 0) AS tax,
                               count(*) FILTER (WHERE p.result IS NULL) AS unsettled
                          FROM plays p JOIN draws d ON d.id = p.draw_id JOIN lotteries l ON l.id = p.lottery_id
                         WHERE p.banca_id = ? AND p.status = 'CONFIRMED'
                           AND d.draw_time >= CAST(? AS date) - interval '2 days' AND d.draw_time < CAST(? AS date) + interval '3 days'
                           AND (d.draw_time AT TIME ZONE l.time_zone)::date BETWEEN CAST(? AS date) AND CAST(? AS date)
                         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""")
                .params(banca.id(), from.toString(), to.toString(), from.toString(), to.toString())
                .query((rs, n) -> {
                    long stakes = rs.getLong("stakes");
                    return new Line(rs.getObject("day", LocalDate.class), rs.getString("lottery_id"), rs.getString("currency"),
                            rs.getLong("plays"), stakes, rs.getLong("winners"), rs.getLong("prizes"), rs.getLong("tax"),
                            commission(stakes, banca.commissionPercent()), rs.getLong("unsettled"));
                })
                .list();
        Map<String, Line> byCurrency = new TreeMap<>();
        for (Line l : days) {
            byCurrency.merge(l.currency(), new Line(null, "all", l.currency(), 0, 0, 0, 0, 0, 0, 0).plus(l), Line::plus);
        }
        return new Statement(banca, from, to, days, new ArrayList<>(byCurrency.values()));
    }

    /** {@code stakesMicro} × {@code percent} / 100, rounded half-up to the cent. */
    public static long commission(long stakesMicro, BigDecimal percent) {
        BigDecimal cents = BigDecimal.valueOf(stakesMicro).multiply(percent)
                .divide(BigDecimal.valueOf(100L * LotteryAmount.MICRO_PER_CENT), 0, RoundingMode.HALF_UP);
        return cents.longValueExact() * LotteryAmount.MICRO_PER_CENT;
    }

    private static Optional<UUID> uuid(String s) {
        try {
            return Optional.of(UUID.fromString(s.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
