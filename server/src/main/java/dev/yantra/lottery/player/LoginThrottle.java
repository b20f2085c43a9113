package dev.yantra.lottery.player;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fixed-window attempt counters in login_throttle, shared by every node (an attacker spreading attempts over
 * nodes meets one count). An attempt is counted before it is judged, in one upsert, so concurrent guesses
 * cannot slip past the limit; a successful login clears its phone's counter (not its address's: many players
 * may share one address). Addresses are the TCP peer's; see {@link #loopback} for a proxy on this host.
 */
@Component
public class LoginThrottle {
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Logins of one phone per window, counting every attempt until one succeeds. */
    public static final int PER_PHONE = 5;
    /** Logins from one source address per window (NATs and shops put many players behind one). */
    public static final int PER_ADDRESS = 30;
    /** Reset codes requested for one phone per window (each may send a message). */
    public static final int RESETS_PER_PHONE = 3;
    /** Registrations from one source address per window (each one answers whether a phone is taken). */
    public static final int REGISTRATIONS_PER_ADDRESS = 20;
    /** Windows older than this are deleted now and then, bounding the table. */
    private static final Duration KEEP = Duration.ofDays(1);
    private final JdbcClient jdbc;
    private final Clock clock;

    public LoginThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Counts a login attempt for the phone and the address; throws 429 when either is over its limit. */
    public void loginAttempt(String phone, String address) {
        long phoneWait = count("login-phone:" + phone, PER_PHONE);
        long addressWait = loopback(address) ? 0 : count("login-addr:" + address, PER_ADDRESS);
        long wait = Math.max(phoneWait, addressWait);
        if (wait > 0) throw new PlayerApiErrors.TooManyAttempts(wait);
    }

    public void loginSucceeded(String phone) {
        jdbc.sql("DELETE FROM login_throttle WHERE throttle_key = ?").param("login-phone:" + phone).update();
    }

    /** Counts a registration from the address; throws 429 over the limit. */
    public void registration(String address) {
        if (loopback(address)) return;
        long wait = count("register-addr:" + address, REGISTRATIONS_PER_ADDRESS);
        if (wait > 0) throw new PlayerApiErrors.TooManyAttempts(wait);
    }

    /** Counts a password-reset request for the phone; throws 429 over the limit. */
    public void resetRequested(String phone) {
        long wait = count("reset-phone:" + phone, RESETS_PER_PHONE);
        if (wait > 0) throw new PlayerApiErrors.TooManyAttempts(wait);
    }

    /**
     * A loopback peer is this host: a local tool or a reverse proxy in front of the node. Limiting it by address
     * would throttle every player behind the proxy together, so only the per-phone limits apply to it.
     */
    static boolean loopback(String address) {
        return address == null || address.equals("127.0.0.1") || address.startsWith("127.") || address.equals("::1")
                || address.equals("0:0:0:0:0:0:0:1");
    }

    /** Adds one attempt; returns 0 while within {@code limit}, else the seconds until the window ends. */
    private long count(String key, int limit) {
        Instant now = clock.instant();
        Timestamp ts = Timestamp.from(now);
        Timestamp windowOpen = Timestamp.from(now.minus(WINDOW));
        List<Timestamp> started = jdbc.sql("""
                        INSERT INTO login_throttle AS t (throttle_key, window_start, attempts) VALUES (?, ?, 1)
                        ON CONFLICT (throttle_key) DO UPDATE SET
                          attempts = CASE WHEN t.window_start <= ? THEN 1 ELSE t.attempts + 1 END,
                          window_start = CASE WHEN t.window_start <= ? THEN EXCLUDED.window_start ELSE t.window_start END
                        RETURNING CASE WHEN attempts > ? THEN window_start END""")
                .params(key, ts, windowOpen, windowOpen, limit).query(Timestamp.class).list();
        if (started.size() != 1) throw new IllegalStateException("throttle upsert returned " + started.size() + " rows");
        if (Math.floorMod(key.hashCode() ^ now.getNano(), 100) == 0) prune(now);
        Timestamp over = started.get(0);
        if (over == null) return 0;
        return Math.max(1, Duration.between(now, over.toInstant().plus(WINDOW)).toSeconds() + 1);
    }

    private void prune(Instant now) {
        jdbc.sql("DELETE FROM login_throttle WHERE window_start < ?").param(Timestamp.from(now.minus(KEEP))).update();
    }
}
