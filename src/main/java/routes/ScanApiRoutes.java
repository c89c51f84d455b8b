package routes;

import scanner.jobs.ProgressCache;

import scanner.api.JobsApi;

import scanner.api.Health;

import scanner.scan.DeadLetters;

import scanner.api.ApiRequests;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.aws2.stepfunctions.StepFunctions2Constants;
import scanner.listing.StepFunctionsListing;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestParamType;
import scanner.api.JsonErrorPages;
import scanner.config.ScannerConfig;

/** The REST API on platform-http: start a scan, read a job's status. */
public class ScanApiRoutes extends ApiRouteBuilder {


    @Override
    public void configure() throws Exception {
        ScannerConfig config = Beans.of(getContext(), ScannerConfig.class);
        ApiRequests apiRequests = Beans.of(getContext(), ApiRequests.class);
        DeadLetters deadLetters = Beans.of(getContext(), DeadLetters.class);
        Health health = Beans.of(getContext(), Health.class);
        JobsApi jobsApi = Beans.of(getContext(), JobsApi.class);
        ProgressCache progressCache = Beans.of(getContext(), ProgressCache.class);
        StepFunctionsListing stepFunctionsListing = Beans.of(getContext(), StepFunctionsListing.class);
        if (!config.hasRole(ScannerConfig.Role.API)) {
            return;
        }
        boolean stepFunctions = config.usesStepFunctions();

        // Refusals of the HTTP layer itself (404, 405, 415, 413) answer in JSON too.
        getContext().addStartupListener((context, alreadyStarted) -> {
            JsonErrorPages.install(context);
            // The rest DSL inlines each endpoint's route into its verb and makes the OpenAPI route
            // itself: both without a description. Hawtio shows every route with one.
            java.util.Map<String, String> descriptions = new java.util.HashMap<>();
            descriptions.put("scan-api-openapi", "GET /openapi.json: the OpenAPI 3 document of this API");
            for (org.apache.camel.model.rest.RestDefinition rest
                    : context.getCamelContextExtension().getContextPlugin(org.apache.camel.model.Model.class).getRestDefinitions()) {
                for (org.apache.camel.model.rest.VerbDefinition verb : rest.getVerbs()) {
                    descriptions.put(verb.getId(), verb.getDescriptionText());
                }
            }
            for (org.apache.camel.Route route : context.getRoutes()) {
                String description = descriptions.get(route.getRouteId());
                if (route.getDescription() == null && description != null) {
                    route.getProperties().put(org.apache.camel.Route.DESCRIPTION_PROPERTY, description);
                }
            }
        });

        restConfiguration()
                .component("platform-http")
                .bindingMode(RestBindingMode.off) // bodies are validated by hand, to name each problem
                .apiContextPath("/openapi.json")
                .apiContextRouteId("scan-api-openapi")
                .apiProperty("api.title", "S3 Scanner")
                .apiProperty("api.version", "1")
                .apiProperty("api.description", "Scan S3 buckets for personal data and secrets; follow each job's progress.");

        rest()
                .post("/scan").id("scan-api-post-scan")
                    .description("Start scanning a bucket, or a prefix of it")
                    .consumes("application/json").produces("application/json")
                    .to("direct:start-scan")
                .get("/jobs").id("scan-api-list-jobs")
                    .description("Jobs, newest first, filtered by status, paged by cursor")
                    .produces("application/json")
                    .param().name("status").type(RestParamType.query).required(false)
                        .description("listing, processing, completed, failed or aborted").endParam()
                    .param().name("limit").type(RestParamType.query).required(false).dataType("integer")
                        .description("1-1000, default 100").endParam()
                    .param().name("cursor").type(RestParamType.query).required(false)
                        .description("next_cursor of the previous page").endParam()
                    .to("direct:list-jobs")
                .get("/jobs/{job_id}").id("scan-api-get-job")
                    .description("A scan job's status: cached by default, real_time=true for live counts")
                    .produces("application/json")
                    .param().name("real_time").type(RestParamType.query).required(false).dataType("boolean")
                        .description("true for counts read from the tables now").endParam()
                    .to("direct:job-status")
                .get("/jobs/{job_id}/findings").id("scan-api-get-findings")
                    .description("A job's findings (masked), filtered by key and detector, paged by cursor. Each names"
                            + " its object (key) and where in it the text was (location: the key itself, or the path"
                            + " inside an archive or document such as exports.zip!/2024/customers.csv); line and offset"
                            + " count within that text")
                    .produces("application/json")
                    .param().name("key").type(RestParamType.query).required(false).description("an object key").endParam()
                    .param().name("detector").type(RestParamType.query).required(false).description("a detector id, e.g. US_SSN").endParam()
                    .param().name("limit").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .param().name("cursor").type(RestParamType.query).required(false).endParam()
                    .to("direct:job-findings")
                .get("/buckets/{bucket}/findings").id("scan-api-bucket-findings")
                    .description("A bucket's findings now: those of the latest completed run of each prefix scanned"
                            + " (where prefixes overlap, the newest run that saw the key), paged by cursor")
                    .produces("application/json")
                    .param().name("limit").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .param().name("cursor").type(RestParamType.query).required(false).endParam()
                    .to("direct:bucket-findings")
                .get("/jobs/{job_id}/detectors").id("scan-api-get-detectors")
                    .description("A job's findings counted by detector, most first")
                    .produces("application/json")
                    .to("direct:job-detectors")
                .get("/jobs/{job_id}/objects").id("scan-api-get-objects")
                    .description("A job's objects, filtered by status; failed ones carry their reason (too large,"
                            + " encrypted, zip bomb, unsupported format, cannot read object); findings_truncated and"
                            + " findings_dropped say when an object held more findings than the cap")
                    .produces("application/json")
                    .param().name("status").type(RestParamType.query).required(false)
                        .description("queued, processing, succeeded or failed").endParam()
                    .param().name("limit").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .param().name("cursor").type(RestParamType.query).required(false).endParam()
                    .to("direct:job-objects")
                .get("/jobs/{job_id}/deleted-objects").id("scan-api-get-deleted-objects")
                    .description("An incremental run's deleted objects: those of its baseline gone from the bucket"
                            + " when the run listed it (their findings are not carried over). 409 not_incremental for"
                            + " a run without a baseline, 409 listing_in_progress until the listing ends, 409 listing_incomplete when it never"
                            + " finished (aborted, failed)")
                    .produces("application/json")
                    .param().name("limit").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .param().name("cursor").type(RestParamType.query).required(false).endParam()
                    .to("direct:job-deleted-objects")
                .post("/jobs/{job_id}/abort").id("scan-api-abort-job")
                    .description("Stop a job: listing ends at once, queued objects are never scanned")
                    .produces("application/json")
                    .to("direct:abort-job")
                .get("/dead-letters").id("scan-api-dead-letters")
                    .description("Messages in the dead-letter queue, with their objects' state")
                    .produces("application/json")
                    .param().name("limit").type(RestParamType.query).required(false).dataType("integer")
                        .description("1-100, default 20").endParam()
                    .to("direct:dead-letters")
                .post("/dead-letters/redrive").id("scan-api-redrive-dead-letters")
                    .description("Move every dead-lettered message back to the scan queue; failed objects are scanned anew")
                    .produces("application/json")
                    .to("direct:redrive-dead-letters")
                .get("/health").id("scan-api-health")
                    .description("200 when PostgreSQL, S3 and SQS answer, 503 naming what does not")
                    .produces("application/json")
                    .to("direct:health");

        RouteDefinition postScan = endpoint("direct:start-scan", "scan-api-post-scan")
                .setBody(method(apiRequests, "scanRequest(${bodyAs(String)})"))
                .setBody(method(jobsApi, "startScan"));
        if (stepFunctions) {
            // aws mode with a state machine: the listing stage is an execution named after the job.
            postScan.setProperty("accepted", body())
                    .doTry()
                        .setHeader(StepFunctions2Constants.STATE_MACHINE_ARN, method(config, "stateMachineArn"))
                        .setHeader(StepFunctions2Constants.EXECUTION_NAME, method(StepFunctionsListing.class, "executionName(${body.jobId})"))
                        .setHeader(StepFunctions2Constants.EXECUTION_INPUT, method(stepFunctionsListing, "input(${body.jobId}, ${body.bucket}, ${body.prefix})"))
                        .to("aws2-step-functions://listing?operation=startExecution")
                        .setBody(method(jobsApi, "executionStarted(${exchangeProperty.accepted}, ${body})"))
                    .doCatch(Exception.class)
                        // the job ends FAILED with the reason; the caller gets a 503 naming it
                        .setBody(method(jobsApi, "executionNotStarted(${exchangeProperty.accepted}, ${exception})"))
                        .setProperty(STATUS, constant(503))
                    .end();
        }
        postScan.choice()
                    .when(exchangeProperty(STATUS).isNull())
                        .log("Scan ${body.jobId} of s3://${body.bucket}/${body.prefix} accepted")
                        .setProperty(STATUS, constant(202))
                .end()
                .to(JSON_RESPONSE);

        // Cached answers come from memory: follow each refresh of job_progress (by any process) and
        // the jobs whose stage changed since, a few times a second.
        fromF("timer:follow-job-progress?period=%d", config.cacheFollowInterval().toMillis()).routeId("api-follow-job-progress")
                .routeDescription("Loads each new refresh of job_progress into memory, and which jobs changed stage since")
                .doTry()
                    .bean(progressCache, "follow")
                .doCatch(Exception.class)
                    .log(LoggingLevel.DEBUG, "Could not follow job_progress: ${exception.message}")
                .end();

        endpoint("direct:job-status", "scan-api-get-job")
                .setProperty("jobId", method(apiRequests, "jobId(${header.job_id})"))
                .setProperty("realTime", method(apiRequests, "realTime(${header.real_time})"))
                .setBody(method(jobsApi, "status(${exchangeProperty.jobId}, ${exchangeProperty.realTime})"))
                .to(JSON_RESPONSE);

        endpoint("direct:list-jobs", "scan-api-list-jobs")
                .setProperty("limit", method(apiRequests, "limit(${header.limit})"))
                .setProperty("status", method(apiRequests, "jobStatus(${header.status})"))
                .setBody(method(jobsApi, "jobs(${exchangeProperty.status}, ${exchangeProperty.limit}, ${header.cursor})"))
                .to(JSON_RESPONSE);

        endpoint("direct:job-findings", "scan-api-get-findings")
                .setProperty("jobId", method(apiRequests, "jobId(${header.job_id})"))
                .setProperty("limit", method(apiRequests, "limit(${header.limit})"))
                .setProperty("key", method(apiRequests, "key(${header.key})"))
                .setProperty("detector", method(apiRequests, "detector(${header.detector})"))
                .setBody(method(jobsApi, "findings(${exchangeProperty.jobId}, ${exchangeProperty.limit}, "
                        + "${header.cursor}, ${exchangeProperty.key}, ${exchangeProperty.detector})"))
                .to(JSON_RESPONSE);

        endpoint("direct:bucket-findings", "scan-api-bucket-findings")
                .setProperty("limit", method(apiRequests, "limit(${header.limit})"))
                .setBody(method(jobsApi, "bucketFindings(${header.bucket}, ${exchangeProperty.limit}, ${header.cursor})"))
                .to(JSON_RESPONSE);

        endpoint("direct:job-detectors", "scan-api-get-detectors")
                .setProperty("jobId", method(apiRequests, "jobId(${header.job_id})"))
                .setBody(method(jobsApi, "detectors(${exchangeProperty.jobId})"))
                .to(JSON_RESPONSE);

        endpoint("direct:job-objects", "scan-api-get-objects")
                .setProperty("jobId", method(apiRequests, "jobId(${header.job_id})"))
                .setProperty("limit", method(apiRequests, "limit(${header.limit})"))
                .setProperty("status", method(apiRequests, "objectStatus(${header.status})"))
                .setBody(method(jobsApi, "objects(${exchangeProperty.jobId}, ${exchangeProperty.limit}, "
                        + "${header.cursor}, ${exchangeProperty.status})"))
                .to(JSON_RESPONSE);

        endpoint("direct:job-deleted-objects", "scan-api-get-deleted-objects")
                .setProperty("jobId", method(apiRequests, "jobId(${header.job_id})"))
                .setProperty("limit", method(apiRequests, "limit(${header.limit})"))
                .setBody(method(jobsApi, "deletedObjects(${exchangeProperty.jobId}, ${exchangeProperty.limit}, ${header.cursor})"))
                .to(JSON_RESPONSE);

        RouteDefinition abort = endpoint("direct:abort-job", "scan-api-abort-job")
                .setProperty("jobId", method(apiRequests, "jobId(${header.job_id})"))
                .setBody(method(jobsApi, "abort(${exchangeProperty.jobId})"))
                .log("Job ${exchangeProperty.jobId} aborted");
        if (stepFunctions) {
            abort.filter(simple("${body.executionArn} != null"))
                    .setProperty("aborted", body())
                    .doTry()
                        .setHeader(StepFunctions2Constants.EXECUTION_ARN, simple("${body.executionArn}"))
                        .to("aws2-step-functions://listing?operation=stopExecution")
                    .doCatch(Exception.class)
                        // the job is aborted all the same; the reconciler sees the execution end
                        .log(LoggingLevel.WARN, "Could not stop execution ${exchangeProperty.aborted.executionArn}: ${exception.message}")
                    .end()
                    .setBody(exchangeProperty("aborted"))
                .end();
        }
        abort.setProperty(STATUS, constant(202))
                .to(JSON_RESPONSE);

        endpoint("direct:dead-letters", "scan-api-dead-letters")
                .setProperty("limit", method(apiRequests, "deadLetterLimit(${header.limit})"))
                .setBody(method(deadLetters, "peek(${exchangeProperty.limit})"))
                .to(JSON_RESPONSE);

        endpoint("direct:redrive-dead-letters", "scan-api-redrive-dead-letters")
                .setBody(method(deadLetters, "redrive"))
                .log("Re-drove the dead-letter queue: ${body}")
                .to(JSON_RESPONSE);

        from("direct:health").routeId("scan-api-health")
                .routeDescription("GET /health: asks the dependency health checks")
                .routeConfigurationId(ErrorPolicies.API)
                .setBody(method(health, "check"))
                .setProperty(STATUS, simple("${body.httpStatus}"))
                .to(JSON_RESPONSE);

        // Every answer leaves through here: the body as JSON, the status (200 unless the route set
        // another), and no other header: request parameters and headers must not be echoed back.
        from(JSON_RESPONSE).routeId("scan-api-json-response")
                .routeDescription("Writes every API answer as JSON with its status, echoing no request header")
                .marshal(new org.apache.camel.component.jackson.JacksonDataFormat(scanner.config.Json.MAPPER, Object.class))
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, exchangeProperty(STATUS)) // none: platform-http answers 200
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }
}
