package dev.yantra.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The objects {@code kubectl kustomize <dir>} renders, offline, as parsed YAML documents. */
record RenderedManifests(Path dir, List<Map<String, Object>> objects) {
    static final Path ROOT = Path.of("..");
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");

    /** Every overlay under deploy/kubernetes/overlays, by directory name. */
    static List<Path> overlays() throws IOException {
        try (var dirs = Files.list(KUBERNETES.resolve("overlays"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted().toList();
        }
    }

    /** kubectl from PATH or /usr/bin (kubectl embeds kustomize); empty when it is not installed. */
    static Optional<Path> kubectl() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin").split(":")) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    static RenderedManifests render(Path dir) throws IOException, InterruptedException {
        Path kubectl = kubectl().orElseThrow(() -> new IllegalStateException("kubectl is not installed"));
        Path out = Files.createTempFile("kustomize", ".yaml");
        Path err = Files.createTempFile("kustomize", ".err");
        try {
            Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " took over 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " exited " + p.exitValue() + ": "
                        + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object doc : new Yaml(new LoaderOptions()).loadAll(Files.readString(out, StandardCharsets.UTF_8))) {
                if (doc == null) continue;
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) doc;
                objects.add(object);
            }
            return new RenderedManifests(dir, objects);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst();
    }

    static String name(Map<String, Object> object) {
        return String.valueOf(((Map<?, ?>) object.get("metadata")).get("name"));
    }

    @Override
    public String toString() {
        return dir.getFileName().toString();
    }
}
