package routes;

import scanner.listing.StepFunctionsListing;

import scanner.listing.ListingRepository;

import scanner.jobs.JobRepository;

import scanner.listing.ExecutionReconciler;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.stepfunctions.StepFunctions2Constants;
import scanner.config.ScannerConfig;

/**
 * aws mode with a state machine: each job's listing stage is a Step Functions execution. The
 * execution puts one task per page on the listing queue; these routes list that page (through the
 * same s3-list-page route as the in-process listing) and answer the task; a reconciler keeps the
 * jobs of executions that ended without telling anyone (timed out, stopped, failed) true.
 */
public class StepFunctionsRoutes extends RouteBuilder {

    @Override
    public void configure() {
        ScannerConfig config = Beans.of(getContext(), ScannerConfig.class);
        ExecutionReconciler executionReconciler = Beans.of(getContext(), ExecutionReconciler.class);
        JobRepository jobRepository = Beans.of(getContext(), JobRepository.class);
        ListingRepository listingRepository = Beans.of(getContext(), ListingRepository.class);
        StepFunctionsListing stepFunctionsListing = Beans.of(getContext(), StepFunctionsListing.class);
        if (!config.usesStepFunctions()) {
            return;
        }

        if (config.hasRole(ScannerConfig.Role.LISTER)) {
            from("aws2-sqs://{{scanner.sqs.listing-queue}}?concurrentConsumers=2&waitTimeSeconds={{scanner.sqs.wait-time-seconds}}"
                    + "&visibilityTimeout=300&extendMessageVisibility=true")
                    .routeId("sfn-list-page-task")
                    .routeDescription("Lists the page a Step Functions task asks for, then answers the task")
                    .setProperty("task", method(scanner.listing.ListingTask.class, "parse(${body})"))
                    .setProperty("listingJob", method(listingRepository, "forTask(${exchangeProperty.task})"))
                    .choice()
                        .when(exchangeProperty("listingJob").isNull())
                            .log("${exchangeProperty.task}: the job is no longer listing; the execution ends")
                            .bean(stepFunctionsListing, "taskStopped(${exchangeProperty.task})")
                        .otherwise()
                            // a task of a successor execution: the job follows the chain
                            .bean(jobRepository, "followExecution(${exchangeProperty.task.jobId}, ${exchangeProperty.task.executionArn})")
                            .doTry()
                                .to("direct:list-page")
                                .bean(stepFunctionsListing, "taskSucceeded(${exchangeProperty.task}, ${exchangeProperty.page})")
                            .doCatch(Exception.class)
                                .log(LoggingLevel.WARN, "${exchangeProperty.task} failed: ${exception}")
                                .bean(stepFunctionsListing, "taskFailed(${exchangeProperty.task}, ${exception})")
                            .end()
                    .end();
        }

        if (config.hasRole(ScannerConfig.Role.REFRESHER)) {
            // quartz, stateful: a slow round (many executions, a throttled API) never overlaps the next
            fromF("quartz://scanner/reconcile-executions?trigger.repeatInterval=%d&trigger.repeatCount=-1&stateful=true",
                    config.reconcileInterval().toMillis())
                    .routeId("sfn-reconcile-executions")
                    .routeDescription("Asks Step Functions how the executions of jobs still listing stand, and records those that ended")
                    .filter(method(executionReconciler, "lead"))
                        .split(method(jobRepository, "runningExecutions(500)"))
                            .setProperty("execution", body())
                            .setHeader(StepFunctions2Constants.EXECUTION_ARN, simple("${body.executionArn}"))
                            .doTry()
                                .to("aws2-step-functions://listing?operation=describeExecution")
                                .bean(executionReconciler, "record(${exchangeProperty.execution}, ${body})")
                            .doCatch(Exception.class)
                                .log(LoggingLevel.WARN, "Could not describe ${exchangeProperty.execution.executionArn}: ${exception.message}")
                            .end()
                        .end()
                    .end();
        }
    }
}
