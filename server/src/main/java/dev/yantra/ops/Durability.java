package dev.yantra.ops;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a commit we acknowledge survives a power loss: fsync, synchronous_commit and full_page_writes all on.
 * The wallet acts on our journal rows, so an acknowledged bet that vanishes after a crash is money in limbo.
 * Read from the server itself (the settings in force, whoever started it), remembered 30 s so /health stays cheap.
 */
@Component
public class Durability {
    private static final long REMEMBER_NANOS = 30_000_000_000L;
    private final JdbcClient jdbc;
    private final AtomicReference<Reading> last = new AtomicReference<>();

    private record Reading(String state, long at) {
    }

    public Durability(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The last reading, without asking the database: "unknown" before the first. */
    public String lastKnown() {
        Reading r = last.get();
        return r == null ? "unknown" : r.state();
    }

    /** "on", "off" (naming nothing: the settings are one query away), or "unknown" while the database is down. */
    public String state() {
        long now = System.nanoTime();
        Reading r = last.get();
        if (r != null && now - r.at() < REMEMBER_NANOS && !r.state().equals("unknown")) return r.state();
        String state;
        try {
            boolean on = jdbc.sql("""
                            SELECT current_setting('fsync') = 'on' AND current_setting('full_page_writes') = 'on'
                                   AND current_setting('synchronous_commit') IN ('on', 'remote_write', 'remote_apply')""")
                    .query(Boolean.class).single();
            state = on ? "on" : "off";
        } catch (RuntimeException e) {
            state = "unknown";
        }
        last.set(new Reading(state, now));
        return state;
    }
}
