package dev.yantra.reconcile;

/**
 * Bounds on everything a reconciliation keeps in memory. Past a bound, items are counted, not listed.
 *
 * @param maxLineChars         longest line accepted; a longer line is a {@link LineError}, never buffered whole
 * @param maxErrorsListed      line errors listed in a report (all are counted)
 * @param maxDifferencesListed transaction differences listed (all are counted and explained)
 * @param maxRowsListed        summary row results listed (all count towards the status)
 * @param maxWarningsListed    warnings and adjustments listed
 */
public record ReconcileLimits(int maxLineChars, int maxErrorsListed, int maxDifferencesListed,
                             int maxRowsListed, int maxWarningsListed) {
    public static final ReconcileLimits DEFAULTS = new ReconcileLimits(64 * 1024, 100, 1_000, 10_000, 1_000);

    public ReconcileLimits {
        requireBetween("maxLineChars", maxLineChars, 256, 16 * 1024 * 1024);
        requireBetween("maxErrorsListed", maxErrorsListed, 1, 1_000_000);
        requireBetween("maxDifferencesListed", maxDifferencesListed, 0, 1_000_000);
        requireBetween("maxRowsListed", maxRowsListed, 0, 1_000_000);
        requireBetween("maxWarningsListed", maxWarningsListed, 0, 1_000_000);
    }

    private static void requireBetween(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
        }
    }
}
