package dev.yantra.retention;

import dev.yantra.config.EnvVars;
import dev.yantra.config.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How long rows are kept (docs/retention.md), validated at construction.
 *
 * @param shortLived   rows that only matter for a while: idempotency keys past their expiry, refused-request samples,
 *                     rate-limit counters, webhook and Stripe payloads (RETENTION_SHORT_LIVED_DAYS, default 30)
 * @param money        money and audit rows: bets, plays, journals, the player ledger, the audit logs
 *                     (RETENTION_MONEY_DAYS, the jurisdiction period, default 2557 = 7 years; at least 365 from the env)
 * @param archiveDir   where money rows are archived before deletion (RETENTION_ARCHIVE_DIR, default $YANTRA_DATA_DIR/archive)
 * @param purgeEvery   how often a node purges short-lived rows (RETENTION_PURGE_INTERVAL_MINUTES, default 60; 0 = never)
 * @param batchRows    rows per statement (and per archived transaction)
 */
public record RetentionSettings(Duration shortLived, Duration money, Path archiveDir, Duration purgeEvery, int batchRows) {
    public static final int DEFAULT_SHORT_LIVED_DAYS = EnvVars.RETENTION_SHORT_LIVED_DAYS.defaultValue();
    public static final int DEFAULT_MONEY_DAYS = EnvVars.RETENTION_MONEY_DAYS.defaultValue();
    public static final int MIN_MONEY_DAYS_FROM_ENV = EnvVars.RETENTION_MONEY_DAYS.min();
    public static final int DEFAULT_PURGE_INTERVAL_MINUTES = EnvVars.RETENTION_PURGE_INTERVAL_MINUTES.defaultValue();
    public static final int DEFAULT_BATCH_ROWS = 1000;

    public RetentionSettings {
        if (shortLived.isNegative() || shortLived.isZero()) throw new UsageException("RETENTION_SHORT_LIVED_DAYS must be > 0, was " + shortLived.toDays());
        if (money.compareTo(shortLived) < 0) {
            throw new UsageException("RETENTION_MONEY_DAYS (" + money.toDays() + ") must not be shorter than RETENTION_SHORT_LIVED_DAYS ("
                    + shortLived.toDays() + ")");
        }
        if (purgeEvery.isNegative()) throw new UsageException("RETENTION_PURGE_INTERVAL_MINUTES must be >= 0, was " + purgeEvery.toMinutes());
        if (batchRows < 1 || batchRows > 100_000) throw new UsageException("retention batch must be 1..100000 rows, was " + batchRows);
    }

    public static RetentionSettings fromEnv(Map<String, String> env, Path dataDir) {
        int money = EnvVars.RETENTION_MONEY_DAYS.read(env);
        Path archive = EnvVars.RETENTION_ARCHIVE_DIR.read(env).map(Path::of).orElse(dataDir.resolve("archive"));
        return new RetentionSettings(Duration.ofDays(EnvVars.RETENTION_SHORT_LIVED_DAYS.read(env)), Duration.ofDays(money), archive,
                Duration.ofMinutes(EnvVars.RETENTION_PURGE_INTERVAL_MINUTES.read(env)), DEFAULT_BATCH_ROWS);
    }
}
