package dev.yantra.lottery.player;

import dev.yantra.db.Database;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Limits a player sets on themself (player_limits): a daily spend limit per currency and self-exclusion. A
 * stricter setting applies at once; a looser one (a higher or removed limit, a shorter or ended exclusion)
 * waits {@link #COOLING_OFF} and a newer request replaces a waiting one, so a player cannot undo a limit in a
 * moment of impulse. The plays code enforces them; this class only stores and answers what is in force.
 */
@Component
public class PlayerLimits {
    /** How long a loosening waits before it applies. */
    public static final Duration COOLING_OFF = Duration.ofHours(24);
    static final String SELF_EXCLUSION = "self_exclusion";
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public PlayerLimits(Database db, Clock clock) {
        this.jdbc = db.jdbc();
        this.tx = db.tx();
        this.clock = clock;
    }

    /**
     * What is in force now.
     *
     * @param dailySpendLimitsMicro currency → limit per calendar day; a currency absent from the map has no limit
     * @param selfExcludedUntil     null when not self-excluded (or the exclusion has ended)
     */
    public record Limits(Map<String, Long> dailySpendLimitsMicro, Instant selfExcludedUntil) {
        public Limits {
            dailySpendLimitsMicro = Collections.unmodifiableMap(new LinkedHashMap<>(dailySpendLimitsMicro));
        }

        /** The daily spend limit for {@code currency}, or null for none. */
        public Long dailySpendLimitMicro(String currency) {
            return dailySpendLimitsMicro.get(currency);
        }

        public boolean selfExcludedAt(Instant now) {
            return selfExcludedUntil != null && selfExcludedUntil.isAfter(now);
        }
    }

    /** A setting the player asked for that is not in force yet. */
    public record Pending(String scope, Long dailyLimitMicro, Instant excludedUntil, Instant effectiveAt) {
    }

    public Limits current(UUID userId) {
        Instant now = clock.instant();
        Map<String, Long> daily = new LinkedHashMap<>();
        Instant excludedUntil = null;
        for (Row r : rows(userId)) {
            Row in = r.inForceAt(now);
            if (SELF_EXCLUSION.equals(in.scope)) {
                excludedUntil = in.excludedUntil != null && in.excludedUntil.isAfter(now) ? in.excludedUntil : null;
            } else if (in.dailyLimitMicro != null) {
                daily.put(in.scope, in.dailyLimitMicro);
            }
        }
        return new Limits(daily, excludedUntil);
    }

    /** Requests that still wait out their cooling-off period. */
    public List<Pending> pending(UUID userId) {
        Instant now = clock.instant();
        return rows(userId).stream().filter(r -> r.pending && r.pendingEffectiveAt.isAfter(now))
                .map(r -> new Pending(r.scope, r.pendingDailyLimitMicro, r.pendingExcludedUntil, r.pendingEffectiveAt))
                .toList();
    }

    /** Sets the daily spend limit of one currency (null removes it); returns when it takes effect. */
    public Instant setDailyLimit(UUID userId, String currency, Long limitMicro) {
        if (limitMicro != null && limitMicro < 0) throw new IllegalArgumentException("daily limit must be >= 0");
        if (!List.of("DOP", "USD").contains(currency)) throw new IllegalArgumentException("currency must be DOP or USD");
        return tx.execute(status -> {
            Instant now = clock.instant();
            Row in = locked(userId, currency).inForceAt(now);
            boolean stricter = limitMicro != null && (in.dailyLimitMicro == null || limitMicro <= in.dailyLimitMicro);
            return write(userId, currency, stricter, limitMicro, null, now);
        });
    }

    /** Self-excludes until {@code until} (null ends the exclusion); returns when it takes effect. */
    public Instant setSelfExclusion(UUID userId, Instant until) {
        return tx.execute(status -> {
            Instant now = clock.instant();
            Row in = locked(userId, SELF_EXCLUSION).inForceAt(now);
            Instant current = in.excludedUntil != null && in.excludedUntil.isAfter(now) ? in.excludedUntil : null;
            boolean stricter = until != null && until.isAfter(now) && (current == null || !until.isBefore(current));
            return write(userId, SELF_EXCLUSION, stricter || (until == null && current == null), null, until, now);
        });
    }

    /**
     * The (player, scope) row locked for this transaction, created empty if absent, so two concurrent changes
     * are judged one after the other (a raise can never be taken for "stricter" against a stale value).
     */
    private Row locked(UUID userId, String scope) {
        jdbc.sql("INSERT INTO player_limits (user_id, scope) VALUES (?, ?) ON CONFLICT (user_id, scope) DO NOTHING")
                .params(userId, scope).update();
        jdbc.sql("SELECT 1 FROM player_limits WHERE user_id = ? AND scope = ? FOR UPDATE").params(userId, scope).query().listOfRows();
        return row(userId, scope);
    }

    private Instant write(UUID userId, String scope, boolean atOnce, Long limitMicro, Instant excludedUntil, Instant now) {
        Timestamp ts = Timestamp.from(now);
        Timestamp until = excludedUntil == null ? null : Timestamp.from(excludedUntil);
        if (atOnce) {
            jdbc.sql("""
                            INSERT INTO player_limits (user_id, scope, daily_limit_micro, excluded_until, pending, updated_at)
                            VALUES (?, ?, ?, ?, false, ?)
                            ON CONFLICT (user_id, scope) DO UPDATE SET daily_limit_micro = EXCLUDED.daily_limit_micro,
                              excluded_until = EXCLUDED.excluded_until, pending = false, pending_daily_limit_micro = NULL,
                              pending_excluded_until = NULL, pending_effective_at = NULL, updated_at = EXCLUDED.updated_at""")
                    .params(userId, scope, limitMicro, until, ts).update();
            return now;
        }
        Instant effective = now.plus(COOLING_OFF);
        Row in = row(userId, scope).inForceAt(now);   // fold a due request into the row before queueing the next
        jdbc.sql("""
                        INSERT INTO player_limits (user_id, scope, daily_limit_micro, excluded_until, pending,
                          pending_daily_limit_micro, pending_excluded_until, pending_effective_at, updated_at)
                        VALUES (?, ?, ?, ?, true, ?, ?, ?, ?)
                        ON CONFLICT (user_id, scope) DO UPDATE SET daily_limit_micro = EXCLUDED.daily_limit_micro,
                          excluded_until = EXCLUDED.excluded_until, pending = true,
                          pending_daily_limit_micro = EXCLUDED.pending_daily_limit_micro,
                          pending_excluded_until = EXCLUDED.pending_excluded_until,
                          pending_effective_at = EXCLUDED.pending_effective_at, updated_at = EXCLUDED.updated_at""")
                .params(userId, scope, in.dailyLimitMicro,
                        in.excludedUntil == null ? null : Timestamp.from(in.excludedUntil),
                        limitMicro, until, Timestamp.from(effective), ts)
                .update();
        return effective;
    }

    private record Row(String scope, Long dailyLimitMicro, Instant excludedUntil, boolean pending,
                       Long pendingDailyLimitMicro, Instant pendingExcludedUntil, Instant pendingEffectiveAt) {
        /** The row as in force at {@code now}: a request whose cooling-off has passed counts as applied. */
        Row inForceAt(Instant now) {
            if (pending && !pendingEffectiveAt.isAfter(now)) {
                return new Row(scope, pendingDailyLimitMicro, pendingExcludedUntil, false, null, null, null);
            }
            return this;
        }
    }

    private List<Row> rows(UUID userId) {
        return jdbc.sql("""
                        SELECT scope, daily_limit_micro, excluded_until, pending, pending_daily_limit_micro,
                               pending_excluded_until, pending_effective_at
                        FROM player_limits WHERE user_id = ? ORDER BY scope""")
                .param(userId).query((rs, n) -> new Row(rs.getString(1), (Long) rs.getObject(2), instant(rs.getTimestamp(3)),
                        rs.getBoolean(4), (Long) rs.getObject(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))))
                .list();
    }

    private Row row(UUID userId, String scope) {
        return rows(userId).stream().filter(r -> r.scope.equals(scope)).findFirst()
                .orElse(new Row(scope, null, null, false, null, null, null));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
