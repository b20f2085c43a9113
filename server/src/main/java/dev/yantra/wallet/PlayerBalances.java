package dev.yantra.wallet;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The last balance each player's wallet answered — BET, WIN, ROLLBACK and BALANCE replies all carry one — so a
 * player's page reads it from here and the wallet is asked (a signed BALANCE call) at most once per
 * {@link #REFRESH} per player, however many tabs poll: one caller claims the refresh, the others get the last
 * answer. Per node, in memory, bounded (least recently answered players go first, in bulk).
 */
public final class PlayerBalances {
    public static final long REFRESH_NANOS = 5_000_000_000L;
    static final int MAX_PLAYERS = 200_000;

    public record Player(UUID operatorId, String playerRef, String currency) {
    }

    private static final class Entry {
        volatile Long balanceMicro;
        volatile long answeredNanos;
        volatile long refreshClaimedNanos;
        boolean everClaimed;
    }

    private final Map<Player, Entry> entries = new ConcurrentHashMap<>();

    /** A wallet answered this balance for this player (any endpoint). */
    public void answered(Player player, long balanceMicro, long nowNanos) {
        if (entries.size() >= MAX_PLAYERS) evictOlderThan(nowNanos - REFRESH_NANOS);
        Entry e = entries.computeIfAbsent(player, p -> new Entry());
        e.balanceMicro = balanceMicro;
        e.answeredNanos = nowNanos;
    }

    /**
     * The balance to show: the last answer when it is younger than {@link #REFRESH_NANOS}; otherwise {@code refresh}
     * is run by the one caller that claims it (it should call the wallet, whose answer lands here through
     * {@link #answered}), and everyone else gets the last answer, possibly none.
     */
    public Optional<Long> balance(Player player, long nowNanos, Supplier<Optional<Long>> refresh) {
        if (entries.size() >= MAX_PLAYERS) evictOlderThan(nowNanos - REFRESH_NANOS);
        Entry e = entries.computeIfAbsent(player, p -> new Entry());
        if (e.balanceMicro != null && nowNanos - e.answeredNanos < REFRESH_NANOS) return Optional.of(e.balanceMicro);
        if (!claim(e, nowNanos)) return Optional.ofNullable(e.balanceMicro);
        Optional<Long> fresh = refresh.get();
        fresh.ifPresent(b -> answered(player, b, nowNanos));
        return fresh.isPresent() ? fresh : Optional.ofNullable(e.balanceMicro);
    }

    private static boolean claim(Entry e, long nowNanos) {
        synchronized (e) {
            if (e.everClaimed && nowNanos - e.refreshClaimedNanos < REFRESH_NANOS) return false;
            e.everClaimed = true;
            e.refreshClaimedNanos = nowNanos;
            return true;
        }
    }

    private void evictOlderThan(long nanos) {
        entries.values().removeIf(e -> e.answeredNanos < nanos && e.refreshClaimedNanos < nanos);
        if (entries.size() >= MAX_PLAYERS) entries.clear();
    }
}
