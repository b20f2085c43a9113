package dev.yantra.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules the build keeps (docs/ARCHITECTURE.md, "Package rules"), checked on the compiled main classes of
 * every module: no package cycles, shared mechanisms that import no feature, and a feature's sub-packages kept to
 * itself. Each exception is listed here with its reason, so a new one is a visible decision rather than drift.
 */
class ArchitectureTest {
    /** Every class of every module's main tree (core, the demo peers and the node), none of the tests. */
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.yantra");

    /** Each package is its own slice, so any two packages that import each other (directly or round a loop) fail. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.yantra.(**)").should().beFreeOfCycles();

    /**
     * The rooms every feature builds on. They may import each other (without a cycle) but no feature: a mechanism
     * that reached into a feature would tie every other feature to it.
     */
    static final String[] SHARED = {
            "dev.yantra.admin", "dev.yantra.api", "dev.yantra.breaker", "dev.yantra.cli", "dev.yantra.config",
            "dev.yantra.counterparty", "dev.yantra.db", "dev.yantra.edge", "dev.yantra.jobs", "dev.yantra.security",
            "dev.yantra.server", "dev.yantra.signing", "dev.yantra.wallet.protocol", "dev.yantra.ops",
    };

    /** The mechanisms the rule below holds to; api, cli, edge and the rest of {@link #SHARED} are held by the cycle rule. */
    static final String[] MECHANISMS = {
            "dev.yantra.counterparty", "dev.yantra.signing", "dev.yantra.jobs", "dev.yantra.breaker", "dev.yantra.db",
            "dev.yantra.config", "dev.yantra.admin", "dev.yantra.cli", "dev.yantra.api", "dev.yantra.edge",
            "dev.yantra.security",
    };

    /**
     * Classes of a mechanism that may reach into a feature, each with why. None: the wallet's queue, which calls the
     * wallet, settles bets and reads the control plane, is the feature {@code walletjobs} on top of the {@code jobs}
     * mechanism, not a part of it. A new entry here is a decision to argue in its reason.
     */
    static final Map<String, String> MECHANISM_EXCEPTIONS = Map.of();

    static final ArchRule MECHANISMS_IMPORT_NO_FEATURE = noClasses()
            .that().resideInAnyPackage(packages(MECHANISMS))
            .and(not(JavaClass.Predicates.belongToAnyOf(exceptionClasses())))
            .should().dependOnClassesThat(resideInAPackage("dev.yantra..").and(not(resideInAnyPackage(packages(SHARED)))))
            .because("a shared mechanism is imported by features, so it must not import one");

    /**
     * Namespaces whose second level are the features (each {@code lottery.x} and {@code ops.x} is a room of its own);
     * everywhere else the feature is the first level under {@code dev.yantra}.
     */
    static final String[] NAMESPACES = {"lottery", "ops"};

    /** Sub-packages other features may import, each with why: they are published APIs, not internals. */
    static final Map<String, String> PUBLISHED_SUBPACKAGES = Map.of(
            "dev.yantra.wallet.protocol", "the core's wallet vocabulary (RS codes, classification), shared by design",
            "dev.yantra.round.port", "the table engine's ports: the features it needs implement them",
            "dev.yantra.fairness.web", "the RNG self-test gates readiness, which the round wiring waits for",
            "dev.yantra.games.ketapola", "the table game reads the Ketapola config shape to build its payout table",
            "dev.yantra.api.endpoints", "none imports it; listed so the rule reads the api room's own sub-package as its own");

    /**
     * The rooms that assemble features and so may import their sub-packages: the {@code yantra} command list and the
     * lottery's share of it.
     */
    static final Map<String, String> ASSEMBLIES = Map.of(
            "dev.yantra.app", "the yantra command list names every feature's commands, wherever they live",
            "dev.yantra.lottery.cli", "the yantra lottery command list names the lottery rooms' commands");

    static final ArchRule FEATURE_SUBPACKAGES_ARE_INTERNAL = featureSubPackagesAreInternal("dev.yantra");

    /** The internals rule for the features under {@code root} (the main code's root, or a fixture's). */
    static ArchRule featureSubPackagesAreInternal(String root) {
        return ArchRuleDefinition.classes()
                .that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackages(ASSEMBLIES.keySet().toArray(String[]::new))
                .should(importNoOtherFeaturesSubPackage(root))
                .because("a feature's API is the public types of its root package; its sub-packages are its own");
    }

    /** Where the JVM's wall clock may be read, each with why; everything else takes the injected {@link java.time.Clock}. */
    static final Map<String, String> WALL_CLOCK_ALLOWED = Map.of(
            "dev.yantra.config.NodeClock", "the node's one clock: UTC shifted by YANTRA_CLOCK_OFFSET_MS when set",
            "dev.yantra.demowallet..", "the demo wallet, a test double in its own process, keeps its own clock",
            "dev.yantra.demobanca..", "the demo banca, a test double in its own process, keeps its own clock",
            "dev.yantra.stripestandin..", "the Stripe stand-in, a test double in its own process, keeps its own clock");

    static final ArchRule ONE_CLOCK = noClasses()
            .that(not(allowedToReadTheWallClock()))
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .orShould().callMethod(Clock.class, "system", ZoneId.class)
            .orShould().callMethod(LocalDate.class, "now").orShould().callMethod(LocalDate.class, "now", ZoneId.class)
            .orShould().callMethod(LocalDateTime.class, "now").orShould().callMethod(LocalDateTime.class, "now", ZoneId.class)
            .orShould().callMethod(LocalTime.class, "now").orShould().callMethod(LocalTime.class, "now", ZoneId.class)
            .orShould().callMethod(OffsetDateTime.class, "now").orShould().callMethod(OffsetDateTime.class, "now", ZoneId.class)
            .orShould().callMethod(ZonedDateTime.class, "now").orShould().callMethod(ZonedDateTime.class, "now", ZoneId.class)
            .orShould().callConstructor(Date.class)
            .because("one injected clock, so a test or a chaos run can move it and every reader agrees; intervals use nanoTime");

    static final ArchRule ONE_ENVIRONMENT_READER = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.yantra.config.EnvVars")
            .should().callMethod(System.class, "getenv").orShould().callMethod(System.class, "getenv", String.class)
            .because("every variable is declared once in config.EnvVars, with its default and range, and read through it");

    @Test
    void only_the_configuration_tree_reads_the_process_environment() {
        ONE_ENVIRONMENT_READER.check(MAIN);
    }

    @Test
    void the_main_code_reads_the_wall_clock_only_through_the_one_injected_clock() {
        ONE_CLOCK.check(MAIN);
    }

    @Test
    void the_clock_rule_fails_on_a_fixture_that_reads_the_jvm_clock() {
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.yantra.architecture.fixture.clock");
        assertThatThrownBy(() -> ONE_CLOCK.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Instant.now()")
                .hasMessageContaining("System.currentTimeMillis()");
    }

    private static DescribedPredicate<JavaClass> allowedToReadTheWallClock() {
        return DescribedPredicate.describe("allowed to read the wall clock", c -> WALL_CLOCK_ALLOWED.keySet().stream()
                .anyMatch(a -> a.endsWith("..") ? (c.getPackageName() + ".").startsWith(a.substring(0, a.length() - 1))
                        : c.getName().equals(a) || c.getName().startsWith(a + "$")));
    }

    @Test
    void no_two_packages_of_the_main_code_import_each_other_even_round_a_loop() {
        NO_PACKAGE_CYCLES.check(MAIN);
    }

    @Test
    void the_no_cycle_rule_fails_on_a_fixture_with_a_deliberate_cycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.yantra.architecture.fixture.cycle");
        assertThat(fixture.contain("dev.yantra.architecture.fixture.cycle.left.Left")).isTrue();
        assertThatThrownBy(() -> NO_PACKAGE_CYCLES.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("fixture.cycle.left")
                .hasMessageContaining("fixture.cycle.right");
    }

    @Test
    void the_shared_mechanisms_import_no_feature_package() {
        MECHANISMS_IMPORT_NO_FEATURE.check(MAIN);
    }

    @Test
    void every_listed_exception_names_a_class_or_package_that_exists() {
        assertThat(MECHANISM_EXCEPTIONS.keySet()).allSatisfy(name -> assertThat(MAIN.contain(name)).as(name).isTrue());
        assertThat(PUBLISHED_SUBPACKAGES.keySet()).allSatisfy(p -> assertThat(MAIN.containPackage(p)).as(p).isTrue());
        assertThat(ASSEMBLIES.keySet()).allSatisfy(p -> assertThat(MAIN.containPackage(p)).as(p).isTrue());
    }

    @Test
    void no_feature_imports_another_features_sub_package() {
        FEATURE_SUBPACKAGES_ARE_INTERNAL.check(MAIN);
    }

    @Test
    void the_internals_rule_fails_when_a_feature_imports_another_features_sub_package() {
        String root = "dev.yantra.architecture.fixture.internals";
        JavaClasses fixture = new ClassFileImporter().importPackages(root);
        assertThat(fixture.contain(root + ".intruder.Intruder")).isTrue();
        assertThatThrownBy(() -> featureSubPackagesAreInternal(root).check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("fixture.internals.intruder")
                .hasMessageContaining("fixture.internals.owner.hidden");
    }

    @Test
    void every_package_of_the_main_code_says_what_it_owns_in_a_package_info() throws IOException {
        // javac writes no class for a package-info without annotations, so the sources are read instead.
        List<Path> missing = new ArrayList<>();
        for (String module : List.of("core", "server", "demo-wallet", "demo-banca", "stripe-standin")) {
            Path src = Path.of("..", module, "src", "main", "java");
            assertThat(src).as("main sources of " + module + " (the test runs in the server module)").isDirectory();
            try (Stream<Path> files = Files.walk(src)) {
                files.filter(f -> f.toString().endsWith(".java")).map(Path::getParent).distinct()
                        .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
                        .forEach(missing::add);
            }
        }
        assertThat(missing).isEmpty();
    }

    private static String[] packages(String[] roots) {
        String[] out = new String[roots.length];
        for (int i = 0; i < roots.length; i++) out[i] = roots[i] + "..";
        return out;
    }

    private static Class<?>[] exceptionClasses() {
        return MECHANISM_EXCEPTIONS.keySet().stream().map(ArchitectureTest::load).toArray(Class<?>[]::new);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ArchitectureTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("an exception to the mechanism rule names a class that does not exist: " + name, e);
        }
    }

    /**
     * The feature a package belongs to, under {@code root}: dev.yantra.round.port → dev.yantra.round,
     * dev.yantra.lottery.results.source → dev.yantra.lottery.results (a namespace's features are one level deeper).
     */
    static String featureOf(String root, String pkg) {
        if (!pkg.startsWith(root + ".")) return pkg;
        String[] rest = pkg.substring(root.length() + 1).split("\\.");
        int depth = List.of(NAMESPACES).contains(rest[0]) && rest.length >= 2 ? 2 : 1;
        return root + "." + String.join(".", Arrays.copyOf(rest, depth));
    }

    private static ArchCondition<JavaClass> importNoOtherFeaturesSubPackage(String root) {
        return new ArchCondition<>("import no other feature's sub-package") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String from = featureOf(root, item.getPackageName());
                for (Dependency d : item.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    if (!target.startsWith(root + ".")) continue;
                    String feature = featureOf(root, target);
                    boolean internal = !feature.equals(target);
                    if (!internal || feature.equals(from) || published(target)) continue;
                    events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                }
            }
        };
    }

    private static boolean published(String pkg) {
        return PUBLISHED_SUBPACKAGES.keySet().stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
    }
}
