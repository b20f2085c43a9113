package dev.yantra.admin;

import dev.yantra.db.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Owns writes to admin_audit_log: who (admin token name or cli:&lt;os user&gt;), what action on which subject,
 * old and new value. The admin API and the CLI both write through here, so the rows look the same.
 */
@Component
public class AdminAudit {
    private final JdbcClient jdbc;

    public AdminAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String changedBy, String action, String subject, String oldValue, String newValue, String reason) {
        requireAuthor(changedBy);
        int rows = jdbc.sql("""
                        INSERT INTO admin_audit_log (changed_by, action, subject, old_value, new_value, reason)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(changedBy, action, subject, oldValue, newValue, reason)
                .update();
        Rows.exactlyOne(rows, "audit insert");
    }

    /** No audit row without a real author: a missing principal must stop the change, not be recorded as "null". */
    public static String requireAuthor(String changedBy) {
        if (changedBy == null || changedBy.isBlank() || changedBy.equalsIgnoreCase("null")) {
            throw new IllegalStateException("refusing a change with no authenticated author");
        }
        return changedBy;
    }

    /** The changed_by of a CLI run: cli:&lt;os user&gt;. */
    public static String cliUser() {
        String user = System.getProperty("user.name");
        return "cli:" + (user == null || user.isBlank() ? "unknown" : user);
    }
}
