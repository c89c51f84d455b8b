package scanner.aws;

import software.amazon.awssdk.services.sqs.SqsClient;

/** A queue's URL, looked up by name on first use and kept (queues are not renamed while running). */
final class QueueUrl {

    private final SqsClient sqs;
    private final String queueName;
    private volatile String url;

    QueueUrl(SqsClient sqs, String queueName) {
        this.sqs = sqs;
        this.queueName = queueName;
    }

    String get() {
        if (url == null) {
            url = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
        }
        return url;
    }
}
