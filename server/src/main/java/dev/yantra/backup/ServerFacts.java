package dev.yantra.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What backup and restore need to know about a server and its schema before they touch it. */
record ServerFacts(int major, String version, String schemaVersion, int userRelations) {

    static ServerFacts of(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            int major;
            String version;
            try (ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000, current_setting('server_version')")) {
                rs.next();
                major = rs.getInt(1);
                version = rs.getString(2);
            }
            int relations;
            boolean hasFlyway;
            try (ResultSet rs = s.executeQuery("""
                    SELECT count(*), count(*) FILTER (WHERE c.relname = 'flyway_schema_history' AND n.nspname = 'public')
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                      AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')""")) {
                rs.next();
                relations = rs.getInt(1);
                hasFlyway = rs.getInt(2) > 0;
            }
            String schema = null;
            if (hasFlyway) {
                // outOfOrder migrations: the highest version, compared as numbers, not the last one applied
                try (ResultSet rs = s.executeQuery("""
                        SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL
                        ORDER BY string_to_array(version, '.')::int[] DESC LIMIT 1""")) {
                    if (rs.next()) schema = rs.getString(1);
                }
            }
            return new ServerFacts(major, version, schema, relations);
        }
    }
}
