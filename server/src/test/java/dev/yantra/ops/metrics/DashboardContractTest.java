package dev.yantra.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The dashboard and the alert rules read only metrics of the contract (the table in docs/observability.md, plus
 * the recording rules of alerts.yml); every alert has a severity, a summary and a playbook link that exists.
 */
class DashboardContractTest {
    static final Path ROOT = Path.of("..");
    static final Path DASHBOARD = ROOT.resolve("deploy/grafana/yantra.json");
    static final Path RULES = ROOT.resolve("deploy/prometheus/alerts.yml");
    static final Path CONTRACT = ROOT.resolve("docs/observability.md");
    static final Path PLAYBOOK = ROOT.resolve("docs/playbooks/rgs-incident-playbooks.md");
    static final Path LOTTERY_RUNBOOK = ROOT.resolve("docs/playbooks/lottery-incident-runbook.md");
    static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
            "group_left", "group_right", "inf", "nan");
    static final List<String> HISTOGRAM_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");

    /** The metric names a PromQL expression reads (functions, keywords, labels, strings and durations removed). */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\boffset\\s+\\w+", " ")
                .replaceAll("\\$\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(s);
        while (m.find()) {
            String rest = s.substring(m.end()).stripLeading();
            if (rest.startsWith("(") || KEYWORDS.contains(m.group().toLowerCase())) continue;
            names.add(m.group());
        }
        return names;
    }

    static Set<String> contract() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z0-9_:]+)` \\|").matcher(Files.readString(CONTRACT));
        while (m.find()) names.add(m.group(1));
        for (Map<String, Object> rule : rules()) {
            if (rule.containsKey("record")) names.add((String) rule.get("record"));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rules() throws IOException {
        Map<String, Object> doc = new Yaml().load(Files.readString(RULES));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
            out.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return out;
    }

    static boolean known(String name, Set<String> contract) {
        if (contract.contains(name)) return true;
        return HISTOGRAM_SUFFIXES.stream().anyMatch(suffix -> name.endsWith(suffix)
                && contract.contains(name.substring(0, name.length() - suffix.length())));
    }

    static List<JsonNode> panels() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            out.add(panel);
            if (panel.has("panels")) panel.get("panels").forEach(out::add);
        }
        return out;
    }

    @Test
    void the_name_extraction_sees_metrics_and_nothing_else() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (le, operator) (rate(wallet_call_latency_ms_bucket{endpoint=\"bet\"}[$__rate_interval]))) > 4000"))
                .containsExactly("wallet_call_latency_ms_bucket");
        assertThat(metricNames("slo:error_ratio:rate1h > on (slo) group_left () (14.4 * slo:error_budget) and x offset 10m"))
                .containsExactly("slo:error_budget", "slo:error_ratio:rate1h", "x");
    }

    @Test
    void every_panel_query_names_only_contract_metrics() throws IOException {
        Set<String> contract = contract();
        assertThat(contract).contains("pending_wallet_jobs", "rtp_sigma_24h", "bets_total", "slo:error_ratio:rate5m");
        int queries = 0;
        for (JsonNode panel : panels()) {
            if (!panel.has("targets")) continue;
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asText();
                queries++;
                for (String name : metricNames(expr)) {
                    assertThat(known(name, contract)).as("panel '%s' reads %s, not in docs/observability.md", panel.get("title").asText(), name).isTrue();
                }
            }
        }
        assertThat(queries).isGreaterThan(20);
    }

    @Test
    void the_dashboard_has_the_playbook_panel_a_datasource_variable_and_a_layout() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        assertThat(panels()).extracting(p -> p.get("title").asText()).contains("Rollback queue depth",
                "RTP actual vs theoretical (24h, ±3σ)", "Circuit breaker state", "Wallet bet latency p99 by operator");
        assertThat(dashboard.get("templating").get("list")).anySatisfy(v -> {
            assertThat(v.get("type").asText()).isEqualTo("datasource");
            assertThat(v.get("query").asText()).isEqualTo("prometheus");
        });
        for (JsonNode panel : panels()) {
            assertThat(panel.has("gridPos")).as("gridPos of %s", panel.get("title")).isTrue();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_alert_reads_contract_metrics_and_has_a_severity_a_summary_and_an_existing_playbook_section() throws IOException {
        Set<String> contract = contract();
        String playbook = Files.readString(PLAYBOOK);
        String runbook = Files.readString(LOTTERY_RUNBOOK);
        int alerts = 0;
        for (Map<String, Object> rule : rules()) {
            for (String name : metricNames((String) rule.get("expr"))) {
                assertThat(known(name, contract)).as("rule %s reads %s, not in docs/observability.md", rule, name).isTrue();
            }
            if (!rule.containsKey("alert")) continue;
            alerts++;
            Map<String, String> labels = (Map<String, String>) rule.get("labels");
            Map<String, String> annotations = (Map<String, String>) rule.get("annotations");
            assertThat(labels.get("severity")).as("severity of %s", rule.get("alert")).isIn("SEV1", "SEV2", "SEV3");
            assertThat(annotations.get("summary")).as("summary of %s", rule.get("alert")).isNotBlank();
            // the RGS alerts link the RGS playbooks (annotations.playbook), the lottery ones the lottery runbook
            String link = annotations.containsKey("runbook") ? annotations.get("runbook") : annotations.get("playbook");
            String doc = annotations.containsKey("runbook") ? runbook : playbook;
            assertThat(link).startsWith(annotations.containsKey("runbook")
                    ? "docs/playbooks/lottery-incident-runbook.md#" : "docs/playbooks/rgs-incident-playbooks.md#");
            assertThat(doc).as("anchor of %s", link).contains("{#" + link.substring(link.indexOf('#') + 1) + "}");
        }
        assertThat(alerts).isGreaterThanOrEqualTo(20);
    }

    @Test
    void every_bucket_a_rule_selects_is_a_bucket_the_code_emits() throws IOException {
        Map<String, double[]> emitted = Map.of("bet_accept_latency_ms", SloMeters.BET_ACCEPT_BUCKETS,
                "bet_to_settlement_ms", SloMeters.SETTLEMENT_BUCKETS, "session_create_latency_ms", SloMeters.SESSION_CREATE_BUCKETS);
        Matcher m = Pattern.compile("(\\w+)_bucket\\{le=~\"(\\d+)").matcher(Files.readString(RULES));
        int selected = 0;
        while (m.find()) {
            double[] buckets = emitted.get(m.group(1));
            assertThat(buckets).as("buckets of %s", m.group(1)).isNotNull();
            assertThat(buckets).as("%s has a bucket at le=%s", m.group(1), m.group(2)).contains(Double.parseDouble(m.group(2)));
            selected++;
        }
        assertThat(selected).isGreaterThanOrEqualTo(16);  // 4 windows x 4 latency SLOs
    }
}
