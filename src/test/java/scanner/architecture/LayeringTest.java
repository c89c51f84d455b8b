package scanner.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The house plan of docs/architecture.md, enforced: wiring on top, then the routes, the API, the
 * stages in the order data flows (listing, scanning, the jobs' state), the content readers
 * (formats, detectors), the adapters (AWS, database, health), and the settings at the bottom. A
 * class may use its own layer and the layers below it, never one above.
 */
class LayeringTest {

    /** Top to bottom. */
    static final List<String[]> LAYERS = List.of(
            new String[] {"scanner", "scanner.wiring.."},
            new String[] {"routes.."},
            new String[] {"scanner.api..", "scanner.metrics.."},
            new String[] {"scanner.listing.."},
            new String[] {"scanner.scan.."},
            new String[] {"scanner.jobs.."},
            new String[] {"scanner.formats.."},
            new String[] {"scanner.detect.."},
            new String[] {"scanner.aws..", "scanner.db..", "scanner.health..", "scanner.local.."},
            new String[] {"scanner.config.."});

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("scanner", "routes");

    @Test
    void no_dependency_points_up_a_layer() {
        for (int i = 1; i < LAYERS.size(); i++) {
            List<String> above = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                above.addAll(Arrays.asList(LAYERS.get(j)));
            }
            noClasses().that().resideInAnyPackage(LAYERS.get(i))
                    .should().dependOnClassesThat().resideInAnyPackage(above.toArray(String[]::new))
                    .because("docs/architecture.md: a layer uses only the layers below it")
                    .check(CLASSES);
        }
    }

    @Test
    void every_class_sits_in_a_layer() {
        List<String> all = new ArrayList<>();
        LAYERS.forEach(l -> all.addAll(Arrays.asList(l)));
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().should().resideInAnyPackage(all.toArray(String[]::new))
                .because("a new package takes its place in docs/architecture.md and in this test")
                .check(CLASSES);
    }

    @Test
    void the_stages_have_no_cycles() {
        slices().matching("scanner.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** Settings are a leaf: they read properties, nothing else of the application. */
    @Test
    void settings_depend_on_nothing_of_the_application() {
        noClasses().that().resideInAPackage("scanner.config..")
                .should().dependOnClassesThat().resideInAnyPackage("routes..", "scanner", "scanner.wiring..", "scanner.api..",
                        "scanner.metrics..", "scanner.listing..", "scanner.scan..", "scanner.jobs..", "scanner.formats..",
                        "scanner.detect..", "scanner.aws..", "scanner.db..", "scanner.health..", "scanner.local..")
                .check(CLASSES);
    }

    /** Routes reach the wiring's objects by type: no bean named in a string (bean("x"), method("x"), ${bean:x}, ...Ref("x")). */
    @Test
    void routes_reach_beans_by_type_never_by_name() throws java.io.IOException {
        java.util.regex.Pattern byName = java.util.regex.Pattern.compile(
                "(?:\\bbean|\\bmethod)\\(\"[a-z]|\\$\\{bean:|Ref\\(\"|lookupByName|\"ref:|\"bean:");
        List<String> found = new ArrayList<>();
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/java/routes"))) {
            for (java.nio.file.Path file : files.toList()) {
                List<String> lines = java.nio.file.Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (byName.matcher(lines.get(i)).find()) {
                        found.add(file.getFileName() + ":" + (i + 1) + " " + lines.get(i).strip());
                    }
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), found);
    }

    /** The application chooses route builders by role and run mode (RoutePlan); no builder asks either. */
    @Test
    void route_builders_do_not_ask_for_roles_or_the_run_mode() {
        noClasses().that().resideInAPackage("routes..")
                .should().callMethod(scanner.config.ScannerConfig.class, "hasRole", scanner.config.ScannerConfig.Role.class)
                .orShould().callMethod(scanner.config.ScannerConfig.class, "usesStepFunctions")
                .orShould().callMethod(scanner.config.ScannerConfig.class, "isLocal")
                .orShould().callMethod(scanner.config.ScannerConfig.class, "mode")
                .orShould().callMethod(scanner.config.ScannerConfig.class, "roles")
                .because("RoutePlan picks the builders a process runs, RunMode what differs between modes")
                .check(CLASSES);
    }
}
