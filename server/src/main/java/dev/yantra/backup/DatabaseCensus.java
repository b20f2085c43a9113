package dev.yantra.backup;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Row counts of every table of the public schema and, for each table with money columns (integer columns whose name
 * ends in {@code _micro} or {@code _minor}, the conventions' money units), the total of each. Found from the catalog,
 * so a table added later is counted without anyone remembering to list it. What a backup manifest records and what
 * {@code backup verify} recomputes from the restored copy.
 */
record DatabaseCensus(List<TableCensus> tables) {

    record TableCensus(String table, long rows, Map<String, BigInteger> totals) {
    }

    /** Reads the census on {@code c} as its current transaction sees the data (the dump's snapshot, for a backup). */
    static DatabaseCensus of(Connection c) throws SQLException {
        Map<String, List<String>> moneyColumns = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("""
                    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                    ORDER BY c.relname""")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("""
                    SELECT table_name, column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND data_type IN ('bigint', 'integer', 'numeric')
                      AND (column_name LIKE '%\\_micro' OR column_name LIKE '%\\_minor')
                    ORDER BY table_name, column_name""")) {
                while (rs.next()) moneyColumns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        List<TableCensus> out = new ArrayList<>();
        for (String table : tables) {
            List<String> money = moneyColumns.getOrDefault(table, List.of());
            StringBuilder sql = new StringBuilder("SELECT count(*)");
            for (String col : money) sql.append(", COALESCE(sum(").append(quote(col)).append("), 0)::text");
            sql.append(" FROM ").append(quote(table));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
                rs.next();
                Map<String, BigInteger> totals = new LinkedHashMap<>();
                for (int i = 0; i < money.size(); i++) totals.put(money.get(i), new BigInteger(rs.getString(i + 2)));
                out.add(new TableCensus(table, rs.getLong(1), totals));
            }
        }
        return new DatabaseCensus(List.copyOf(out));
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Each difference between this (expected) and {@code actual}, as a line a person can act on; empty when equal. */
    List<String> differencesFrom(DatabaseCensus actual) {
        Map<String, TableCensus> theirs = new LinkedHashMap<>();
        for (TableCensus t : actual.tables) theirs.put(t.table(), t);
        List<String> diffs = new ArrayList<>();
        for (TableCensus mine : tables) {
            TableCensus other = theirs.remove(mine.table());
            if (other == null) {
                diffs.add(mine.table() + ": missing from the restored copy");
                continue;
            }
            if (mine.rows() != other.rows()) {
                diffs.add(mine.table() + ": " + mine.rows() + " row(s) in the manifest, " + other.rows() + " restored");
            }
            for (var e : mine.totals().entrySet()) {
                BigInteger got = other.totals().get(e.getKey());
                if (!e.getValue().equals(got)) {
                    diffs.add(mine.table() + "." + e.getKey() + ": total " + e.getValue() + " in the manifest, " + got + " restored");
                }
            }
        }
        for (String extra : theirs.keySet()) diffs.add(extra + ": in the restored copy but not in the manifest");
        return diffs;
    }

    long totalRows() {
        return tables.stream().mapToLong(TableCensus::rows).sum();
    }
}
