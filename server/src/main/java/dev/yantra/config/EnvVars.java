package dev.yantra.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every environment variable the node and its CLI read, each declared once with its default and its one range. The
 * records built from them ({@link YantraEnv}, {@code BreakerSettings}, the reconciliation, results-source, Stripe and
 * chain settings) read them only through these constants, and only this room reads the process environment
 * ({@link #process()}); docs/configuration.md lists the same table ("Defaults and ranges"), and a test compares the
 * two so neither drifts. A runtime setting that overrides a variable ({@code yantra settings}) has the same range.
 */
public final class EnvVars {
    private EnvVars() {
    }

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}(\\.\\d{1,6})?");
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    // --- the node
    public static final EnvVar.Int PORT = new EnvVar.Int("PORT", 8080, 1, 65535);
    public static final EnvVar.Text PUBLIC_BASE_URL = new EnvVar.Text("PUBLIC_BASE_URL", null, "unset (the demo: http://localhost:$PORT)",
            "an absolute http(s) URL without query or fragment", s -> true);
    public static final EnvVar.Text DATA_DIR = new EnvVar.Text("YANTRA_DATA_DIR", "./data", "./data", "a directory path", s -> true);
    public static final EnvVar.Text DATABASE_URL = new EnvVar.Text("DATABASE_URL", null, "unset (embedded)",
            "a postgres:// or JDBC URL", s -> true);
    public static final EnvVar.Text MASTER_KEY = new EnvVar.Text("YANTRA_MASTER_KEY", null, "generated (embedded only)",
            "base64 of 32 bytes", s -> true);
    public static final EnvVar.Text ADMIN_TOKENS = new EnvVar.Text("YANTRA_ADMIN_TOKENS", null, "unset (the admin API is off)",
            "comma-separated name:token pairs", s -> true);
    public static final EnvVar.Text SURFACES = new EnvVar.Text("YANTRA_SURFACES", null, "rgs,lottery",
            "rgs, lottery or rgs,lottery", s -> true);
    public static final EnvVar.Text MASTER_KEY_PREVIOUS = new EnvVar.Text("YANTRA_MASTER_KEY_PREVIOUS", null,
            "unset (no rotation under way)", "base64 of 32 bytes", s -> true);
    public static final EnvVar.Text JWT_SECRET = new EnvVar.Text("JWT_SECRET", null, "unset (embedded: generated)",
            "at least 32 bytes", s -> true);
    public static final EnvVar.Text JWT_SECRET_PREVIOUS = new EnvVar.Text("JWT_SECRET_PREVIOUS", null,
            "unset (no rotation under way)", "at least 32 bytes", s -> true);
    public static final EnvVar.Text JWT_SECRET_PREVIOUS_UNTIL = new EnvVar.Text("JWT_SECRET_PREVIOUS_UNTIL", null,
            "unset (two token lifetimes from start)", "an ISO-8601 instant, e.g. 2026-12-03T00:00:00Z", s -> true);
    public static final EnvVar.Int SIGNATURE_WINDOW_SECONDS = new EnvVar.Int("SIGNATURE_WINDOW_SECONDS", 30, 1, 60);
    public static final EnvVar.Int WALLET_CALL_TIMEOUT_MS = new EnvVar.Int("WALLET_CALL_TIMEOUT_MS", 5000, 1, 600_000);
    /** Settlement's wait, in all, for a round's inline WIN calls before the rest go to their jobs. */
    public static final EnvVar.Int WIN_INLINE_BUDGET_MS = new EnvVar.Int("WIN_INLINE_BUDGET_MS", 500, 1, 60_000);
    public static final EnvVar.Int BANCA_CALL_TIMEOUT_MS = new EnvVar.Int("BANCA_CALL_TIMEOUT_MS", 15_000, 1, 600_000);
    /** The same range as the runtime setting jobs.concurrency. */
    public static final EnvVar.Int PENDING_JOB_CONCURRENCY = new EnvVar.Int("PENDING_JOB_CONCURRENCY", 16, 1, 1024);
    /** The same range as the runtime setting jobs.maxAttempts. */
    public static final EnvVar.Int PENDING_JOB_MAX_ATTEMPTS = new EnvVar.Int("PENDING_JOB_MAX_ATTEMPTS", 50, 1, 100_000);
    public static final EnvVar.Int SHUTDOWN_GRACE_SECONDS = new EnvVar.Int("SHUTDOWN_GRACE_SECONDS", 45, 1, 3600);
    public static final EnvVar.Int TABLE_CHAIN_LENGTH = new EnvVar.Int("TABLE_CHAIN_LENGTH", 10_000, 2, 1_000_000);
    public static final EnvVar.Text LOG_FORMAT = new EnvVar.Text("LOG_FORMAT", "json", "json", "text or json",
            s -> s.equals("text") || s.equals("json"));
    public static final EnvVar.Int CLOCK_OFFSET_MS =
            new EnvVar.Int("YANTRA_CLOCK_OFFSET_MS", null, -86_400_000, 86_400_000, "unset (no offset)");

    public static final EnvVar.Text TEST_BREAK = new EnvVar.Text("YANTRA_TEST_BREAK", null, "unset",
            "comma-separated names of deliberate breaks (chaos harness and tests only)", s -> true);
    public static final EnvVar.Text LOG_DIR = new EnvVar.Text("LOG_DIR", null, "unset (nodes log to stderr)",
            "a directory path", s -> true);

    // --- the per-counterparty breakers: the same ranges as their runtime settings (breaker.*)
    public static final EnvVar.Decimal BREAKER_FAILURE_RATE_PERCENT = new EnvVar.Decimal("BREAKER_FAILURE_RATE_PERCENT", 50, 1, 100);
    public static final EnvVar.Int BREAKER_WINDOW_CALLS = new EnvVar.Int("BREAKER_WINDOW_CALLS", 20, 2, 1000);
    public static final EnvVar.Int BREAKER_CONSECUTIVE_FAILURES = new EnvVar.Int("BREAKER_CONSECUTIVE_FAILURES", 5, 1, 1000);
    public static final EnvVar.Int BREAKER_OPEN_SECONDS = new EnvVar.Int("BREAKER_OPEN_SECONDS", 30, 1, 3600);
    public static final EnvVar.Int BREAKER_HALF_OPEN_PROBES = new EnvVar.Int("BREAKER_HALF_OPEN_PROBES", 1, 1, 100);

    // --- card payments (Stripe)
    public static final EnvVar.Text STRIPE_SECRET_KEY = new EnvVar.Text("STRIPE_SECRET_KEY", null,
            "unset (card payments refused)", "a Stripe secret key, sk_... or rk_...", s -> s.startsWith("sk_") || s.startsWith("rk_"));
    public static final EnvVar.Text STRIPE_WEBHOOK_SECRET = new EnvVar.Text("STRIPE_WEBHOOK_SECRET", null, "unset",
            "one or two whsec_ secrets, comma-separated", s -> true);
    public static final EnvVar.Text STRIPE_API_BASE = new EnvVar.Text("STRIPE_API_BASE", null, "unset (Stripe's)",
            "an http(s) URL", s -> s.startsWith("http://") || s.startsWith("https://"));
    public static final EnvVar.Text CARD_MINIMUM_DOP = new EnvVar.Text("CARD_MINIMUM_DOP", "50", "50",
            "an amount in currency units, e.g. 50 or 1.50", s -> AMOUNT.matcher(s).matches());
    public static final EnvVar.Text CARD_MINIMUM_USD = new EnvVar.Text("CARD_MINIMUM_USD", "1", "1",
            "an amount in currency units, e.g. 50 or 1.50", s -> AMOUNT.matcher(s).matches());

    // --- reconciliation and results
    public static final EnvVar.Text RECONCILE_DAILY_AT = new EnvVar.Text("RECONCILE_DAILY_AT", "00:30", "00:30",
            "HH:MM (UTC)", s -> HH_MM.matcher(s).matches());
    public static final EnvVar.Text RECONCILE_SOURCE_DIR = new EnvVar.Text("RECONCILE_SOURCE_DIR", null, "unset (off)",
            "a directory path", s -> true);
    public static final EnvVar.Text RESULTS_SOURCE = new EnvVar.Text("RESULTS_SOURCE", null, "unset (off)",
            "a file path or an http(s) URL", s -> true);
    public static final EnvVar.Int RESULTS_POLL_SECONDS = new EnvVar.Int("RESULTS_POLL_SECONDS", 60, 5, 3600);

    // --- backups and retention
    public static final EnvVar.Text BACKUP_DIR = new EnvVar.Text("YANTRA_BACKUP_DIR", null, "$YANTRA_DATA_DIR/backups",
            "a directory path", s -> true);
    public static final EnvVar.Int BACKUP_KEEP = new EnvVar.Int("YANTRA_BACKUP_KEEP", 14, 1, 10_000);
    public static final EnvVar.Int BACKUP_MAX_AGE_DAYS = new EnvVar.Int("YANTRA_BACKUP_MAX_AGE_DAYS", 35, 1, 36_500);
    public static final EnvVar.Text PG_BIN_DIR = new EnvVar.Text("YANTRA_PG_BIN_DIR", null, "unset",
            "a directory holding pg_dump and pg_restore", s -> true);
    public static final EnvVar.Int RETENTION_SHORT_LIVED_DAYS = new EnvVar.Int("RETENTION_SHORT_LIVED_DAYS", 30, 1, 36_500);
    /** Money and audit rows are kept at least a year, whatever a mistyped value says. */
    public static final EnvVar.Int RETENTION_MONEY_DAYS = new EnvVar.Int("RETENTION_MONEY_DAYS", 2557, 365, 36_500);
    public static final EnvVar.Text RETENTION_ARCHIVE_DIR = new EnvVar.Text("RETENTION_ARCHIVE_DIR", null,
            "$YANTRA_DATA_DIR/archive", "a directory path", s -> true);
    public static final EnvVar.Int RETENTION_PURGE_INTERVAL_MINUTES = new EnvVar.Int("RETENTION_PURGE_INTERVAL_MINUTES", 60, 0, 10_080);

    // --- the demo's peers and the CLI
    public static final EnvVar.Int DEMO_WALLET_PORT = new EnvVar.Int("DEMO_WALLET_PORT", 8090, 1, 65534);
    public static final EnvVar.Int DEMO_BANCA_PORT = new EnvVar.Int("DEMO_BANCA_PORT", 8092, 1, 65534);
    public static final EnvVar.Int DEMO_STRIPE_PORT = new EnvVar.Int("DEMO_STRIPE_PORT", 8094, 1, 65535);
    public static final EnvVar.Text DEBUG = new EnvVar.Text("YANTRA_DEBUG", null, "unset", "any value turns it on", s -> true);

    /** All of them, in the order docs/configuration.md lists them. */
    public static final List<EnvVar> ALL = List.of(
            PORT, PUBLIC_BASE_URL, DATA_DIR, DATABASE_URL, MASTER_KEY, MASTER_KEY_PREVIOUS, ADMIN_TOKENS, SURFACES, JWT_SECRET,
            JWT_SECRET_PREVIOUS, JWT_SECRET_PREVIOUS_UNTIL,
            SIGNATURE_WINDOW_SECONDS, WALLET_CALL_TIMEOUT_MS, WIN_INLINE_BUDGET_MS, BANCA_CALL_TIMEOUT_MS, PENDING_JOB_CONCURRENCY,
            PENDING_JOB_MAX_ATTEMPTS, SHUTDOWN_GRACE_SECONDS, TABLE_CHAIN_LENGTH, LOG_FORMAT, CLOCK_OFFSET_MS,
            TEST_BREAK, LOG_DIR,
            BREAKER_FAILURE_RATE_PERCENT, BREAKER_WINDOW_CALLS, BREAKER_CONSECUTIVE_FAILURES, BREAKER_OPEN_SECONDS,
            BREAKER_HALF_OPEN_PROBES,
            STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE, CARD_MINIMUM_DOP, CARD_MINIMUM_USD,
            RECONCILE_DAILY_AT, RECONCILE_SOURCE_DIR, RESULTS_SOURCE, RESULTS_POLL_SECONDS,
            BACKUP_DIR, BACKUP_KEEP, BACKUP_MAX_AGE_DAYS, PG_BIN_DIR,
            RETENTION_SHORT_LIVED_DAYS, RETENTION_MONEY_DAYS, RETENTION_ARCHIVE_DIR, RETENTION_PURGE_INTERVAL_MINUTES,
            DEMO_WALLET_PORT, DEMO_BANCA_PORT, DEMO_STRIPE_PORT, DEBUG);

    /** Set only inside {@link #withEnvironment}; null: the real environment. */
    private static volatile Map<String, String> replaced;

    /** The environment of this process: the one place it is read (an architecture test holds the rest to that). */
    public static Map<String, String> process() {
        Map<String, String> r = replaced;
        return r != null ? r : System.getenv();
    }

    /**
     * Runs {@code body} with {@code env} as this process's whole environment, then puts the real one back: how a test
     * runs a {@code yantra} command inside its own JVM as a shell with those variables would, instead of paying a JVM
     * start per command. One at a time (callers wait for each other); neither the node nor the CLI calls it. A node
     * running in the same JVM meanwhile reads the same map, which is why callers pass the real environment with only
     * the command's own variables changed.
     */
    public static synchronized <T> T withEnvironment(Map<String, String> env, java.util.function.Supplier<T> body) {
        replaced = Map.copyOf(env);
        try {
            return body.get();
        } finally {
            replaced = null;
        }
    }
}
