package dev.yantra.lottery.player;

import dev.yantra.db.Rows;
import dev.yantra.api.ApiException;
import dev.yantra.config.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The one writer of the players table: registration, lookups, password changes. */
@Component
public class PlayerAccounts {
    public static final int MIN_AGE_YEARS = 18;
    /**
     * Age is judged on the calendar of the last time zone to reach a date (UTC-12), so nobody anywhere is
     * accepted the day before their 18th birthday.
     */
    static final ZoneOffset LATEST_CALENDAR = ZoneOffset.ofHours(-12);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private final JdbcClient jdbc;
    private final Clock clock;
    private final PasswordHasher hasher = new PasswordHasher();

    public PlayerAccounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Player(UUID id, String phone, String email, String name, LocalDate dateOfBirth, String status,
                         Instant createdAt) {
        public PlayerPrincipal principal() {
            return new PlayerPrincipal(id, phone, email, PlayerPrincipal.ROLE_PLAYER);
        }

        public boolean active() {
            return "active".equals(status);
        }
    }

    public record NewPlayer(String phone, String email, String name, LocalDate dateOfBirth, String password) {
    }

    /** Creates the account, or throws 409 {@code phone_taken}, 400 {@code underage} / {@code invalid_*}. */
    public Player register(NewPlayer n) {
        String phone = PhoneNumbers.normalize(n.phone());
        String email = n.email() == null || n.email().isBlank() ? null : n.email().trim();
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            throw new ApiException(400, "invalid_request", "email is not a valid address");
        }
        String name = n.name() == null ? "" : n.name().trim();
        if (name.isEmpty() || name.length() > 100) {
            throw new ApiException(400, "invalid_request", "name must have 1-100 characters");
        }
        if (n.dateOfBirth() == null) throw new ApiException(400, "invalid_request", "dateOfBirth is required");
        if (n.dateOfBirth().plusYears(MIN_AGE_YEARS).isAfter(LocalDate.now(clock.withZone(LATEST_CALENDAR)))) {
            throw PlayerApiErrors.of(400, "underage");
        }
        if (n.dateOfBirth().isBefore(LocalDate.of(1900, 1, 1))) {
            throw new ApiException(400, "invalid_request", "dateOfBirth is not plausible");
        }
        String hash = hasher.hash(n.password());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        int rows = jdbc.sql("""
                        INSERT INTO players (id, phone, email, name, date_of_birth, password_hash, status, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)
                        ON CONFLICT (phone) DO NOTHING""")
                .params(id, phone, email, name, n.dateOfBirth(), hash, Timestamp.from(now), Timestamp.from(now))
                .update();
        if (rows == 0) throw PlayerApiErrors.of(409, "phone_taken");
        return new Player(id, phone, email, name, n.dateOfBirth(), "active", now);
    }

    /** The player whose phone and password match; empty otherwise (same time either way). */
    public Optional<Player> authenticate(String phone, String password) {
        Optional<Row> row = rowByPhone(phone);
        if (row.isEmpty()) {
            hasher.burn(password);
            return Optional.empty();
        }
        return hasher.matches(password, row.get().passwordHash) ? Optional.of(row.get().player) : Optional.empty();
    }

    public Optional<Player> byId(UUID id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query((rs, n) -> map(rs).player).optional();
    }

    public Optional<Player> byPhone(String e164) {
        return rowByPhone(e164).map(Row::player);
    }

    /** A player by id or by phone (any format libphonenumber reads), or 404. */
    public Player find(String idOrPhone) {
        Optional<Player> p;
        try {
            p = byId(UUID.fromString(idOrPhone));
        } catch (IllegalArgumentException notUuid) {
            p = byPhone(PhoneNumbers.normalize(idOrPhone));
        }
        return p.orElseThrow(() -> new NotFoundException("no player " + idOrPhone));
    }

    /** Newest first, at most {@code limit} (1-1000). */
    public List<Player> list(int limit) {
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be 1-1000, was " + limit);
        return jdbc.sql(SELECT + " ORDER BY created_at DESC, id LIMIT ?").param(limit).query((rs, n) -> map(rs).player).list();
    }

    /** Sets a new password (already checked by the caller's flow). */
    public void changePassword(UUID userId, String newPassword) {
        String hash = hasher.hash(newPassword);
        int rows = jdbc.sql("UPDATE players SET password_hash = ?, updated_at = ? WHERE id = ?")
                .params(hash, Timestamp.from(clock.instant()), userId).update();
        Rows.exactlyOne(rows, "password change");
    }

    /** Validates a password's length before any other work (so a reset code is not spent on a bad one). */
    public static void checkPasswordShape(String password) {
        int bytes = password == null ? 0 : password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < PasswordHasher.MIN_BYTES || bytes > PasswordHasher.MAX_BYTES) throw PlayerApiErrors.of(400, "weak_password");
    }

    private static final String SELECT = "SELECT id, phone, email, name, date_of_birth, status, created_at, password_hash FROM players";

    private record Row(Player player, String passwordHash) {
    }

    private Optional<Row> rowByPhone(String e164) {
        return jdbc.sql(SELECT + " WHERE phone = ?").param(e164).query((rs, n) -> map(rs)).optional();
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(new Player(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, LocalDate.class), rs.getString(6), rs.getTimestamp(7).toInstant()), rs.getString(8));
    }
}
