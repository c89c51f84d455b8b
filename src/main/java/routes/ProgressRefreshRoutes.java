package routes;

import scanner.metrics.ScannerMetrics;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import scanner.config.ScannerConfig;

/** Refreshes the job_progress materialized view on a schedule and records when and how long. */
public class ProgressRefreshRoutes extends RouteBuilder {

    @Override
    public void configure() {
        ScannerConfig config = Beans.of(getContext(), ScannerConfig.class);
        ScannerMetrics scannerMetrics = Beans.of(getContext(), ScannerMetrics.class);

        // stateful: a slow refresh is never overlapped by the next one in this process; the
        // function's advisory lock does the same across processes.
        fromF("quartz://scanner/refresh-job-progress?trigger.repeatInterval=%d&trigger.repeatCount=-1&stateful=true",
                config.refreshInterval().toMillis())
                .routeId("refresh-job-progress")
                .routeDescription("Refreshes the job_progress view that cached GET /jobs/{id} answers from")
                .to("sql:SELECT refreshed_at, duration_ms FROM refresh_job_progress()?outputType=SelectOne")
                .choice()
                    .when(body().isNull())
                        .log(LoggingLevel.DEBUG, "job_progress is being refreshed by another process")
                    .otherwise()
                        .log(LoggingLevel.DEBUG, "job_progress refreshed in ${body[duration_ms]} ms")
                        .bean(scannerMetrics, "refreshed(${body[duration_ms]})");
    }
}
