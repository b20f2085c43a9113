package dev.yantra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one configuration tree ({@link EnvVars}) against docs/configuration.md, and its refusals of bad values. */
class ConfigurationTreeTest {
    static final Path DOC = Path.of("..", "docs", "configuration.md");
    static final String SECTION = "## Defaults and ranges";
    /** Read by the `yantra` launcher script before any JVM starts, so not by the tree. */
    static final Set<String> LAUNCHER_ONLY = Set.of("JAVA_HOME", "YANTRA_JAVA_OPTS", "YANTRA_LOG_LEVEL");

    @Test
    void the_doc_lists_every_variable_of_the_tree_with_its_default_and_range_in_the_same_order() throws IOException {
        String doc = Files.readString(DOC);
        int at = doc.indexOf(SECTION);
        assertThat(at).as("docs/configuration.md has a '" + SECTION + "' section").isNotNegative();
        String expected = table();
        String actual = doc.substring(at + SECTION.length()).lines().dropWhile(l -> !l.startsWith("|"))
                .takeWhile(l -> l.startsWith("|")).reduce("", (a, l) -> a + l + "\n");
        assertThat(actual).as("the section's table, written from EnvVars.ALL").isEqualTo(expected);
    }

    @Test
    void every_variable_the_doc_explains_is_in_the_tree_and_every_one_in_the_tree_is_explained() throws IOException {
        String doc = Files.readString(DOC);
        String explained = doc.substring(0, doc.indexOf(SECTION));
        Set<String> named = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\| ([^|]+)\\|").matcher(explained);
        while (m.find()) {
            Matcher v = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(m.group(1));
            while (v.find()) named.add(v.group(1));
        }
        Set<String> tree = new LinkedHashSet<>(EnvVars.ALL.stream().map(EnvVar::name).toList());
        assertThat(named).as("variables docs/configuration.md explains that the tree does not read")
                .allMatch(n -> tree.contains(n) || LAUNCHER_ONLY.contains(n));
        assertThat(tree).as("variables of the tree that docs/configuration.md does not explain").allMatch(named::contains);
    }

    @Test
    void each_variable_is_declared_once() {
        List<String> names = EnvVars.ALL.stream().map(EnvVar::name).toList();
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void a_whole_number_outside_its_range_or_not_a_number_is_refused_with_the_variable_and_the_value_named() {
        for (EnvVar v : EnvVars.ALL) {
            if (!(v instanceof EnvVar.Int i)) continue;
            for (String bad : List.of(String.valueOf((long) i.max() + 1), String.valueOf((long) i.min() - 1), "twelve")) {
                assertThatThrownBy(() -> i.readOptional(Map.of(i.name(), bad)))
                        .isInstanceOf(UsageException.class).hasMessageContaining(i.name()).hasMessageContaining(bad)
                        .hasMessageContaining(i.rangeText());
            }
            assertThat(i.readOptional(Map.of(i.name(), " " + i.max() + " "))).hasValue(i.max());
        }
    }

    @Test
    void the_node_refuses_to_start_on_a_bad_value_naming_the_variable_and_the_value() {
        assertThatThrownBy(() -> YantraEnv.from(Map.of("PENDING_JOB_CONCURRENCY", "2000")))
                .isInstanceOf(UsageException.class).hasMessage("PENDING_JOB_CONCURRENCY must be in 1..1024, was 2000");
        assertThatThrownBy(() -> YantraEnv.from(Map.of("LOG_FORMAT", "xml")))
                .isInstanceOf(UsageException.class).hasMessage("LOG_FORMAT must be text or json, was 'xml'");
        assertThatThrownBy(() -> YantraEnv.from(Map.of("YANTRA_CLOCK_OFFSET_MS", "soon")))
                .isInstanceOf(UsageException.class).hasMessageContaining("YANTRA_CLOCK_OFFSET_MS").hasMessageContaining("soon");
        assertThatThrownBy(() -> dev.yantra.breaker.BreakerSettings.fromEnv(Map.of("BREAKER_WINDOW_CALLS", "1")))
                .isInstanceOf(UsageException.class).hasMessage("BREAKER_WINDOW_CALLS must be in 2..1000, was 1");
    }

    @Test
    void unset_or_blank_variables_take_their_named_defaults() {
        YantraEnv env = YantraEnv.from(Map.of("PORT", "  "));
        assertThat(env.port()).isEqualTo(EnvVars.PORT.defaultValue());
        assertThat(env.pendingJobConcurrency()).isEqualTo(EnvVars.PENDING_JOB_CONCURRENCY.defaultValue());
        assertThat(env.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(NodeClock.of(Map.of()).getZone()).isEqualTo(java.time.ZoneOffset.UTC);
    }

    @Test
    void the_clock_offset_moves_the_node_clock_only_when_set() {
        long plain = NodeClock.of(Map.of()).millis();
        long ahead = NodeClock.of(Map.of("YANTRA_CLOCK_OFFSET_MS", "3600000")).millis();
        assertThat(ahead - plain).isBetween(3_590_000L, 3_610_000L);
    }

    /** The table docs/configuration.md must carry, written from the tree. */
    static String table() {
        List<String> rows = new ArrayList<>();
        rows.add("| variable | default | range |");
        rows.add("|---|---|---|");
        for (EnvVar v : EnvVars.ALL) rows.add("| `" + v.name() + "` | " + v.defaultText() + " | " + v.rangeText() + " |");
        return String.join("\n", rows) + "\n";
    }
}
