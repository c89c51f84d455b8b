package routes;

import scanner.metrics.ScannerMetrics;

import scanner.scan.ScanFailures;

import scanner.scan.ObjectScanner;

import scanner.scan.ObjectRepository;

import scanner.scan.DatabaseCircuit;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import scanner.config.ScannerConfig;
import scanner.scan.ScanBatch;
import scanner.scan.ScanMessages;
import scanner.scan.ScanResult;

/**
 * SQS → S3 → detectors → PostgreSQL, a work unit (up to 100 objects of one job) per message: its
 * objects are claimed in one statement, fetched and scanned in parallel, and their outcomes and
 * findings committed in one transaction; objects to retry go out again as a new, delayed message.
 * The message is deleted only when the route completes; see ErrorPolicies for what a failure does.
 */
public class ScannerRoutes extends RouteBuilder {

    @Override
    public void configure() {
        ScannerConfig config = Beans.of(getContext(), ScannerConfig.class);
        DatabaseCircuit databaseCircuit = Beans.of(getContext(), DatabaseCircuit.class);
        ObjectRepository objectRepository = Beans.of(getContext(), ObjectRepository.class);
        ObjectScanner objectScanner = Beans.of(getContext(), ObjectScanner.class);
        ScanFailures scanFailures = Beans.of(getContext(), ScanFailures.class);
        ScannerMetrics scannerMetrics = Beans.of(getContext(), ScannerMetrics.class);

        fromF("aws2-sqs://{{scanner.sqs.queue}}?concurrentConsumers=%d&maxMessagesPerPoll=10"
                        + "&waitTimeSeconds={{scanner.sqs.wait-time-seconds}}&greedy=true"
                        + "&visibilityTimeout=%d&extendMessageVisibility=true"
                        + "&attributeNames=ApproximateReceiveCount",
                config.scanConcurrency(), scanner.aws.MessageVisibility.TIMEOUT_SECONDS)
                .routeId("sqs-scan-batch")
                .routeDescription("Scans a work unit: claims its objects, fetches and scans them in parallel, stores the outcomes")
                .routeConfigurationId(ErrorPolicies.SCAN)
                .routePolicy(databaseCircuit)
                .onCompletion().bean(scannerMetrics, "unitEnded").end()
                .bean(scannerMetrics, "unitStarted")
                .setBody(method(ScanBatch.class, "parse(${body})"))
                .setProperty("claimedObjects", method(objectRepository, "claimBatch"))
                .split(exchangeProperty("claimedObjects"),
                                AggregationStrategies.flexible(ScanResult.class).accumulateInCollection(java.util.ArrayList.class))
                        .parallelProcessing().executorService(Beans.of(getContext(), scanner.scan.ScanFetchPool.class).executor())
                    .to("direct:scan-object")
                .end()
                .setBody(method(ScanMessages.class, "results(${body})"))
                .setBody(method(objectRepository, "storeBatch"))
                .filter(simple("${body.size} > 0"))
                    .log(LoggingLevel.INFO, "${body.size} objects of job ${exchangeProperty.claimedObjects[0].jobId} will be tried again")
                    .setHeader(Sqs2Constants.DELAY_HEADER, method(ScanMessages.class, "retryDelaySeconds(${exchangeProperty.claimedObjects})"))
                    .split(method(ScanMessages.class, "batchesForSqs"))
                        .to("aws2-sqs://{{scanner.sqs.queue}}?operation=sendBatchMessage")
                        .bean(ScanMessages.class, "requireAllSent")
                    .end()
                .end();

        // One object of a unit. Whatever happens to it becomes its ScanResult; nothing escapes.
        from("direct:scan-object").routeId("s3-scan-object")
                .routeDescription("Fetches one claimed object from S3 (unless too large) and runs the detectors on it")
                .setProperty("claimed", body())
                .setProperty("scanStarted", method(System.class, "nanoTime"))
                .doTry()
                    .choice()
                        .when(method(objectScanner, "isTooLarge(${exchangeProperty.claimed})"))
                            .setBody(method(objectScanner, "tooLarge(${exchangeProperty.claimed})"))
                        .otherwise()
                            // One static endpoint: the bucket (the job's, from its database row) and the
                            // key travel as headers, never inside an endpoint URI.
                            .setHeader(AWS2S3Constants.OVERRIDE_BUCKET_NAME, simple("${exchangeProperty.claimed.bucket}"))
                            .setHeader(AWS2S3Constants.BUCKET_NAME, simple("${exchangeProperty.claimed.bucket}"))
                            .setHeader(AWS2S3Constants.KEY, simple("${exchangeProperty.claimed.key}"))
                            .to("aws2-s3://scanned-objects?operation=getObject&autoCreateBucket=false")
                            .setBody(method(objectScanner, "scanClaimed(${exchangeProperty.claimed}, ${body})"))
                    .end()
                    .setBody(method(ScanResult.class, "done(${exchangeProperty.claimed}, ${body})"))
                .endDoTry()
                .doCatch(Exception.class)
                    .log(LoggingLevel.WARN, "routes.scan", "Object ${exchangeProperty.claimed.key}: ${exception.message}")
                    .setBody(method(scanFailures, "resultOf(${exchangeProperty.claimed}, ${exception})"))
                .end()
                .bean(scannerMetrics, "scanned(${body}, ${exchangeProperty.scanStarted})");
    }
}
