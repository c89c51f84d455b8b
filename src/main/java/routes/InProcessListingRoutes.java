package routes;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import scanner.config.ScannerConfig;
import scanner.listing.ListingRepository;
import scanner.scan.ScanMessages;

/**
 * The in-process listing stage (local mode, aws mode without a state machine): takes a RUNNING
 * job with a lease, and lists its bucket page after page through ListingPageRoutes.
 */
public class InProcessListingRoutes extends RouteBuilder {

    @Override
    public void configure() {
        ScannerConfig config = Beans.of(getContext(), ScannerConfig.class);
        ListingRepository listingRepository = Beans.of(getContext(), ListingRepository.class);

        from("timer:listing-poll?period=" + config.listingPollInterval().toMillis())
                .routeId("listing-poll-jobs")
                .routeDescription("Claims a job waiting to be listed (with a lease), and lists it")
                .setBody(method(listingRepository, "claimNext"))
                .filter(body().isNotNull())
                    .to("direct:list-bucket");

        from("direct:list-bucket").routeId("s3-list-bucket")
                .routeDescription("Lists a job's bucket page after page; retries transient errors with backoff, fails the job on permanent ones")
                .setProperty("listingJob", body())
                .log("Listing ${exchangeProperty.listingJob}")
                .doTry()
                    .loopDoWhile(simple("${exchangeProperty.listingJob.hasMorePages}"))
                        .to(ListingPageRoutes.LIST_PAGE)
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
    }
}
