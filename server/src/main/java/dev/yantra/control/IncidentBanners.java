package dev.yantra.control;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One active incident banner per operator (incident_banners): post replaces, clear removes; both audited. */
public final class IncidentBanners {
    private final JdbcClient jdbc;

    public IncidentBanners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Banner(long id, UUID operatorId, String message, String postedBy, Instant postedAt) {
    }

    public Optional<Banner> active(UUID operatorId) {
        return jdbc.sql("SELECT id, operator_id, message, posted_by, posted_at FROM incident_banners WHERE operator_id = ? AND cleared_at IS NULL")
                .param(operatorId)
                .query((rs, n) -> new Banner(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .optional();
    }

    /** Posts a banner, clearing the previous one; one statement each, so a concurrent post cannot leave two. */
    public Banner post(UUID operatorId, String message, String who) {
        if (message == null || message.isBlank() || message.length() > 500) {
            throw new IllegalArgumentException("message must be 1 to 500 characters");
        }
        clear(operatorId, who);
        jdbc.sql("INSERT INTO incident_banners (operator_id, message, posted_by) VALUES (?, ?, ?)").params(operatorId, message.strip(), who).update();
        audit(who, "incident.post", operatorId, message.strip());
        return active(operatorId).orElseThrow();
    }

    public boolean clear(UUID operatorId, String who) {
        int n = jdbc.sql("UPDATE incident_banners SET cleared_at = now(), cleared_by = ? WHERE operator_id = ? AND cleared_at IS NULL")
                .params(who, operatorId).update();
        if (n > 0) audit(who, "incident.clear", operatorId, null);
        return n > 0;
    }

    private void audit(String who, String action, UUID operatorId, String value) {
        jdbc.sql("INSERT INTO admin_audit_log (changed_by, action, subject, new_value) VALUES (?, ?, ?, ?)")
                .params(dev.yantra.admin.AdminAudit.requireAuthor(who), action, "operator " + operatorId, value).update();
    }
}
