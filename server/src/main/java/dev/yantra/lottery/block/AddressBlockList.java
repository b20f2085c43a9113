package dev.yantra.lottery.block;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * This node's view of the active address blocks, re-read from player_address_blocks every {@value #POLL_MS} ms, so
 * a block added on any node or by the CLI is enforced everywhere within a second.
 *
 * <p>Why a poll and not LISTEN/NOTIFY: LISTEN needs one database session that stays open and receives the
 * notifications; behind PgBouncer in transaction pooling (how we deploy) a session is not ours between
 * transactions, so a LISTEN silently stops hearing anything. A poll is one tiny indexed query in its own
 * transaction, which any pooler handles, and a failed read keeps the last known list (never fail open to "no
 * blocks" because the database hiccupped). The table holds tens of rows, so the whole list is read each time.
 *
 * <p>Matching uses Spring Security's {@link IpAddressMatcher} (IPv4 and IPv6 CIDRs; an IPv4 address never
 * matches an IPv6 range).
 */
public final class AddressBlockList implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AddressBlockList.class);
    static final long POLL_MS = 250;

    record Entry(String cidr, IpAddressMatcher matcher) {
    }

    private final JdbcClient jdbc;
    private volatile List<Entry> entries = List.of();
    private volatile List<String> loaded = null;
    private ScheduledExecutorService scheduler;

    public AddressBlockList(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        Gauge.builder("player_api_address_blocks", this, b -> b.entries.size())
                .description("active address-range blocks of the player API on this node").register(meters);
        refresh();
    }

    /** Re-reads now (tests call it instead of waiting for the poll). */
    public void refresh() {
        List<String> cidrs;
        try {
            cidrs = jdbc.sql("SELECT CAST(cidr AS text) FROM player_address_blocks WHERE removed_at IS NULL ORDER BY id")
                    .query(String.class).list();
        } catch (RuntimeException e) {
            log.warn("cannot read player address blocks, keeping the last known {}: {}", entries.size(), e.getMessage());
            return;
        }
        if (cidrs.equals(loaded)) return;
        List<Entry> next = new ArrayList<>();
        for (String c : cidrs) {
            try {
                next.add(new Entry(c, new IpAddressMatcher(c)));
            } catch (RuntimeException e) {
                log.error("player address block {} cannot be matched and is skipped: {}", c, e.getMessage());
            }
        }
        entries = List.copyOf(next);
        loaded = cidrs;
        log.info("player API address blocks in force: {}", cidrs);
    }

    /** The blocked range {@code address} falls in, if any. */
    public Optional<String> blocking(String address) {
        if (address == null || address.isBlank()) return Optional.empty();
        for (Entry e : entries) {
            try {
                if (e.matcher().matches(address)) return Optional.of(e.cidr());
            } catch (IllegalArgumentException notAnAddress) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("address-blocks").factory());
        scheduler.scheduleWithFixedDelay(this::refresh, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) scheduler.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }
}
