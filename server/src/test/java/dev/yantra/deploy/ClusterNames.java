package dev.yantra.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a kubectl command may name: the objects the overlays render (in any of them), the labels of the pods they
 * run, the Secrets they read (created by hand, never rendered) and the Jobs the checked docs create from a CronJob.
 * {@link #problems} says what is wrong with one command, nothing when it names only what exists.
 */
final class ClusterNames {
    static final String NAMESPACE = "yantra";
    private static final Map<String, String> KINDS = new HashMap<>();

    static {
        alias("Deployment", "deployment", "deployments", "deploy");
        alias("StatefulSet", "statefulset", "statefulsets", "sts");
        alias("CronJob", "cronjob", "cronjobs", "cj");
        alias("Job", "job", "jobs");
        alias("Service", "service", "services", "svc");
        alias("ConfigMap", "configmap", "configmaps", "cm");
        alias("Secret", "secret", "secrets");
        alias("PodDisruptionBudget", "poddisruptionbudget", "poddisruptionbudgets", "pdb");
        alias("PersistentVolumeClaim", "persistentvolumeclaim", "persistentvolumeclaims", "pvc");
        alias("PodMonitor", "podmonitor", "podmonitors");
        alias("PrometheusRule", "prometheusrule", "prometheusrules");
        alias("Pod", "pod", "pods", "po");
    }

    private static void alias(String kind, String... names) {
        for (String n : names) KINDS.put(n, kind);
    }

    private final Map<String, Set<String>> names = new HashMap<>();
    private final List<Map<String, String>> podLabels = new ArrayList<>();
    private final Set<String> secrets = new HashSet<>();
    private final Set<String> createdJobs = new HashSet<>();

    ClusterNames(List<RenderedManifests> overlays) {
        for (RenderedManifests m : overlays) {
            for (Map<String, Object> o : m.objects()) {
                String kind = (String) o.get("kind");
                String name = RenderedManifests.name(o);
                Set<String> ofKind = names.computeIfAbsent(kind, k -> new HashSet<>());
                ofKind.add(name);
                // kustomize suffixes a generated ConfigMap with a content hash; docs name it without
                if (kind.equals("ConfigMap")) ofKind.add(name.replaceFirst("-[a-z0-9]{10}$", ""));
                collect(o);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void collect(Object node) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("secretKeyRef") instanceof Map<?, ?> ref) secrets.add(String.valueOf(ref.get("name")));
            if (map.get("secretName") instanceof String s) secrets.add(s);
            if (map.get("template") instanceof Map<?, ?> template && template.get("metadata") instanceof Map<?, ?> meta
                    && meta.get("labels") instanceof Map<?, ?> labels) {
                podLabels.add((Map<String, String>) labels);
            }
            map.values().forEach(this::collect);
        } else if (node instanceof List<?> list) {
            list.forEach(this::collect);
        }
    }

    /** Jobs that `kubectl create job NAME --from=cronjob/...` lines of the checked docs create. */
    void learnCreatedJobs(List<KubectlCommand> commands) {
        for (KubectlCommand c : commands) {
            List<String> w = c.words();
            if (w.size() > 3 && w.get(1).equals("create") && w.get(2).equals("job")) {
                w.subList(3, w.size()).stream().filter(x -> !x.startsWith("-") && !x.equals(NAMESPACE)).findFirst()
                        .ifPresent(createdJobs::add);
            }
        }
    }

    List<String> problems(KubectlCommand command, Path repoRoot) {
        List<String> problems = new ArrayList<>();
        List<String> w = command.words();
        if (w.size() < 3) return problems; // `kubectl` or `kubectl <verb>` named in prose
        String verb = w.get(1);
        if (verb.equals("kustomize") || (verb.equals("apply") && w.contains("-k"))) {
            int at = verb.equals("kustomize") ? 2 : w.indexOf("-k") + 1;
            if (at >= w.size()) return problems; // `kubectl apply -k` named in prose
            String dir = w.get(at);
            if (!Files.isRegularFile(repoRoot.resolve(dir).resolve("kustomization.yaml"))) problems.add("no kustomization in " + dir);
            return problems;
        }
        boolean takesFiles = Set.of("apply", "create", "replace", "delete", "patch").contains(verb); // logs -f is follow
        if (takesFiles && (w.contains("-f") || w.stream().anyMatch(x -> x.startsWith("--filename")))) {
            problems.add("applies a file instead of the kustomize overlays (kubectl apply -k deploy/kubernetes/overlays/<env>)");
        }
        String namespace = null;
        for (int i = 2; i < w.size(); i++) {
            String x = w.get(i);
            if ((x.equals("-n") || x.equals("--namespace")) && i + 1 < w.size()) namespace = w.get(++i);
            else if (x.startsWith("--namespace=")) namespace = x.substring("--namespace=".length());
            else if ((x.equals("-l") || x.equals("--selector")) && i + 1 < w.size()) selector(w.get(++i), problems);
            else if (x.startsWith("--selector=")) selector(x.substring("--selector=".length()), problems);
            else if (x.startsWith("--from=")) reference(x.substring("--from=".length()), problems);
            else if (x.equals("--")) break; // what follows runs inside the container
            else if (x.contains("/") && !x.startsWith("-") && KINDS.containsKey(x.substring(0, x.indexOf('/')).toLowerCase(Locale.ROOT))) {
                reference(x, problems);
            }
        }
        // `get deployment rgs-server`, `describe pod <pod-name>`, `create secret generic NAME`, `edit secret NAME`
        List<String> positional = positional(w);
        if (positional.size() >= 2 && KINDS.containsKey(positional.get(0)) && !positional.get(0).contains("/")) {
            String kind = KINDS.get(positional.get(0));
            String name = positional.get(1);
            if (verb.equals("create") && kind.equals("Secret") && positional.size() >= 3) name = positional.get(2);
            if (!(verb.equals("create") && kind.equals("Job"))) check(kind, name, problems);
        }
        if (namespace == null) problems.add("names no namespace (-n " + NAMESPACE + ")");
        else if (!namespace.equals(NAMESPACE)) problems.add("namespace " + namespace + ", not " + NAMESPACE);
        return problems;
    }

    /** The words after the verb that are neither flags nor flag values, up to {@code --}. */
    private static List<String> positional(List<String> w) {
        List<String> out = new ArrayList<>();
        for (int i = 2; i < w.size(); i++) {
            String x = w.get(i);
            if (x.equals("--")) break;
            if (x.equals("-n") || x.equals("--namespace") || x.equals("-l") || x.equals("--selector") || x.equals("-o")
                    || x.equals("-c") || x.equals("--container")) {
                i++;
                continue;
            }
            if (x.startsWith("-")) continue;
            out.add(x);
        }
        return out;
    }

    private void reference(String ref, List<String> problems) {
        int slash = ref.indexOf('/');
        String kind = KINDS.get(ref.substring(0, slash).toLowerCase(Locale.ROOT));
        if (kind == null) {
            problems.add("unknown kind in " + ref);
            return;
        }
        check(kind, ref.substring(slash + 1), problems);
    }

    private void check(String kind, String name, List<String> problems) {
        if (name.startsWith("<") && name.endsWith(">")) return; // a placeholder the reader fills: <pod-name>
        boolean exists = switch (kind) {
            case "Secret" -> secrets.contains(name);
            case "Job" -> createdJobs.contains(name);
            case "Pod" -> false; // pods have generated names: use a placeholder or a deployment
            default -> names.getOrDefault(kind, Set.of()).contains(name);
        };
        if (!exists) problems.add("no " + kind + " named " + name + " in the rendered manifests");
    }

    private void selector(String selector, List<String> problems) {
        Map<String, String> wanted = new HashMap<>();
        for (String term : selector.split(",")) {
            String[] kv = term.split("=", 2);
            if (kv.length != 2) {
                problems.add("selector term " + term + " is not key=value");
                return;
            }
            wanted.put(kv[0], kv[1]);
        }
        if (podLabels.stream().noneMatch(labels -> labels.entrySet().containsAll(wanted.entrySet()))) {
            problems.add("no pod carries the labels " + selector);
        }
    }
}
