package routes;

import scanner.listing.S3Lister;

import scanner.metrics.ScannerMetrics;

import scanner.listing.ListingRepository;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import scanner.config.ScannerConfig;
import scanner.scan.ScanMessages;

/**
 * The in-process listing stage: takes a RUNNING job, lists its bucket a page at a time, records
 * each page in job_objects and enqueues its objects for scanning. It serves local mode, and aws
 * mode for jobs without a Step Functions execution (execution_arn) until that orchestration lands.
 */
public class ListingRoutes extends RouteBuilder {

    @Override
    public void configure() {
        ScannerConfig config = Beans.of(getContext(), ScannerConfig.class);
        ListingRepository listingRepository = Beans.of(getContext(), ListingRepository.class);
        S3Lister s3Lister = Beans.of(getContext(), S3Lister.class);
        ScannerMetrics scannerMetrics = Beans.of(getContext(), ScannerMetrics.class);
        if (!config.hasRole(ScannerConfig.Role.LISTER)) {
            return;
        }

        // With a state machine, Step Functions drives the page loop (StepFunctionsRoutes) and no
        // in-process lister claims jobs; the page route below serves both.
        from("timer:listing-poll?period=" + config.listingPollInterval().toMillis())
                .routeId("listing-poll-jobs")
                .routeDescription("Claims a job waiting to be listed (with a lease), and lists it")
                .autoStartup(!config.usesStepFunctions())
                .setBody(method(listingRepository, "claimNext"))
                .filter(body().isNotNull())
                    .to("direct:list-bucket");

        from("direct:list-bucket").routeId("s3-list-bucket")
                .routeDescription("Lists a job's bucket page after page; retries transient errors with backoff, fails the job on permanent ones")
                .setProperty("listingJob", body())
                .log("Listing ${exchangeProperty.listingJob}")
                .doTry()
                    .loopDoWhile(simple("${exchangeProperty.listingJob.hasMorePages}"))
                        .to("direct:list-page")
                    .endDoTry()
                    .log("Listed ${exchangeProperty.listingJob.listed} objects of ${exchangeProperty.listingJob}")
                .doCatch(Exception.class)
                    .setBody(method(ScanMessages.class, "listingFailure(${exception})"))
                    .choice()
                        .when(method(ScanMessages.class, "isPermanentListingError(${exception})"))
                            .log(LoggingLevel.WARN, "Listing ${exchangeProperty.listingJob} failed: ${exception}")
                            .bean(listingRepository, "fail(${exchangeProperty.listingJob}, ${body})")
                        .otherwise()
                            // Transient: the job is left to any lister after a backoff, from its last recorded page.
                            .setProperty("retryIn", method(listingRepository, "retryLater(${exchangeProperty.listingJob}, ${body})"))
                            .log(LoggingLevel.WARN, "Listing ${exchangeProperty.listingJob} hit ${exception}; "
                                    + "retried from its last recorded page in ${exchangeProperty.retryIn}")
                    .end()
                .end();

        // Rows first, then messages, then the token: see ListingRepository. A page is a hundred
        // SendMessageBatch calls; they go out in parallel, each waiting mostly on the network.
        from("direct:list-page").routeId("s3-list-page")
                .routeDescription("One ListObjectsV2 page: recorded in one statement, sent to SQS as work units of up to 100 objects")
                .setProperty("page", method(s3Lister, "nextPage(${exchangeProperty.listingJob})"))
                .setBody(method(listingRepository, "recordPage(${exchangeProperty.listingJob}, ${exchangeProperty.page})"))
                .bean(scannerMetrics, "listed(${exchangeProperty.page})")
                .split(method(ScanMessages.class, "batchesForSqs")).parallelProcessing().stopOnException()
                    .to("aws2-sqs://{{scanner.sqs.queue}}?operation=sendBatchMessage")
                    .bean(ScanMessages.class, "requireAllSent")
                .end()
                .bean(listingRepository, "advance(${exchangeProperty.listingJob}, ${exchangeProperty.page})");
    }
}
