package dev.yantra.chaos;

import dev.yantra.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The run's two outputs: {@code summary.json} (the verdict, the seed and schedule, per-invariant counts, the
 * violations with their evidence, recovery per fault, totals) and {@code report.html}, one self-contained page —
 * inline CSS and SVG drawn here, no script, no external asset — with the plots over time and the invariant table.
 */
final class ChaosReport {
    private ChaosReport() {
    }

    static void write(ChaosRun.Result r, Path out) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("summary.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json(r)) + "\n");
        Files.writeString(out.resolve("report.html"), html(r));
    }

    static Map<String, Object> json(ChaosRun.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        var o = r.options();
        m.put("verdict", r.passed() ? "PASSED" : "FAILED");
        m.put("scenario", o.scenario().wireName());
        m.put("seed", o.seed());
        m.put("nodes", o.nodes());
        m.put("durationSeconds", o.duration().toSeconds());
        m.put("reproduce", reproduce(o));
        if (o.testBreak() != null) m.put("testBreak", o.testBreak());
        if (o.stopOnViolation()) m.put("stopOnViolation", true);
        m.put("startedAt", r.startedAt().toString());
        m.put("schedule", r.schedule().describe());
        m.put("betsAccepted", r.timeline().total(s -> s.accepted));
        m.put("betsRefused", r.timeline().total(s -> s.refused));
        m.put("betsUnanswered", r.timeline().total(s -> s.unanswered));
        m.put("playsAccepted", r.timeline().total(s -> s.playsAccepted));
        m.put("playsRefused", r.timeline().total(s -> s.playsRefused));
        m.put("playsUnanswered", r.timeline().total(s -> s.playsUnanswered));
        m.put("betStates", r.betStates());
        m.put("playStates", r.playStates());
        m.put("roundStates", r.roundStates());
        m.put("walletJobsCreated", r.jobsCreated());
        m.put("recovered", r.recovered());
        m.put("recoverySeconds", round1(r.recoverySeconds()));
        if (!r.recoveryNote().isEmpty()) m.put("recoveryNote", r.recoveryNote());
        List<Map<String, Object>> rec = new ArrayList<>();
        for (ChaosRun.Recovery x : r.recoveries()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("fault", x.fault().describe());
            e.put("note", x.note());
            e.put("betsFlowingAfterSeconds", x.betsFlowingAfterS());
            e.put("queueBackAfterSeconds", x.queueBackAfterS());
            rec.add(e);
        }
        m.put("recoveries", rec);
        List<Map<String, Object>> inv = new ArrayList<>();
        for (ChaosRun.Verdict v : r.verdicts()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("invariant", v.invariant());
            e.put("family", v.family());
            e.put("checks", v.checks());
            e.put("failures", v.failures());
            inv.add(e);
        }
        m.put("invariants", inv);
        List<Map<String, Object>> vio = new ArrayList<>();
        for (ChaosRun.Violation v : r.violations()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("invariant", v.invariant());
            e.put("family", v.family());
            e.put("atSeconds", round1(v.atSeconds()));
            e.put("phase", v.phase());
            e.put("evidence", v.evidence().stream().map(ChaosReport::printable).toList());
            vio.add(e);
        }
        m.put("violations", vio);
        return m;
    }

    static String reproduce(ChaosRun.Options o) {
        return "yantra chaos run --scenario " + o.scenario().wireName() + " --nodes " + o.nodes() + " --duration "
                + o.duration().toSeconds() + "s --seed " + o.seed() + (o.testBreak() == null ? "" : " --test-break " + o.testBreak())
                + (o.stopOnViolation() ? " --stop-on-violation" : "");
    }

    private static Map<String, Object> printable(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> out.put(k, v == null || v instanceof Number || v instanceof Boolean ? v : v.toString()));
        return out;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static String html(ChaosRun.Result r) {
        var o = r.options();
        TreeMap<Integer, Timeline.Second> all = r.timeline().all();
        int n = all.isEmpty() ? 0 : all.lastKey() + 1;
        double[] accepted = new double[n];
        double[] refused = new double[n];
        double[] unanswered = new double[n];
        double[] p50 = new double[n];
        double[] p99 = new double[n];
        double[] live = new double[n];
        TreeSet<String> endpoints = new TreeSet<>();
        TreeSet<String> counterparties = new TreeSet<>();
        for (Timeline.Second s : all.values()) {
            if (s.queueDepth != null) endpoints.addAll(s.queueDepth.keySet());
            if (s.breakers != null) counterparties.addAll(s.breakers.keySet());
        }
        Map<String, double[]> queue = new LinkedHashMap<>();
        for (String e : endpoints) queue.put(e, new double[n]);
        Map<String, double[]> breakers = new LinkedHashMap<>();
        for (String c : counterparties) breakers.put(c, new double[n]);
        for (var e : all.entrySet()) {
            int i = e.getKey();
            Timeline.Second s = e.getValue();
            accepted[i] = s.accepted.get();
            refused[i] = s.refused.get();
            unanswered[i] = s.unanswered.get();
            p50[i] = nanIfNegative(s.percentileMs(50));
            p99[i] = nanIfNegative(s.percentileMs(99));
            // sampled series: a second the sampler skipped carries the last sample on (a sample can take over a second)
            live[i] = s.liveNodes >= 0 ? s.liveNodes : i > 0 ? live[i - 1] : Double.NaN;
            for (String ep : endpoints) {
                queue.get(ep)[i] = s.queueDepth != null ? s.queueDepth.getOrDefault(ep, 0) : i > 0 ? queue.get(ep)[i - 1] : Double.NaN;
            }
            for (String c : counterparties) {
                breakers.get(c)[i] = s.breakers != null ? s.breakers.getOrDefault(c, 0.0) : i > 0 ? breakers.get(c)[i - 1] : Double.NaN;
            }
        }
        List<SvgChart> charts = new ArrayList<>();
        charts.add(shaded(new SvgChart("Bets per second", n), r).series("accepted", accepted).series("refused", refused)
                .series("unanswered", unanswered));
        charts.add(shaded(new SvgChart("Accept latency (ms)", n), r).series("p50", p50).series("p99", p99));
        if (o.scenario().lottery()) {
            double[] plays = new double[n];
            double[] playsRefused = new double[n];
            for (var e : all.entrySet()) {
                plays[e.getKey()] = e.getValue().playsAccepted.get();
                playsRefused[e.getKey()] = e.getValue().playsRefused.get() + e.getValue().playsUnanswered.get();
            }
            charts.add(shaded(new SvgChart("Lottery plays per second", n), r).series("accepted", plays).series("refused or unanswered", playsRefused));
        }
        SvgChart q = shaded(new SvgChart("Open wallet jobs by endpoint (queue depth)", n), r);
        queue.forEach(q::series);
        if (queue.isEmpty()) q.series("none open", new double[n]);
        charts.add(q);
        SvgChart b = shaded(new SvgChart("Wallet breaker per operator (0 closed, 0.5 half-open, 1 open)", n), r).max(1);
        breakers.forEach((k, v) -> b.series(k.replace("chaos-casino-", "operator "), v));
        charts.add(b);
        charts.add(shaded(new SvgChart("Live nodes", n), r).series("nodes running", live).max(Math.max(1, o.nodes())));

        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Yantra chaos: ")
                .append(SvgChart.esc(o.scenario().wireName())).append(" seed ").append(o.seed()).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:24px;max-width:960px;color:#222}")
                .append("table{border-collapse:collapse;margin:8px 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}")
                .append(".pass{color:#1a7f37;font-weight:bold}.fail{color:#cf222e;font-weight:bold}code,pre{font-size:12px}")
                .append("pre{background:#f6f8fa;padding:6px;overflow-x:auto;max-height:300px}</style></head><body>");
        h.append("<h1>Chaos run: ").append(SvgChart.esc(o.scenario().wireName())).append(" — <span class=\"")
                .append(r.passed() ? "pass\">PASSED" : "fail\">FAILED").append("</span></h1>");
        h.append("<p>Seed <b>").append(o.seed()).append("</b>, ").append(o.nodes()).append(" nodes, ").append(o.tables())
                .append(" tables, load for ").append(String.format(Locale.ROOT, "%.0f", r.loadSeconds())).append(" s, started ")
                .append(r.startedAt()).append(". Reproduce: <code>").append(SvgChart.esc(reproduce(o))).append("</code>");
        if (o.testBreak() != null) h.append("<br>Deliberately broken build: <b>").append(SvgChart.esc(o.testBreak())).append("</b>");
        h.append("</p><p>Bets accepted ").append(r.timeline().total(s -> s.accepted)).append(", refused ")
                .append(r.timeline().total(s -> s.refused)).append(", unanswered ").append(r.timeline().total(s -> s.unanswered))
                .append("; final bet states ").append(SvgChart.esc(r.betStates().toString())).append("; rounds ")
                .append(SvgChart.esc(r.roundStates().toString()))
                .append(r.playStates().isEmpty() ? "" : "; plays " + SvgChart.esc(r.playStates().toString())).append("; wallet jobs created ").append(r.jobsCreated())
                .append(". Recovery after the load: ").append(r.recovered() ? String.format(Locale.ROOT, "%.1f s", r.recoverySeconds())
                        : "<span class=\"fail\">" + SvgChart.esc(r.recoveryNote()) + "</span>").append(".</p>");
        h.append("<h2>Invariants</h2><table><tr><th>invariant</th><th>family</th><th>checks</th><th>failed</th><th>rule</th></tr>");
        for (ChaosRun.Verdict v : r.verdicts()) {
            h.append("<tr><td>").append(v.invariant()).append("</td><td>").append(v.family()).append("</td><td>").append(v.checks())
                    .append("</td><td class=\"").append(v.failures() == 0 ? "pass\">0" : "fail\">" + v.failures()).append("</td><td>")
                    .append(SvgChart.esc(v.description())).append("</td></tr>");
        }
        h.append("</table>");
        if (!r.violations().isEmpty()) {
            h.append("<h2>Violations</h2>");
            for (ChaosRun.Violation v : r.violations()) {
                h.append("<h3 class=\"fail\">").append(v.invariant()).append(" at ").append(String.format(Locale.ROOT, "%.1f", v.atSeconds()))
                        .append(" s (").append(v.phase()).append(")</h3><pre>");
                for (Map<String, Object> row : v.evidence()) h.append(SvgChart.esc(printable(row).toString())).append('\n');
                h.append("</pre>");
            }
        }
        h.append("<h2>Over time</h2><p>Shaded: faults (hover for which).</p>");
        for (SvgChart c : charts) h.append(c.render()).append('\n');
        h.append("<h2>Faults and recovery</h2><table><tr><th>fault</th><th>what happened</th><th>bets (plays, for a lottery fault) flowing again after</th>")
                .append("<th>wallet queue back after</th></tr>");
        for (ChaosRun.Recovery x : r.recoveries()) {
            h.append("<tr><td>").append(SvgChart.esc(x.fault().describe())).append("</td><td>").append(SvgChart.esc(x.note()))
                    .append("</td><td>").append(seconds(x.betsFlowingAfterS())).append("</td><td>").append(seconds(x.queueBackAfterS()))
                    .append("</td></tr>");
        }
        h.append("</table><h2>Schedule (from the seed alone)</h2><pre>");
        for (String line : r.schedule().describe()) h.append(SvgChart.esc(line)).append('\n');
        h.append("</pre></body></html>\n");
        return h.toString();
    }

    private static SvgChart shaded(SvgChart c, ChaosRun.Result r) {
        for (ChaosRun.Recovery x : r.recoveries()) {
            c.band(x.fault().startMs() / 1000.0, x.fault().endMs() / 1000.0, x.fault().describe());
        }
        return c;
    }

    private static double nanIfNegative(double v) {
        return v < 0 ? Double.NaN : v;
    }

    private static String seconds(Double s) {
        return s == null ? "<span class=\"fail\">not within the run</span>" : String.format(Locale.ROOT, "%.0f s", s);
    }
}
