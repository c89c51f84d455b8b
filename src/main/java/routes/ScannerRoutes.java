package routes;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.model.dataformat.JsonLibrary;
import scanner.config.Infrastructure;
import scanner.config.ScannerConfig;
import scanner.scan.ScanMessage;

/**
 * SQS → S3 → detectors → PostgreSQL. The message is deleted only when the route completes, that is
 * after the outcome and findings were committed; see ErrorPolicies for what a failure does.
 */
public class ScannerRoutes extends RouteBuilder {

    @Override
    public void configure() {
        ScannerConfig config = getContext().getRegistry().lookupByNameAndType("scannerConfig", ScannerConfig.class);
        if (!config.hasRole(ScannerConfig.Role.SCANNER)) {
            return;
        }

        fromF("aws2-sqs://{{scanner.sqs.queue}}?concurrentConsumers=%d&maxMessagesPerPoll=10"
                        + "&waitTimeSeconds={{scanner.sqs.wait-time-seconds}}&greedy=true"
                        + "&visibilityTimeout=%d&extendMessageVisibility=true"
                        + "&attributeNames=ApproximateReceiveCount",
                config.scanConcurrency(), Infrastructure.VISIBILITY_TIMEOUT_SECONDS)
                .routeId("sqs-scan-object")
                .routeConfigurationId(ErrorPolicies.SCAN)
                .routePolicyRef("databaseCircuit")
                .unmarshal().json(JsonLibrary.Jackson, ScanMessage.class)
                .setProperty("claimed", method("objectRepository", "claim"))
                .choice()
                    .when(exchangeProperty("claimed").isNull())
                        .log(LoggingLevel.DEBUG, "Dropping ${body.key} of job ${body.jobId}: already scanned or job aborted")
                    .when(method("objectScanner", "isTooLarge(${exchangeProperty.claimed})"))
                        .setBody(method("objectScanner", "tooLarge(${exchangeProperty.claimed})"))
                        .bean("objectRepository", "store(${exchangeProperty.claimed}, ${body})")
                    .otherwise()
                        .setHeader(AWS2S3Constants.KEY, simple("${exchangeProperty.claimed.key}"))
                        .toD("aws2-s3://${exchangeProperty.claimed.bucket}?operation=getObject&autoCreateBucket=false")
                        .setBody(method("objectScanner", "scan"))
                        .bean("objectRepository", "store(${exchangeProperty.claimed}, ${body})")
                .end();
    }
}
