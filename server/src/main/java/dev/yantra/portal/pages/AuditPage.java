package dev.yantra.portal.pages;

import dev.yantra.portal.PortalUser;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log (admin_audit_log, and operator_config_audit_log for game configs), filterable by author, action and
 * text. An operator user sees the rows about its own operator (its id in the subject or a value) and those written
 * by its own portal users; platform users see all.
 */
@Controller
@Guarded(Surface.PORTAL)
public class AuditPage {
    static final int MAX_ROWS = 300;
    private final JdbcClient jdbc;

    public AuditPage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/portal/audit")
    public String audit(@AuthenticationPrincipal PortalUser me, @RequestParam(required = false) String author,
                        @RequestParam(required = false) String action, @RequestParam(required = false) String text, Model model) {
        UUID only = me.operatorFilter(null).orElse(null);
        String by = ConfigsPage.blankToNull(author);
        String what = ConfigsPage.blankToNull(action);
        String like = ConfigsPage.blankToNull(text);
        model.addAttribute("rows", jdbc.sql("""
                        SELECT a.created_at, a.changed_by, a.action, a.subject, a.old_value, a.new_value, a.reason
                        FROM admin_audit_log a
                        WHERE (CAST(:op AS text) IS NULL
                               OR strpos(coalesce(a.subject, ''), :op) > 0 OR strpos(coalesce(a.new_value, ''), :op) > 0
                               OR strpos(coalesce(a.old_value, ''), :op) > 0
                               OR a.changed_by IN (SELECT 'portal:' || username FROM portal_users WHERE operator_id = CAST(:op AS uuid)))
                          AND (CAST(:by AS text) IS NULL OR a.changed_by = :by)
                          AND (CAST(:what AS text) IS NULL OR a.action LIKE :what || '%')
                          AND (CAST(:like AS text) IS NULL OR strpos(concat_ws(' ', a.subject, a.old_value, a.new_value, a.reason), :like) > 0)
                        ORDER BY a.id DESC LIMIT :limit""")
                .param("op", only == null ? null : only.toString()).param("by", by).param("what", what).param("like", like)
                .param("limit", MAX_ROWS).query().listOfRows());
        model.addAttribute("configRows", jdbc.sql("""
                        SELECT c.id AS entry, c.created_at, c.changed_by, c.game_code, c.currency, c.field_name, c.old_value, c.new_value, c.reason
                        FROM operator_config_audit_log c
                        WHERE (CAST(:op AS uuid) IS NULL OR c.operator_id = :op) AND (CAST(:by AS text) IS NULL OR c.changed_by = :by)
                        ORDER BY c.id DESC LIMIT :limit""")
                .param("op", only).param("by", by).param("limit", MAX_ROWS).query().listOfRows());
        model.addAttribute("q", java.util.Map.of("author", by == null ? "" : by, "action", what == null ? "" : what, "text", like == null ? "" : like));
        return "portal/audit";
    }
}
