package scanner.scan;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import scanner.config.Exceptions;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Decides what a failed scan means. Problems with the object itself fail the object; anything else
 * leaves the message on the queue to come back, until its last delivery, which fails the object
 * with the reason (so a job always ends) instead of leaving it 'processing' for ever.
 */
public class ScanFailures {

    private final int maxReceiveCount;

    public ScanFailures(int maxReceiveCount) {
        this.maxReceiveCount = maxReceiveCount;
    }

    /** 403 or 404 from S3: asking again will not help. */
    public boolean isObjectProblem(Exception e) {
        return Exceptions.find(e, S3Exception.class)
                .filter(s3 -> s3.statusCode() == 403 || s3.statusCode() == 404)
                .isPresent();
    }

    public ScanOutcome objectProblem(Exception e) {
        S3Exception s3 = Exceptions.find(e, S3Exception.class).orElseThrow();
        return s3.statusCode() == 404
                ? ScanOutcome.failed("cannot read object: it no longer exists")
                : ScanOutcome.failed("cannot read object: access denied");
    }

    /** True on the message's last delivery before the queue would move it to the dead-letter queue. */
    public boolean isLastAttempt(Exchange exchange) {
        return exchange.getProperty("claimed") != null && receiveCount(exchange) >= maxReceiveCount;
    }

    public ScanOutcome gaveUp(Exchange exchange, Exception e) {
        return ScanOutcome.failed("cannot read object: gave up after " + receiveCount(exchange) + " attempts ("
                + e.getClass().getSimpleName() + ")");
    }

    static int receiveCount(Exchange exchange) {
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
