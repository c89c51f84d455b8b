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

    /** Visible, in flight (received, not yet deleted) and delayed messages. */
    public record Counts(long visible, long inFlight, long delayed) {
    }

    public Counts counts() {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl.get()).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return new Counts(Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")),
                Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0")));
    }

    @Override
    public long getAsLong() {
        Counts counts = counts();
        return counts.visible() + counts.inFlight() + counts.delayed();
    }
}
