package dev.yantra.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.yantra.api.endpoints.OpenApiController;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served OpenAPI document passes a real linter: Redocly CLI (npm @redocly/cli) with the repository's
 * redocly.yaml. scripts/test installs it (scripts/openapi-lint) and hands its path over as YANTRA_REDOCLY. Without
 * it the test is skipped, except where CI is set or YANTRA_REQUIRE_OPENAPI_LINT=1: there a missing linter fails.
 */
class OpenApiLintTest {

    static Path linter() {
        String configured = System.getenv("YANTRA_REDOCLY");
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        String cache = System.getenv().getOrDefault("YANTRA_TOOLS_CACHE", System.getProperty("user.home") + "/.cache/yantra");
        return Path.of(cache, "redocly-2.77.0", "node_modules", ".bin", "redocly");
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("YANTRA_REQUIRE_OPENAPI_LINT"));
    }

    static Path config() {
        for (Path p : List.of(Path.of("redocly.yaml"), Path.of("..", "redocly.yaml"))) {
            if (Files.isRegularFile(p)) return p.toAbsolutePath();
        }
        throw new AssertionError("redocly.yaml not found at the repository root");
    }

    @Test
    void the_openapi_document_passes_redocly_lint_with_the_recommended_rules(@TempDir Path dir) throws Exception {
        Path linter = linter();
        if (!Files.isExecutable(linter)) {
            assertThat(required()).as("no OpenAPI linter at " + linter + " (scripts/openapi-lint installs it)").isFalse();
            assumeThat(false).as("no OpenAPI linter at " + linter + "; scripts/test installs it").isTrue();
        }
        Path doc = dir.resolve("openapi.json");
        try (InputStream in = OpenApiController.class.getResourceAsStream("/openapi/yantra-operator-api.json")) {
            assertThat(in).isNotNull();
            Files.write(doc, in.readAllBytes());
        }
        ProcessBuilder pb = new ProcessBuilder(linter.toString(), "lint", "--config", config().toString(), "--format=summary",
                doc.toString()).redirectErrorStream(true);
        pb.environment().put("NO_UPDATE_NOTIFIER", "1");
        pb.environment().put("REDOCLY_TELEMETRY", "off");
        Process p = pb.start();
        String out = read(p.getInputStream());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("redocly finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as(out).contains("Your API description is valid").doesNotContainPattern("(?m)^error\\s");
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
