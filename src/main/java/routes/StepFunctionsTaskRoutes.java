package routes;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import scanner.jobs.JobRepository;
import scanner.listing.ListingRepository;
import scanner.listing.ListingTask;
import scanner.listing.StepFunctionsListing;

/**
 * aws mode with a state machine: the execution puts one task per page on the listing queue; this
 * route lists that page (through ListingPageRoutes, as the in-process lister does) and answers the task.
 */
public class StepFunctionsTaskRoutes extends RouteBuilder {

    @Override
    public void configure() {
        JobRepository jobRepository = Beans.of(getContext(), JobRepository.class);
        ListingRepository listingRepository = Beans.of(getContext(), ListingRepository.class);
        StepFunctionsListing stepFunctionsListing = Beans.of(getContext(), StepFunctionsListing.class);

        from("aws2-sqs://{{scanner.sqs.listing-queue}}?concurrentConsumers=2&waitTimeSeconds={{scanner.sqs.wait-time-seconds}}"
                + "&visibilityTimeout=300&extendMessageVisibility=true")
                .routeId("sfn-list-page-task")
                .routeDescription("Lists the page a Step Functions task asks for, then answers the task")
                .setProperty("task", method(ListingTask.class, "parse(${body})"))
                .setProperty("listingJob", method(listingRepository, "forTask(${exchangeProperty.task})"))
                .choice()
                    .when(exchangeProperty("listingJob").isNull())
                        .log("${exchangeProperty.task}: the job is no longer listing; the execution ends")
                        .bean(stepFunctionsListing, "taskStopped(${exchangeProperty.task})")
                    .otherwise()
                        // a task of a successor execution: the job follows the chain
                        .bean(jobRepository, "followExecution(${exchangeProperty.task.jobId}, ${exchangeProperty.task.executionArn})")
                        .doTry()
                            .to(ListingPageRoutes.LIST_PAGE)
                            .bean(stepFunctionsListing, "taskSucceeded(${exchangeProperty.task}, ${exchangeProperty.page})")
                        .doCatch(Exception.class)
                            .log(LoggingLevel.WARN, "${exchangeProperty.task} failed: ${exception}")
                            .bean(stepFunctionsListing, "taskFailed(${exchangeProperty.task}, ${exception})")
                        .end()
                .end();
    }
}
