package dev.yantra.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The core's own boundaries: it is what a certification lab reads and fuzzes alone, so it imports no Spring and no
 * class of the node, and its packages import each other without a cycle. The server's architecture test holds the
 * whole tree to the same no-cycle rule and proves, on a fixture, that the rule can fail.
 */
class CoreArchitectureTest {
    static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.yantra");

    @Test
    void the_core_imports_no_spring() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("the core is plain Java, readable and testable without a container");
        rule.check(CORE);
    }

    @Test
    void no_two_packages_of_the_core_import_each_other() {
        slices().matching("dev.yantra.(**)").should().beFreeOfCycles().check(CORE);
    }
}
