package routes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scanner.api.ApiRequests;
import scanner.api.JobsApi;
import scanner.api.ScanAccepted;

/** POST /scan: a new job; its listing begins as the run mode has it (see ListingLauncher). */
public class ScansApiRoutes extends ApiRouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("scan-api-post-scan");

    @Override
    public void configure() {
        ApiRequests requests = Beans.of(getContext(), ApiRequests.class);
        JobsApi jobs = Beans.of(getContext(), JobsApi.class);

        rest()
                .post("/scan").id("scan-api-post-scan")
                    .description("Start scanning a bucket, or a prefix of it")
                    .consumes("application/json").produces("application/json")
                    .to(uri("scan-api-post-scan"));

        endpoint("scan-api-post-scan", 202, request -> {
            ScanAccepted accepted = jobs.startScan(requests.scanRequest(request.getBody(String.class)));
            LOG.info("Scan {} of s3://{}/{} accepted", accepted.jobId(), accepted.bucket(), accepted.prefix());
            return accepted;
        });
    }
}
