package routes;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import scanner.config.ScannerConfig;

/** The REST API on platform-http: start a scan, read a job's status. */
public class ScanApiRoutes extends RouteBuilder {

    @Override
    public void configure() {
        ScannerConfig config = getContext().getRegistry().lookupByNameAndType("scannerConfig", ScannerConfig.class);
        if (!config.hasRole(ScannerConfig.Role.API)) {
            return;
        }

        restConfiguration()
                .component("platform-http")
                .bindingMode(RestBindingMode.off); // bodies are validated by hand, to name each problem

        rest()
                .post("/scan").id("scan-api-post-scan")
                    .description("Start scanning a bucket, or a prefix of it")
                    .consumes("application/json").produces("application/json")
                    .to("direct:start-scan")
                .get("/jobs/{job_id}").id("scan-api-get-job")
                    .description("A scan job's status: cached by default, real_time=true for live counts")
                    .produces("application/json")
                    .to("direct:job-status");

        from("direct:start-scan").routeId("start-scan")
                .routeConfigurationId(ErrorPolicies.API)
                .setBody(method("apiRequests", "scanRequest(${bodyAs(String)})"))
                .setBody(method("jobsApi", "startScan"))
                .log("Scan ${body.jobId} of s3://${body.bucket}/${body.prefix} accepted")
                .marshal().json()
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(202))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));

        from("direct:job-status").routeId("job-status")
                .routeConfigurationId(ErrorPolicies.API)
                .setProperty("jobId", method("apiRequests", "jobId(${header.job_id})"))
                .setProperty("realTime", method("apiRequests", "realTime(${header.real_time})"))
                .setBody(method("jobsApi", "status(${exchangeProperty.jobId}, ${exchangeProperty.realTime})"))
                .marshal().json()
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }
}
