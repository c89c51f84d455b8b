package routes;

import scanner.metrics.ScannerMetrics;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/** Samples what scrapes must not each pay for: the scan queue's depth and the jobs by status. */
public class MetricsRoutes extends RouteBuilder {

    @Override
    public void configure() {
        ScannerMetrics scannerMetrics = Beans.of(getContext(), ScannerMetrics.class);
        from("timer:sample-metrics?delay=0&period={{scanner.metrics.sample-interval}}")
                .routeId("sample-metrics")
                .routeDescription("Samples the scan queue's depth and the jobs by status for scanner_* metrics")
                .doTry()
                    .bean(scannerMetrics, "sample")
                .doCatch(Exception.class)
                    // the health checks say what is down; metrics keep their last sample
                    .log(LoggingLevel.DEBUG, "Metrics not sampled: ${exception.message}")
                .end();
    }
}
