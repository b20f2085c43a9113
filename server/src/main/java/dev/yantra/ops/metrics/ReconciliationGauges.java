package dev.yantra.ops.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * reconciliation_status{operator,currency} from reconciliation_results (the latest business date per operator and
 * currency): 0 MATCH, 1 MINOR_DRIFT, 2 MAJOR_DRIFT. Read from the database so a restart keeps a MAJOR_DRIFT alert
 * firing and every node exports the same value. A configured operator that was never reconciled reads -1 on
 * currency "ALL", so the series exists from start-up without claiming a match that never happened.
 */
final class ReconciliationGauges {
    static final String STATUS = "reconciliation_status";
    static final double NEVER_RECONCILED = -1;

    private static final String LATEST = """
            SELECT DISTINCT ON (operator_id, currency) operator_id, currency,
                   CASE status WHEN 'MATCH' THEN 0 WHEN 'MINOR_DRIFT' THEN 1 ELSE 2 END AS code
              FROM reconciliation_results
             ORDER BY operator_id, currency, business_date DESC, finished_at DESC""";

    private final JdbcClient jdbc;

    ReconciliationGauges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Latest(String operatorId, String currency, int code) {
    }

    GaugeFamilies refresh(List<UUID> operators) {
        GaugeFamilies.Builder b = GaugeFamilies.builder().family(STATUS,
                "Latest daily reconciliation per operator and currency: 0 match, 1 minor drift, 2 major drift, -1 never run");
        List<Latest> rows = jdbc.sql(LATEST).query(Latest.class).list();
        for (UUID op : operators) {
            String id = op.toString();
            if (rows.stream().noneMatch(r -> r.operatorId().equals(id))) {
                b.set(STATUS, Labels.of("operator", id, "currency", "ALL"), NEVER_RECONCILED);
            }
        }
        for (Latest r : rows) b.set(STATUS, Labels.of("operator", r.operatorId(), "currency", r.currency()), r.code());
        return b.build();
    }
}
