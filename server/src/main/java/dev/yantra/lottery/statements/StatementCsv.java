package dev.yantra.lottery.statements;

import dev.yantra.lottery.money.LotteryAmount;

/**
 * A statement as CSV (RFC 4180, comma-separated, CRLF line ends, a header line). Every field is a day, a lottery
 * id (a slug the catalog's CHECK keeps to [a-z0-9-]), a currency code, a count or a decimal amount, so none needs
 * quoting; {@link #field} refuses anything that would, rather than write a broken file. Amounts are units with
 * two decimals like the API's {@code amount}.
 */
public final class StatementCsv {
    public static final String HEADER = "date,lottery,currency,plays,stakes,winning_plays,prizes,prize_tax,commission_rate,"
            + "commission,net_to_banca,unsettled_plays";
    private static final String CRLF = "\r\n";

    private StatementCsv() {
    }

    public static String write(BancaStatement.Statement s) {
        StringBuilder out = new StringBuilder(HEADER).append(CRLF);
        for (BancaStatement.Line l : s.days()) line(out, l.day().toString(), l, s);
        for (BancaStatement.Line l : s.totals()) line(out, "total", l, s);
        return out.toString();
    }

    private static void line(StringBuilder out, String day, BancaStatement.Line l, BancaStatement.Statement s) {
        String[] fields = {day, l.lotteryId(), l.currency(), Long.toString(l.plays()), LotteryAmount.format(l.stakesMicro()),
                Long.toString(l.winningPlays()), LotteryAmount.format(l.prizesMicro()), LotteryAmount.format(l.taxMicro()),
                s.banca().commissionPercent().toPlainString(), LotteryAmount.format(l.commissionMicro()),
                LotteryAmount.format(l.netToBancaMicro()), Long.toString(l.unsettledPlays())};
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) out.append(',');
            out.append(field(fields[i]));
        }
        out.append(CRLF);
    }

    static String field(String value) {
        if (value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            throw new IllegalStateException("statement field needs quoting, which this writer does not do: " + value);
        }
        return value;
    }

    /** The file name a download suggests: statement-&lt;banca id&gt;-&lt;from&gt;-&lt;to&gt;.csv. */
    public static String fileName(BancaStatement.Statement s) {
        return "statement-" + s.banca().id() + "-" + s.from() + "-" + s.to() + ".csv";
    }
}
