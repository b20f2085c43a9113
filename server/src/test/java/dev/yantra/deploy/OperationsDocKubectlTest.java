package dev.yantra.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kubectl command of docs/operations.md and docs/playbooks/*.md works against deploy/kubernetes: it names
 * the namespace yantra, and every deployment, statefulset, cronjob, job, service, secret and label selector it
 * names exists in what the overlays render (or, for a Secret, is read by them; for a Job, is created by an earlier
 * `kubectl create job --from=cronjob/...` of the docs).
 */
class OperationsDocKubectlTest {
    static ClusterNames names;

    @BeforeAll
    static void render() throws Exception {
        assumeTrue(RenderedManifests.kubectl().isPresent(),
                "SKIPPED: kubectl (with its built-in kustomize) is not installed; scripts/test requires it");
        List<RenderedManifests> overlays = new ArrayList<>();
        for (Path overlay : RenderedManifests.overlays()) overlays.add(RenderedManifests.render(overlay));
        names = new ClusterNames(overlays);
    }

    static List<KubectlCommand> commands(Path file) throws Exception {
        return KubectlCommand.in(RenderedManifests.ROOT.relativize(file).toString(), Files.readString(file));
    }

    static List<String> problems(List<KubectlCommand> commands) {
        names.learnCreatedJobs(commands);
        List<String> problems = new ArrayList<>();
        for (KubectlCommand c : commands) {
            for (String p : names.problems(c, RenderedManifests.ROOT)) problems.add(c + "\n    -> " + p);
        }
        return problems;
    }

    @Test
    void every_kubectl_command_of_the_operations_doc_and_the_playbooks_names_what_the_manifests_render() throws Exception {
        List<KubectlCommand> all = new ArrayList<>(commands(RenderedManifests.ROOT.resolve("docs/operations.md")));
        assertThat(all).as("kubectl commands in docs/operations.md").hasSizeGreaterThan(40);
        try (var playbooks = Files.list(RenderedManifests.ROOT.resolve("docs/playbooks"))) {
            for (Path p : playbooks.filter(f -> f.toString().endsWith(".md")).sorted().toList()) all.addAll(commands(p));
        }
        assertThat(problems(all)).as("kubectl commands naming what deploy/kubernetes does not render").isEmpty();
    }

    @Test
    void the_operations_doc_gives_the_runbooks_verbs_against_both_deployments() throws Exception {
        String doc = Files.readString(RenderedManifests.ROOT.resolve("docs/operations.md"));
        for (String deployment : List.of("rgs-server", "lottery-hub")) {
            for (String verb : List.of("kubectl logs -n yantra deployment/", "kubectl scale deployment/", "kubectl rollout restart deployment/",
                    "kubectl rollout undo deployment/")) {
                assertThat(doc).contains(verb + deployment);
            }
        }
        assertThat(doc).contains("kubectl rollout status deployment/lottery-hub", "kubectl exec -n yantra statefulset/postgres -- pg_dump",
                "kubectl create job -n yantra rgs-reconcile-manual --from=cronjob/rgs-reconcile-daily");
    }

    @Test
    void a_command_of_the_original_runbook_fails_the_check_with_each_wrong_name() {
        List<KubectlCommand> original = KubectlCommand.in("fixture.md", """
                ```bash
                kubectl logs -n lotolink deployment/lotolink-backend --tail=100
                kubectl exec -n lotolink deployment/postgres -- \\
                  psql -U lotolink -c "SELECT 1"
                kubectl logs -n yantra -l app=lotolink-backend --all-containers
                kubectl apply -f security/block-ip.yaml
                kubectl create secret generic not-read-by-anything -n yantra
                kubectl logs -n yantra job/never-created
                ```
                and inline: `kubectl rollout undo deployment/yantra -n yantra`.
                """);
        assertThat(original).hasSize(7);
        assertThat(problems(original)).containsExactly(
                "fixture.md:2: kubectl logs -n lotolink deployment/lotolink-backend --tail=100\n    -> no Deployment named lotolink-backend in the rendered manifests",
                "fixture.md:2: kubectl logs -n lotolink deployment/lotolink-backend --tail=100\n    -> namespace lotolink, not yantra",
                "fixture.md:3: kubectl exec -n lotolink deployment/postgres --  psql -U lotolink -c \"SELECT 1\"\n    -> no Deployment named postgres in the rendered manifests",
                "fixture.md:3: kubectl exec -n lotolink deployment/postgres --  psql -U lotolink -c \"SELECT 1\"\n    -> namespace lotolink, not yantra",
                "fixture.md:5: kubectl logs -n yantra -l app=lotolink-backend --all-containers\n    -> no pod carries the labels app=lotolink-backend",
                "fixture.md:6: kubectl apply -f security/block-ip.yaml\n    -> applies a file instead of the kustomize overlays (kubectl apply -k deploy/kubernetes/overlays/<env>)",
                "fixture.md:6: kubectl apply -f security/block-ip.yaml\n    -> names no namespace (-n yantra)",
                "fixture.md:7: kubectl create secret generic not-read-by-anything -n yantra\n    -> no Secret named not-read-by-anything in the rendered manifests",
                "fixture.md:8: kubectl logs -n yantra job/never-created\n    -> no Job named never-created in the rendered manifests",
                "fixture.md:10: kubectl rollout undo deployment/yantra -n yantra\n    -> no Deployment named yantra in the rendered manifests");
    }
}
