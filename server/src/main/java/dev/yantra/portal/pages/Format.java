package dev.yantra.portal.pages;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Money and ratios formatted for people, at the edge only: micro-units become a decimal with the currency's
 * usual two places (more when the amount has them), RTPs a percentage. Templates call it as {@code @portalFormat}.
 */
@org.springframework.stereotype.Component("portalFormat")
public final class Format {
    public String money(Object micro) {
        if (micro == null) return "";
        BigDecimal v = BigDecimal.valueOf(((Number) micro).longValue(), 6).stripTrailingZeros();
        return (v.scale() < 2 ? v.setScale(2) : v).toPlainString();
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }
}
