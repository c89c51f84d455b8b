package scanner.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.Test;
import routes.ExecutionReconcileRoutes;
import routes.InProcessListingRoutes;
import routes.JobsApiRoutes;
import routes.ListingPageRoutes;
import routes.ProgressRefreshRoutes;
import routes.RestApiRoutes;
import routes.ScannerRoutes;
import routes.StepFunctionsTaskRoutes;
import scanner.RoutePlan;
import scanner.config.ScannerConfig.Role;

/** Which route builders a process runs follows from its roles and its run mode, chosen in one place. */
class RoutePlanTest {

    private static Set<Class<?>> builders(Set<Role> roles, RunMode mode) {
        List<RoutesBuilder> builders = RoutePlan.builders(roles, mode);
        return builders.stream().map(Object::getClass).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void each_role_brings_its_own_routes_only() {
        Set<Class<?>> api = builders(EnumSet.of(Role.API), new RunMode.Aws());
        assertTrue(api.contains(JobsApiRoutes.class));
        assertTrue(!api.contains(ScannerRoutes.class) && !api.contains(ListingPageRoutes.class)
                && !api.contains(ProgressRefreshRoutes.class), api.toString());

        Set<Class<?>> scanner = builders(EnumSet.of(Role.SCANNER), new RunMode.Aws());
        assertTrue(scanner.contains(ScannerRoutes.class));
        assertTrue(!scanner.contains(JobsApiRoutes.class) && !scanner.contains(RestApiRoutes.class), scanner.toString());
    }

    @Test
    void the_run_mode_chooses_how_listing_is_driven() {
        Set<Class<?>> inProcess = builders(EnumSet.of(Role.LISTER, Role.REFRESHER), new RunMode.Local());
        assertTrue(inProcess.contains(InProcessListingRoutes.class) && inProcess.contains(ListingPageRoutes.class));
        assertTrue(!inProcess.contains(StepFunctionsTaskRoutes.class) && !inProcess.contains(ExecutionReconcileRoutes.class));

        Set<Class<?>> stepFunctions = builders(EnumSet.of(Role.LISTER, Role.REFRESHER), new RunMode.AwsWithStepFunctions());
        assertTrue(stepFunctions.contains(StepFunctionsTaskRoutes.class) && stepFunctions.contains(ExecutionReconcileRoutes.class));
        assertTrue(stepFunctions.contains(ListingPageRoutes.class) && !stepFunctions.contains(InProcessListingRoutes.class));
    }

    @Test
    void the_rest_frame_comes_before_every_resource() {
        List<RoutesBuilder> all = RoutePlan.builders(EnumSet.allOf(Role.class), new RunMode.Local());
        assertEquals(RestApiRoutes.class, all.get(0).getClass());
    }
}
