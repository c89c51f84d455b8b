package routes;

import java.util.UUID;
import org.apache.camel.model.rest.RestParamType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scanner.api.ApiRequests;
import scanner.api.JobsApi;

/** /jobs: the jobs, each job's status (the dashboards' poll), findings, objects; and aborting one. */
public class JobsApiRoutes extends ApiRouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("scan-api-abort-job");

    @Override
    public void configure() {
        ApiRequests requests = Beans.of(getContext(), ApiRequests.class);
        JobsApi jobs = Beans.of(getContext(), JobsApi.class);

        rest("/jobs")
                .get().id("scan-api-list-jobs")
                    .description("Jobs, newest first, filtered by status, paged by cursor")
                    .produces("application/json")
                    .param().name("status").type(RestParamType.query).required(false)
                        .description("listing, processing, completed, failed or aborted").endParam()
                    .param().name("limit").type(RestParamType.query).required(false).dataType("integer")
                        .description("1-1000, default 100").endParam()
                    .param().name("cursor").type(RestParamType.query).required(false)
                        .description("next_cursor of the previous page").endParam()
                    .to(uri("scan-api-list-jobs"))
                .get("/{job_id}").id("scan-api-get-job")
                    .description("A scan job's status: cached by default, real_time=true for live counts")
                    .produces("application/json")
                    .param().name("real_time").type(RestParamType.query).required(false).dataType("boolean")
                        .description("true for counts read from the tables now").endParam()
                    .to(uri("scan-api-get-job"))
                .get("/{job_id}/findings").id("scan-api-get-findings")
                    .description("A job's findings (masked), filtered by key and detector, paged by cursor. Each names"
                            + " its object (key) and where in it the text was (location: the key itself, or the path"
                            + " inside an archive or document such as exports.zip!/2024/customers.csv); line and offset"
                            + " count within that text")
                    .produces("application/json")
                    .param().name("key").type(RestParamType.query).required(false).description("an object key").endParam()
                    .param().name("detector").type(RestParamType.query).required(false).description("a detector id, e.g. US_SSN").endParam()
                    .param().name("limit").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .param().name("cursor").type(RestParamType.query).required(false).endParam()
                    .to(uri("scan-api-get-findings"))
                .get("/{job_id}/detectors").id("scan-api-get-detectors")
                    .description("A job's findings counted by detector, most first")
                    .produces("application/json")
                    .to(uri("scan-api-get-detectors"))
                .get("/{job_id}/objects").id("scan-api-get-objects")
                    .description("A job's objects, filtered by status; failed ones carry their reason (too large,"
                            + " encrypted, zip bomb, unsupported format, cannot read object); findings_truncated and"
                            + " findings_dropped say when an object held more findings than the cap")
                    .produces("application/json")
                    .param().name("status").type(RestParamType.query).required(false)
                        .description("queued, processing, succeeded or failed").endParam()
                    .param().name("limit").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .param().name("cursor").type(RestParamType.query).required(false).endParam()
                    .to(uri("scan-api-get-objects"))
                .get("/{job_id}/deleted-objects").id("scan-api-get-deleted-objects")
                    .description("An incremental run's deleted objects: those of its baseline gone from the bucket"
                            + " when the run listed it (their findings are not carried over). 409 not_incremental for"
                            + " a run without a baseline, 409 listing_in_progress until the listing ends, 409 listing_incomplete when it never"
                            + " finished (aborted, failed)")
                    .produces("application/json")
                    .param().name("limit").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .param().name("cursor").type(RestParamType.query).required(false).endParam()
                    .to(uri("scan-api-get-deleted-objects"))
                .post("/{job_id}/abort").id("scan-api-abort-job")
                    .description("Stop a job: listing ends at once, queued objects are never scanned")
                    .produces("application/json")
                    .to(uri("scan-api-abort-job"));

        endpoint("scan-api-list-jobs", 200, request -> jobs.jobs(requests.jobStatus(header(request, "status")),
                requests.limit(header(request, "limit")), header(request, "cursor")));

        endpoint("scan-api-get-job", 200, request -> jobs.status(requests.jobId(header(request, "job_id")),
                requests.realTime(header(request, "real_time"))));

        endpoint("scan-api-get-findings", 200, request -> jobs.findings(requests.jobId(header(request, "job_id")),
                requests.limit(header(request, "limit")), header(request, "cursor"),
                requests.key(header(request, "key")), requests.detector(header(request, "detector"))));

        endpoint("scan-api-get-detectors", 200, request -> jobs.detectors(requests.jobId(header(request, "job_id"))));

        endpoint("scan-api-get-objects", 200, request -> jobs.objects(requests.jobId(header(request, "job_id")),
                requests.limit(header(request, "limit")), header(request, "cursor"),
                requests.objectStatus(header(request, "status"))));

        endpoint("scan-api-get-deleted-objects", 200, request -> jobs.deletedObjects(requests.jobId(header(request, "job_id")),
                requests.limit(header(request, "limit")), header(request, "cursor")));

        endpoint("scan-api-abort-job", 202, request -> {
            UUID jobId = requests.jobId(header(request, "job_id"));
            Object aborted = jobs.abort(jobId);
            LOG.info("Job {} aborted", jobId);
            return aborted;
        });
    }
}
