package dev.yantra.bench;

import java.util.Locale;

/** How the benchmarks print and export a derived figure that may be unknown (NaN: no CPU account, no pgbench). */
public final class Figures {
    private Figures() {
    }

    /** "0.123 ms", or "n/a". */
    public static String ms(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f ms", v) : "n/a";
    }

    /** Three decimals for JSON, or null. */
    public static Double rounded(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : null;
    }
}
