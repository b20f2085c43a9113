package dev.yantra.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable the code reads is in docs/configuration.md (YANTRA_ADMIN_TOKENS, YANTRA_MASTER_KEY,
 * DEMO_WALLET_PORT, RECONCILE_SOURCE_DIR and SHUTDOWN_GRACE_SECONDS were once read and documented nowhere). The
 * names are taken from the main sources of every module, in the ways the code reads a variable.
 */
class EnvironmentDocsTest {
    static final Pattern READ = Pattern.compile(
            "getenv\\(\"([A-Z][A-Z0-9_]+)\"\\)|Var\\(env, \"([A-Z][A-Z0-9_]+)\"|env\\.get(?:OrDefault)?\\(\"([A-Z][A-Z0-9_]+)\""
                    + "|VARIABLE = \"([A-Z][A-Z0-9_]+)\"");

    static Path root() {
        return Files.isDirectory(Path.of("docs")) ? Path.of(".") : Path.of("..");
    }

    static Set<String> variablesRead() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String module : new String[] {"core", "server", "demo-wallet", "demo-banca", "stripe-standin"}) {
            Path src = root().resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) continue;
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = READ.matcher(Files.readString(f));
                    while (m.find()) {
                        for (int g = 1; g <= m.groupCount(); g++) if (m.group(g) != null) names.add(m.group(g));
                    }
                }
            }
        }
        return names;
    }

    @Test
    void every_environment_variable_the_code_reads_is_documented_in_docs_configuration() throws IOException {
        Set<String> read = variablesRead();
        assertThat(read).as("variables found in the sources").contains("YANTRA_ADMIN_TOKENS", "YANTRA_MASTER_KEY",
                "DEMO_WALLET_PORT", "SHUTDOWN_GRACE_SECONDS", "WIN_INLINE_BUDGET_MS");
        String doc = Files.readString(root().resolve("docs/configuration.md"));
        Set<String> missing = new TreeSet<>();
        for (String v : read) if (!doc.contains("`" + v + "`") && !doc.contains(v + "`")) missing.add(v);
        assertThat(missing).as("read by the code but missing from docs/configuration.md").isEmpty();
    }
}
