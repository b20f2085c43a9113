package dev.yantra.portal.pages;

import dev.yantra.portal.PortalUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The operators a page may list for a user: its own, or (platform users) all or the one asked for. */
final class Scoped {
    private Scoped() {
    }

    static List<Map<String, Object>> operators(JdbcClient jdbc, PortalUser me, UUID asked) {
        if (asked != null) me.requireOperator(asked);
        UUID only = me.operatorFilter(asked).orElse(null);
        return jdbc.sql("SELECT id, name, status FROM operators WHERE (CAST(? AS uuid) IS NULL OR id = ?) ORDER BY name LIMIT 500")
                .params(only, only).query().listOfRows();
    }
}
