package dev.yantra.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.yantra.app.YantraCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * deploy/kubernetes: every overlay renders offline with {@code kubectl kustomize}, every object it renders is valid
 * against the Kubernetes API schemas with no unknown field (StrictKubernetesSchema), and the properties the
 * runbooks and the node's shutdown rely on hold: probe paths, grace arithmetic, disruption budgets, secrets.
 */
class KubernetesManifestsTest {
    static final List<String> NODES = List.of("rgs-server", "lottery-hub");
    static final Set<String> SECRET_KEYS = Set.of("YANTRA_MASTER_KEY", "DATABASE_URL", "JWT_SECRET", "STRIPE_SECRET_KEY",
            "STRIPE_WEBHOOK_SECRET", "YANTRA_ADMIN_TOKENS");
    static final ObjectMapper MODEL = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @BeforeAll
    static void kubectlIsInstalled() {
        assumeTrue(RenderedManifests.kubectl().isPresent(),
                "SKIPPED: kubectl (with its built-in kustomize) is not installed; scripts/test requires it");
    }

    private static List<RenderedManifests> rendered;

    /** Rendered once for the whole class (kubectl kustomize takes about a second an overlay). */
    static synchronized List<RenderedManifests> overlays() throws Exception {
        if (rendered != null) return rendered;
        rendered = new ArrayList<>();
        for (Path overlay : RenderedManifests.overlays()) rendered.add(RenderedManifests.render(overlay));
        assertThat(rendered).extracting(RenderedManifests::toString).contains("production", "staging");
        return rendered;
    }

    static <T> T as(Map<String, Object> object, Class<T> model) {
        return MODEL.convertValue(object, model);
    }

    static Deployment deployment(RenderedManifests m, String name) {
        return as(m.find("Deployment", name).orElseThrow(() -> new AssertionError(m + " renders no deployment " + name)), Deployment.class);
    }

    static Container node(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().stream().filter(c -> c.getName().equals("yantra")).findFirst()
                .orElseThrow(() -> new AssertionError(d.getMetadata().getName() + " has no container named yantra"));
    }

    static Optional<EnvVar> env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_object_an_overlay_renders_matches_the_kubernetes_api_schema_with_no_unknown_field(RenderedManifests m) {
        List<String> violations = m.objects().stream().flatMap(o -> StrictKubernetesSchema.violations(o).stream()).toList();
        assertThat(violations).as("schema violations in %s", m).isEmpty();
        assertThat(m.objects().stream().map(o -> (String) o.get("kind")).collect(Collectors.toSet()))
                .contains("Namespace", "Deployment", "Service", "PodDisruptionBudget", "CronJob", "ConfigMap",
                        "PrometheusRule", "PodMonitor");
        assertThat(m.objects().stream().filter(o -> !"Namespace".equals(o.get("kind")))
                .filter(o -> !"yantra".equals(((Map<?, ?>) o.get("metadata")).get("namespace")))
                .map(o -> o.get("kind") + "/" + RenderedManifests.name(o)).toList())
                .as("objects outside the namespace yantra").isEmpty();
    }

    @Test
    void a_misspelt_field_fails_the_validation_naming_the_object_and_the_field_path() throws Exception {
        RenderedManifests fixture = RenderedManifests.render(RenderedManifests.KUBERNETES.resolve("tests/misspelt-field"));
        List<String> violations = fixture.objects().stream().flatMap(o -> StrictKubernetesSchema.violations(o).stream()).toList();
        assertThat(violations).containsExactly("Deployment/rgs-server: unknown field spec.template.spec.terminationGracePeriodSecond");
    }

    @Test
    void a_wrong_type_an_unknown_kind_and_a_malformed_quantity_fail_the_validation_too() throws Exception {
        Map<String, Object> good = RenderedManifests.render(RenderedManifests.KUBERNETES.resolve("overlays/staging"))
                .find("Deployment", "rgs-server").orElseThrow();
        assertThat(StrictKubernetesSchema.violations(good)).isEmpty();

        Map<String, Object> wrongType = copy(good);
        ((Map<String, Object>) wrongType.get("spec")).put("replicas", "three");
        assertThat(StrictKubernetesSchema.violations(wrongType)).singleElement().asString()
                .startsWith("Deployment/rgs-server: does not match the Deployment schema");

        Map<String, Object> unknownKind = copy(good);
        unknownKind.put("kind", "Deploymnet");
        assertThat(StrictKubernetesSchema.violations(unknownKind)).singleElement().asString().contains("no schema for apiVersion apps/v1 kind Deploymnet");

        Map<String, Object> badQuantity = copy(good);
        Map<String, Object> resources = (Map<String, Object>) container(badQuantity).get("resources");
        ((Map<String, Object>) resources.get("limits")).put("memory", "1.5 gigs");
        assertThat(StrictKubernetesSchema.violations(badQuantity)).isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith("Deployment/rgs-server: invalid value at spec.template.spec.containers[0].resources.limits.memory"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> container(Map<String, Object> deployment) {
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment.get("spec")).get("template")).get("spec");
        return ((List<Map<String, Object>>) pod.get("containers")).getFirst();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> object) {
        return (Map<String, Object>) new Yaml().load(new Yaml().dump(object));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void liveness_and_startup_ask_healthz_and_readiness_asks_readyz_on_the_nodes_http_port(RenderedManifests m) {
        for (String name : NODES) {
            Container c = node(deployment(m, name));
            Set<String> ports = c.getPorts().stream().map(p -> p.getName()).collect(Collectors.toSet());
            assertThat(path(c.getLivenessProbe(), ports)).as("%s liveness", name).isEqualTo("/healthz");
            assertThat(path(c.getStartupProbe(), ports)).as("%s startup", name).isEqualTo("/healthz");
            assertThat(path(c.getReadinessProbe(), ports)).as("%s readiness", name).isEqualTo("/readyz");
            assertThat(c.getStartupProbe().getPeriodSeconds() * c.getStartupProbe().getFailureThreshold())
                    .as("%s: seconds the startup probe allows for migrations and warm-up", name).isGreaterThanOrEqualTo(120);
        }
    }

    static String path(Probe probe, Set<String> containerPorts) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet()).as("an HTTP probe").isNotNull();
        assertThat(containerPorts).as("the probe's port is a container port").contains(probe.getHttpGet().getPort().getStrVal());
        return probe.getHttpGet().getPath();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void the_termination_grace_exceeds_the_prestop_sleep_plus_shutdown_grace_seconds(RenderedManifests m) {
        for (String name : NODES) {
            PodSpec pod = deployment(m, name).getSpec().getTemplate().getSpec();
            Container c = node(deployment(m, name));
            long drain = Long.parseLong(env(c, "SHUTDOWN_GRACE_SECONDS").orElseThrow(() -> new AssertionError(name + " sets no SHUTDOWN_GRACE_SECONDS")).getValue());
            assertThat(c.getLifecycle().getPreStop().getSleep()).as("%s preStop is a sleep", name).isNotNull();
            long preStop = c.getLifecycle().getPreStop().getSleep().getSeconds();
            assertThat(preStop).as("%s preStop sleep lets endpoints drain", name).isGreaterThanOrEqualTo(5);
            assertThat(pod.getTerminationGracePeriodSeconds()).as("%s: grace > preStop %d + drain %d", name, preStop, drain)
                    .isGreaterThan(preStop + drain);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_deployment_has_a_disruption_budget_selecting_its_pods_that_still_lets_one_pod_go(RenderedManifests m) {
        List<PodDisruptionBudget> budgets = m.ofKind("PodDisruptionBudget").stream().map(o -> as(o, PodDisruptionBudget.class)).toList();
        for (Map<String, Object> o : m.ofKind("Deployment")) {
            Deployment d = as(o, Deployment.class);
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            List<PodDisruptionBudget> mine = budgets.stream()
                    .filter(b -> podLabels.entrySet().containsAll(b.getSpec().getSelector().getMatchLabels().entrySet())).toList();
            assertThat(mine).as("PDBs selecting %s's pods", d.getMetadata().getName()).hasSize(1);
            int replicas = d.getSpec().getReplicas();
            assertThat(replicas).as("%s replicas (one pod behind a PDB blocks every node drain)", d.getMetadata().getName()).isGreaterThanOrEqualTo(2);
            PodDisruptionBudget b = mine.getFirst();
            if (b.getSpec().getMaxUnavailable() != null) {
                assertThat(b.getSpec().getMaxUnavailable().getIntVal()).isBetween(1, replicas - 1);
            } else {
                assertThat(b.getSpec().getMinAvailable().getIntVal()).isBetween(1, replicas - 1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void each_node_serves_its_surface_with_its_secrets_and_public_url(RenderedManifests m) {
        Map<String, String> surfaces = Map.of("rgs-server", "rgs", "lottery-hub", "lottery");
        Set<String> referenced = new java.util.HashSet<>();
        for (String name : NODES) {
            Container c = node(deployment(m, name));
            assertThat(env(c, "YANTRA_SURFACES").map(EnvVar::getValue)).as("%s surfaces", name).contains(surfaces.get(name));
            for (EnvVar e : c.getEnv()) {
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("yantra-secrets");
                    assertThat(e.getValueFrom().getSecretKeyRef().getKey()).as("a secret's key is its variable").isEqualTo(e.getName());
                    referenced.add(e.getName());
                }
            }
            EnvVar url = env(c, "PUBLIC_BASE_URL").orElseThrow(() -> new AssertionError(name + " has no PUBLIC_BASE_URL"));
            var ref = url.getValueFrom().getConfigMapKeyRef();
            ConfigMap config = as(m.find("ConfigMap", ref.getName()).orElseThrow(() -> new AssertionError("no ConfigMap " + ref.getName())), ConfigMap.class);
            assertThat(config.getData().get(ref.getKey())).as("%s PUBLIC_BASE_URL", name).startsWith("https://");
        }
        assertThat(referenced).as("secrets the nodes read").containsAll(SECRET_KEYS);
        assertThat(env(node(deployment(m, "rgs-server")), "JWT_SECRET")).as("the RGS needs no JWT secret").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void pgbouncer_pools_by_transaction_on_6432(RenderedManifests m) {
        ConfigMap ini = m.ofKind("ConfigMap").stream().map(o -> as(o, ConfigMap.class))
                .filter(c -> c.getMetadata().getName().startsWith("pgbouncer-config")).findFirst().orElseThrow();
        String text = ini.getData().get("pgbouncer.ini");
        assertThat(text).containsPattern("(?m)^pool_mode = transaction$").containsPattern("(?m)^listen_port = 6432$")
                .containsPattern("(?m)^yantra = host=\\S+ port=\\d+ dbname=yantra$");
        assertThat(m.find("Service", "pgbouncer")).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_image_is_named_by_the_overlay_and_production_pins_a_version(RenderedManifests m) {
        for (Map<String, Object> o : m.objects()) {
            for (Map<String, Object> c : containers(o)) {
                String image = String.valueOf(c.get("image"));
                assertThat(image).as("%s/%s image", o.get("kind"), RenderedManifests.name(o)).contains(":");
                if (m.toString().equals("production")) assertThat(image).doesNotEndWith(":latest");
            }
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(Map<String, Object> o) {
        Object spec = o.get("spec");
        for (String step : List.of("jobTemplate", "spec", "template", "spec")) {
            if (!(spec instanceof Map<?, ?> map)) return List.of();
            if (map.containsKey("containers")) return (List<Map<String, Object>>) map.get("containers");
            spec = map.get(step);
        }
        return spec instanceof Map<?, ?> map && map.containsKey("containers") ? (List<Map<String, Object>>) map.get("containers") : List.of();
    }

    @Test
    void the_prometheus_rule_is_alerts_yml_wrapped_and_in_sync_with_it() throws Exception {
        Path alerts = RenderedManifests.ROOT.resolve("deploy/prometheus/alerts.yml");
        Path rule = RenderedManifests.KUBERNETES.resolve("base/prometheus-rule.yaml");
        String expected = new String(new ProcessBuilder("bash", "-c", "sed -e 's/^\\(.\\)/  \\1/' \"$0\"", alerts.toString())
                .start().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String actual = Files.readString(rule, StandardCharsets.UTF_8);
        assertThat(actual.substring(actual.indexOf("\nspec:\n") + "\nspec:\n".length()))
                .as("base/prometheus-rule.yaml is stale: run deploy/kubernetes/sync-prometheus-rule").isEqualTo(expected);

        Map<String, Object> source = new Yaml().load(Files.readString(alerts));
        Map<String, Object> wrapped = RenderedManifests.render(RenderedManifests.KUBERNETES.resolve("overlays/production"))
                .find("PrometheusRule", "yantra-alerts").orElseThrow();
        assertThat(((Map<?, ?>) wrapped.get("spec")).get("groups")).isEqualTo(source.get("groups"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_grafana_dashboard_of_deploy_grafana_is_in_a_configmap_for_the_dashboard_sidecar(RenderedManifests m) throws IOException {
        ConfigMap dashboards = m.ofKind("ConfigMap").stream().map(o -> as(o, ConfigMap.class))
                .filter(c -> c.getMetadata().getName().startsWith("grafana-dashboards-yantra")).findFirst().orElseThrow();
        assertThat(dashboards.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        try (var files = Files.list(RenderedManifests.ROOT.resolve("deploy/grafana"))) {
            for (Path json : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                assertThat(dashboards.getData()).as("deploy/grafana/kustomization.yaml lists %s", json.getFileName())
                        .containsEntry(json.getFileName().toString(), Files.readString(json, StandardCharsets.UTF_8));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void the_rgs_reconcile_cronjob_runs_a_real_command_with_real_flags(RenderedManifests m) {
        CronJob job = as(m.find("CronJob", "rgs-reconcile-daily").orElseThrow(), CronJob.class);
        List<String> args = job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs();
        assertThat(job.getSpec().getJobTemplate().getSpec().getBackoffLimit()).as("a drift is not retried").isZero();
        // parsed by the real CLI: an unknown command or flag fails here
        CommandLine.ParseResult parsed = new CommandLine(new YantraCommand()).parseArgs(args.toArray(String[]::new));
        CommandLine.ParseResult daily = parsed.subcommand().subcommand();
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("reconcile");
        assertThat(daily.commandSpec().name()).as("the run that records results for the gauge").isEqualTo("daily");
        assertThat(daily.matchedOptionValue("--dir", (Object) null)).hasToString("/settlements");
        assertThat(job.getSpec().getTimeZone()).isEqualTo("Etc/UTC");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void the_lottery_reconcile_cronjob_runs_yantra_lottery_reconcile_with_its_real_flags(RenderedManifests m) {
        CronJob job = as(m.find("CronJob", "lottery-reconcile-daily").orElseThrow(), CronJob.class);
        List<String> args = job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs();
        assertThat(args.subList(0, 2)).containsExactly("lottery", "reconcile");
        CommandLine lottery = new CommandLine(new YantraCommand()).getSubcommands().get("lottery");
        CommandLine reconcile = lottery.getSubcommands().get("reconcile");
        assumeTrue(reconcile != null, "SKIPPED: this build has no `yantra lottery reconcile` yet");
        CommandLine.ParseResult parsed = new CommandLine(new YantraCommand()).parseArgs(args.toArray(String[]::new));
        assertThat(parsed.subcommand().subcommand().commandSpec().name()).isEqualTo("reconcile");
    }
    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void the_backup_cronjob_runs_yantra_backup_with_verify_onto_its_volume_straight_to_postgres(RenderedManifests m) {
        CronJob job = as(m.find("CronJob", "yantra-backup").orElseThrow(() -> new AssertionError(m + " renders no backup CronJob")),
                CronJob.class);
        var pod = job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        var container = pod.getContainers().getFirst();
        // parsed by the real CLI: an unknown command or flag fails here
        CommandLine.ParseResult parsed = new CommandLine(new YantraCommand()).parseArgs(container.getArgs().toArray(String[]::new));
        CommandLine.ParseResult backup = parsed.subcommand();
        assertThat(backup.commandSpec().name()).isEqualTo("backup");
        assertThat(backup.hasMatchedOption("--verify")).as("a backup that cannot be restored fails the Job").isTrue();
        String dir = backup.matchedOptionValue("--dir", (Object) null).toString();
        assertThat(container.getVolumeMounts()).anySatisfy(v -> assertThat(v.getMountPath()).isEqualTo(dir));
        String claim = pod.getVolumes().stream()
                .filter(v -> container.getVolumeMounts().stream().anyMatch(vm -> vm.getMountPath().equals(dir) && vm.getName().equals(v.getName())))
                .findFirst().orElseThrow().getPersistentVolumeClaim().getClaimName();
        assertThat(m.find("PersistentVolumeClaim", claim)).as("the backups' volume claim").isPresent();
        EnvVar url = env(container, "DATABASE_URL").orElseThrow();
        assertThat(url.getValueFrom().getSecretKeyRef().getKey()).as("straight to PostgreSQL, not through PgBouncer")
                .isEqualTo("BACKUP_DATABASE_URL");
        assertThat(job.getSpec().getJobTemplate().getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void the_retention_cronjob_runs_yantra_retention_run_with_a_durable_archive(RenderedManifests m) {
        CronJob job = as(m.find("CronJob", "retention-daily").orElseThrow(), CronJob.class);
        var pod = job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        List<String> args = pod.getContainers().getFirst().getArgs();
        CommandLine.ParseResult parsed = new CommandLine(new YantraCommand()).parseArgs(args.toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("retention");
        assertThat(parsed.subcommand().subcommand().commandSpec().name()).isEqualTo("run");
        assertThat(pod.getContainers().getFirst().getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("RETENTION_ARCHIVE_DIR");
            assertThat(e.getValue()).isEqualTo("/archive");
        });
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("retention-archive"));
        assertThat(m.find("PersistentVolumeClaim", "retention-archive")).isPresent();
    }
}
