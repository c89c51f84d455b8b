package routes;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import scanner.config.ScannerConfig;
import scanner.jobs.ProgressCache;

/**
 * Cached answers come from memory: the API follows each refresh of job_progress (by any process)
 * and the jobs whose stage changed since, a few times a second.
 */
public class JobProgressFollowRoutes extends RouteBuilder {

    @Override
    public void configure() {
        ScannerConfig config = Beans.of(getContext(), ScannerConfig.class);
        ProgressCache progressCache = Beans.of(getContext(), ProgressCache.class);
        fromF("timer:follow-job-progress?period=%d", config.cacheFollowInterval().toMillis()).routeId("api-follow-job-progress")
                .routeDescription("Loads each new refresh of job_progress into memory, and which jobs changed stage since")
                .doTry()
                    .bean(progressCache, "follow")
                .doCatch(Exception.class)
                    .log(LoggingLevel.DEBUG, "Could not follow job_progress: ${exception.message}")
                .end();
    }
}
