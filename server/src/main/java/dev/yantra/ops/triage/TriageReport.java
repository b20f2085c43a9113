package dev.yantra.ops.triage;

import dev.yantra.cli.Table;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a triage run found: titled tables of query results, plain findings, and the mitigation commands with the
 * ids filled in. Printed as text tables for a person or as one JSON document for a script.
 *
 * <p>A finding recorded with {@link #problem} means the section found what its playbook is about (the command
 * then exits 1); one recorded with {@link #finding} is context. Without a problem, the commands are printed as
 * "to look further", not as a mitigation.
 */
public final class TriageReport {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_CELL = 80;

    public record Section(String title, String sql, List<Map<String, Object>> rows) {
    }

    private final String topic;
    private final List<Section> sections = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private final List<String> mitigations = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private boolean problemFound;

    public TriageReport(String topic) {
        this.topic = topic;
    }

    public TriageReport section(String title, String sql, List<Map<String, Object>> rows) {
        sections.add(new Section(title, sql, rows));
        return this;
    }

    public TriageReport finding(String text) {
        findings.add(text);
        return this;
    }

    /** A finding that is the problem the playbook section is about: the triage exits 1. */
    public TriageReport problem(String text) {
        problemFound = true;
        return finding(text);
    }

    /** The object the triage was asked about does not exist: a problem, also said on stderr. */
    public TriageReport missing(String text) {
        errors.add(text);
        return problem(text);
    }

    public boolean problemFound() {
        return problemFound;
    }

    /** What the named object's absence or the problem means for a script: 1 = a check found a problem, 0 = healthy. */
    public int exitCode() {
        return problemFound ? 1 : 0;
    }

    public List<String> errors() {
        return errors;
    }

    public TriageReport mitigation(String command) {
        if (!mitigations.contains(command)) mitigations.add(command);
        return this;
    }

    public List<Section> sections() {
        return sections;
    }

    public List<String> findings() {
        return findings;
    }

    public List<String> mitigations() {
        return mitigations;
    }

    public void printJson(PrintStream out) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("topic", topic);
        doc.put("problemFound", problemFound);
        List<Map<String, Object>> secs = new ArrayList<>();
        for (Section s : sections) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", s.title());
            m.put("sql", s.sql());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> r : s.rows()) {
                Map<String, Object> copy = new LinkedHashMap<>();
                r.forEach((k, v) -> copy.put(k, v == null ? null : (v instanceof Number || v instanceof Boolean) ? v : v.toString()));
                rows.add(copy);
            }
            m.put("rows", rows);
            secs.add(m);
        }
        doc.put("sections", secs);
        doc.put("findings", findings);
        doc.put("mitigations", mitigations);
        out.println(JSON.writeValueAsString(doc));
    }

    public void printText(PrintStream out) {
        out.println("# triage: " + topic);
        for (Section s : sections) {
            out.println();
            out.println("## " + s.title());
            printTable(out, s.rows());
        }
        if (!findings.isEmpty()) {
            out.println();
            out.println("## findings");
            findings.forEach(f -> out.println("- " + f));
        }
        out.println();
        if (mitigations.isEmpty()) {
            out.println("## mitigation");
            out.println(problemFound ? "(no command to suggest: see the findings)" : "(nothing to do: no open problem found)");
        } else {
            out.println(problemFound ? "## mitigation" : "## no problem found; to look further");
        }
        mitigations.forEach(m -> out.println("  " + m));
    }

    static void printTable(PrintStream out, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            out.println("(no rows)");
            return;
        }
        List<String> cols = new ArrayList<>(rows.getFirst().keySet());
        Table t = Table.of(cols.toArray(String[]::new));
        for (Map<String, Object> r : rows) t.row(cols.stream().map(c -> cell(r.get(c))).toArray());
        t.print(out);
    }

    static String cell(Object v) {
        String s = v == null ? "" : v.toString().replace('\n', ' ');
        return s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s;
    }
}
