package routes;

import org.apache.camel.model.rest.RestParamType;
import scanner.api.ApiRequests;
import scanner.api.JobsApi;

/** /buckets/{bucket}/findings: what a bucket holds now, across the runs that scanned it. */
public class BucketsApiRoutes extends ApiRouteBuilder {

    @Override
    public void configure() {
        ApiRequests requests = Beans.of(getContext(), ApiRequests.class);
        JobsApi jobs = Beans.of(getContext(), JobsApi.class);

        rest("/buckets")
                .get("/{bucket}/findings").id("scan-api-bucket-findings")
                    .description("A bucket's findings now: those of the latest completed run of each prefix scanned"
                            + " (where prefixes overlap, the newest run that saw the key), paged by cursor")
                    .produces("application/json")
                    .param().name("limit").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .param().name("cursor").type(RestParamType.query).required(false).endParam()
                    .to(uri("scan-api-bucket-findings"));

        endpoint("scan-api-bucket-findings", 200, request -> jobs.bucketFindings(header(request, "bucket"),
                requests.limit(header(request, "limit")), header(request, "cursor")));
    }
}
