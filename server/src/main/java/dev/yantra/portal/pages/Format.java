package dev.yantra.portal.pages;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Money and ratios formatted for people, at the edge only: micro-units (100,000 micro = 1 currency unit, as
 * everywhere in Yantra) become a decimal with two places (more when the amount has them), RTPs a percentage. Templates call it as {@code @portalFormat}.
 */
@org.springframework.stereotype.Component("portalFormat")
public final class Format {
    /** 100,000 micro = 1 unit: five decimal places. */
    static final int MICRO_DIGITS = 5;

    public String money(Object micro) {
        if (micro == null) return "";
        BigDecimal v = BigDecimal.valueOf(((Number) micro).longValue(), MICRO_DIGITS).stripTrailingZeros();
        return (v.scale() < 2 ? v.setScale(2) : v).toPlainString();
    }

    /** A cell of a generic table: amounts (columns ending in _micro) as money, times as UTC, anything else as text. */
    public String cell(String column, Object value) {
        if (value == null) return "";
        if (column.endsWith("_micro") && value instanceof Number) return money(value);
        if (value instanceof java.sql.Timestamp t) return java.time.format.DateTimeFormatter.ISO_INSTANT.format(t.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        if (value instanceof java.time.temporal.TemporalAccessor t && !(value instanceof java.time.LocalDate)) return value.toString();
        return String.valueOf(value);
    }

    /** A column's heading: amount_micro becomes "amount". */
    public String heading(String column) {
        return column.endsWith("_micro") ? column.substring(0, column.length() - 6).replace('_', ' ') : column.replace('_', ' ');
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }
}
