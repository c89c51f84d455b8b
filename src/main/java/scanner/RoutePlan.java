package scanner;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import routes.BucketsApiRoutes;
import routes.DashboardRoutes;
import routes.DeadLettersApiRoutes;
import routes.HealthApiRoutes;
import routes.JobProgressFollowRoutes;
import routes.JobsApiRoutes;
import routes.ListingPageRoutes;
import routes.LostWorkRoutes;
import routes.MetricsRoutes;
import routes.ProgressRefreshRoutes;
import routes.RestApiRoutes;
import routes.ScannerHeartbeatRoutes;
import routes.ScannerRoutes;
import routes.ScansApiRoutes;
import routes.ScheduleFiringRoutes;
import routes.SchedulesApiRoutes;
import scanner.config.ScannerConfig;
import scanner.config.ScannerConfig.Role;
import scanner.wiring.RunMode;

/**
 * Which route builders this process runs: chosen here, once, by its roles (SCANNER_ROLES) and its
 * run mode, so that no route builder asks either. Added after the wiring has bound its beans.
 */
public final class RoutePlan implements RoutesBuilder {

    /** The builders for these roles in this mode, in the order they must be added (the REST frame first). */
    public static List<RoutesBuilder> builders(Set<Role> roles, RunMode mode) {
        List<RoutesBuilder> builders = new ArrayList<>();
        if (roles.contains(Role.API)) {
            builders.addAll(List.of(new RestApiRoutes(), new ScansApiRoutes(), new JobsApiRoutes(), new BucketsApiRoutes(),
                    new SchedulesApiRoutes(), new DeadLettersApiRoutes(), new HealthApiRoutes(), new JobProgressFollowRoutes(),
                    new DashboardRoutes()));
        }
        if (roles.contains(Role.LISTER)) {
            builders.add(new ListingPageRoutes());
            builders.addAll(mode.listingRoutes());
            builders.addAll(List.of(new ScheduleFiringRoutes(), new LostWorkRoutes()));
        }
        if (roles.contains(Role.SCANNER)) {
            builders.addAll(List.of(new ScannerRoutes(), new ScannerHeartbeatRoutes()));
        }
        if (roles.contains(Role.REFRESHER)) {
            builders.add(new ProgressRefreshRoutes());
            builders.addAll(mode.refresherRoutes());
        }
        builders.add(new MetricsRoutes());
        return builders;
    }

    @Override
    public void addRoutesToCamelContext(CamelContext context) throws Exception {
        ScannerConfig config = context.getRegistry().findSingleByType(ScannerConfig.class);
        RunMode mode = context.getRegistry().findSingleByType(RunMode.class);
        for (RoutesBuilder builder : builders(config.roles(), mode)) {
            builder.addRoutesToCamelContext(context);
        }
    }

    @Override
    public void addTemplatedRoutesToCamelContext(CamelContext context) {
        // no route templates
    }

    @Override
    public Set<String> updateRoutesToCamelContext(CamelContext context) {
        return Set.of(); // routes are not reloaded
    }
}
