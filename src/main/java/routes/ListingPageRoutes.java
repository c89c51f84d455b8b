package routes;

import org.apache.camel.builder.RouteBuilder;
import scanner.listing.ListingRepository;
import scanner.listing.S3Lister;
import scanner.metrics.ScannerMetrics;
import scanner.scan.ScanMessages;

/**
 * One page of a job's listing, whoever drives the page loop (the in-process lister or a Step
 * Functions task). Rows first, then messages, then the token: see ListingRepository. A page is a
 * hundred SendMessageBatch calls; they go out in parallel, each waiting mostly on the network.
 */
public class ListingPageRoutes extends RouteBuilder {

    /** Lists the page of the exchange property "listingJob" into the property "page". */
    static final String LIST_PAGE = "direct:list-page";

    @Override
    public void configure() {
        ListingRepository listingRepository = Beans.of(getContext(), ListingRepository.class);
        S3Lister s3Lister = Beans.of(getContext(), S3Lister.class);
        ScannerMetrics scannerMetrics = Beans.of(getContext(), ScannerMetrics.class);

        from(LIST_PAGE).routeId("s3-list-page")
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
