package scanner.aws;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Brings a failed scan's message back sooner than the queue's visibility timeout: after the n-th
 * delivery it becomes visible again in about 5 s × 2^(n-1) (at most 60 s, with jitter), so a short
 * outage or a burst of throttling costs seconds, not a whole timeout.
 */
public class MessageVisibility {

    /** Visibility timeout of scan messages; the consumer extends it while a large object is scanned. */
    public static final int TIMEOUT_SECONDS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(MessageVisibility.class);

    private final SqsClient sqs;
    private final QueueUrl queueUrl;

    public MessageVisibility(SqsClient sqs, String queueName) {
        this.sqs = sqs;
        this.queueUrl = new QueueUrl(sqs, queueName);
    }

    public void retrySoon(Exchange exchange) {
        String receipt = exchange.getMessage().getHeader(Sqs2Constants.RECEIPT_HANDLE, String.class);
        if (receipt == null) {
            return;
        }
        int seconds = delaySeconds(receiveCount(exchange));
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl.get()).receiptHandle(receipt).visibilityTimeout(seconds));
        } catch (RuntimeException e) {
            // the message comes back after the queue's own visibility timeout instead
            LOG.debug("Could not shorten a message's visibility: {}", e.toString());
        }
    }

    /** About 5 s × 2^(n-1), at most 60 s, scaled by a random 50-100%. */
    public static int delaySeconds(int receiveCount) {
        int cap = Math.min(60, 5 << Math.min(Math.max(receiveCount - 1, 0), 4));
        return cap / 2 + ThreadLocalRandom.current().nextInt(cap / 2 + 1);
    }

    /** SQS's ApproximateReceiveCount of the message being processed (1 when unknown). */
    public static int receiveCount(Exchange exchange) {
        Object attributes = exchange.getMessage().getHeader(Sqs2Constants.ATTRIBUTES);
        if (attributes instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if ("ApproximateReceiveCount".equals(String.valueOf(entry.getKey()))) {
                    return Integer.parseInt(String.valueOf(entry.getValue()));
                }
            }
        }
        return 1;
    }
}
