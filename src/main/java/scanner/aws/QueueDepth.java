package scanner.aws;

import java.util.Map;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Messages a queue holds now: visible, in flight and delayed (SQS's approximate counts). */
public final class QueueDepth implements LongSupplier {

    private final SqsClient sqs;
    private final QueueUrl queueUrl;

    public QueueDepth(SqsClient sqs, String queueName) {
        this.sqs = sqs;
        this.queueUrl = new QueueUrl(sqs, queueName);
    }

    @Override
    public long getAsLong() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl.get()).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        long depth = 0;
        for (String value : attributes.values()) {
            depth += Long.parseLong(value);
        }
        return depth;
    }
}
