package dev.yantra.cli;

import dev.yantra.config.NotFoundException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Small things every command needs: who is acting (for audit rows) and which operator a reference names. */
public final class Cli {
    private Cli() {
    }

    /** Audit rows written by the CLI record {@code cli:<os user>}. */
    public static String changedBy() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    /** An operator by id or by name; exit 1 with a message when there is none. */
    public static UUID resolveOperator(JdbcClient jdbc, String ref) {
        UUID asId = null;
        try {
            asId = UUID.fromString(ref);
        } catch (IllegalArgumentException ignored) {
            // not a uuid: look it up by name
        }
        List<UUID> found = jdbc.sql("SELECT id FROM operators WHERE id = ? OR name = ?")
                .param(asId).param(ref).query(UUID.class).list();
        if (found.isEmpty()) throw new NotFoundException("no operator '" + ref + "'");
        return found.getFirst();
    }

    /** A banca by id or by name (names are unique; matched ignoring case). */
    public static UUID resolveBanca(JdbcClient jdbc, String ref) {
        UUID asId = null;
        try {
            asId = UUID.fromString(ref);
        } catch (IllegalArgumentException ignored) {
            // not a uuid: look it up by name
        }
        List<UUID> found = jdbc.sql("SELECT id FROM bancas WHERE id = ? OR lower(name) = lower(?)")
                .param(asId).param(ref).query(UUID.class).list();
        if (found.isEmpty()) throw new NotFoundException("no banca '" + ref + "'");
        return found.getFirst();
    }
}
