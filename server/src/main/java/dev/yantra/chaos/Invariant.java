package dev.yantra.chaos;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One money rule and how to find the rows breaking it (the evidence), at most {@link #EVIDENCE_ROWS} of them.
 * Most rules are one SQL statement: one statement reads one snapshot, so a rule that compares the wallet's ledger
 * with our journal never sees one side ahead of the other. {@code family} groups the rules a broken build is
 * expected to break.
 */
record Invariant(String name, String family, String description, Evidence evidence) {
    static final int EVIDENCE_ROWS = 20;

    /** Finds the violating rows; {@code params} are the run's named values (e.g. the starting balance). */
    @FunctionalInterface
    interface Evidence {
        List<Map<String, Object>> find(JdbcClient jdbc, Map<String, Object> params);
    }

    /** A rule whose violations are the rows {@code sql} returns. */
    static Invariant sql(String name, String family, String description, String sql) {
        return new Invariant(name, family, description, (jdbc, params) -> {
            var spec = jdbc.sql("SELECT * FROM (" + sql + ") v LIMIT " + EVIDENCE_ROWS);
            for (String p : params.keySet()) {
                if (sql.contains(":" + p)) spec = spec.param(p, params.get(p));
            }
            return spec.query().listOfRows();
        });
    }

    List<Map<String, Object>> check(JdbcClient jdbc, Map<String, Object> params) {
        return evidence.find(jdbc, params);
    }
}
