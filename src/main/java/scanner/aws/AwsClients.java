package scanner.aws;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Builds the SDK clients the routes use: AWS itself, or any S3/SQS-compatible endpoint. */
public final class AwsClients {

    private AwsClients() {
    }

    /**
     * @param endpoint empty for AWS; otherwise an S3-compatible server, reached path-style and with
     *                 checksums only where the API requires them (many such servers reject the rest)
     * @param localCredentials true to sign with fixed dummy credentials (local servers accept any)
     */
    public static S3Client s3(String region, String endpoint, boolean localCredentials) {
        var builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(localCredentials));
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint))
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    public static SqsClient sqs(String region, String endpoint, boolean localCredentials) {
        var builder = SqsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(localCredentials));
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    public static SfnClient sfn(String region, String endpoint, boolean localCredentials) {
        var builder = SfnClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(localCredentials));
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /**
     * Creates the scan queue with its dead-letter queue (local mode only: on AWS the queues belong
     * to the infrastructure). A message received {@code maxReceiveCount} times moves to the DLQ.
     */
    public static void createQueues(SqsClient sqs, String queue, String deadLetterQueue, int maxReceiveCount,
                                    int visibilityTimeoutSeconds) {
        String dlqUrl = sqs.createQueue(CreateQueueRequest.builder().queueName(deadLetterQueue).build()).queueUrl();
        String dlqArn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder()
                        .queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN).build())
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
        sqs.createQueue(CreateQueueRequest.builder()
                .queueName(queue)
                .attributes(Map.of(
                        QueueAttributeName.REDRIVE_POLICY, redrive,
                        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds)))
                .build());
    }

    private static AwsCredentialsProvider credentials(boolean local) {
        return local
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
    }
}
