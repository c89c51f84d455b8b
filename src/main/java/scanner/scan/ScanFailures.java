package scanner.scan;

import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import scanner.config.Exceptions;
import software.amazon.awssdk.core.exception.SdkClientException;
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

    /**
     * True on the message's last delivery before the queue would move it to the dead-letter queue,
     * unless the error is transient; an object that keeps failing transiently gives up after four
     * times as many attempts (counted in the database, across messages).
     */
    public boolean isLastAttempt(Exchange exchange) {
        Object claimed = exchange.getProperty("claimed");
        if (!(claimed instanceof ClaimedObject object)) {
            return false;
        }
        Exception e = exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (e != null && isTransient(e)) {
            return object.attempts() >= 4 * maxReceiveCount;
        }
        return receiveCount(exchange) >= maxReceiveCount;
    }

    /**
     * Throttling (503 SlowDown, 429), a server error, a timeout or a lost connection: worth asking
     * again later, never the object's fault. The database being unreachable is one too.
     */
    public static boolean isTransient(Throwable e) {
        Optional<S3Exception> s3 = Exceptions.find(e, S3Exception.class);
        if (s3.isPresent()) {
            int status = s3.get().statusCode();
            return status >= 500 || status == 429 || s3.get().isThrottlingException();
        }
        return Exceptions.find(e, SdkClientException.class).isPresent()
                || Exceptions.find(e, java.io.IOException.class).isPresent()
                || Exceptions.find(e, java.sql.SQLTransientException.class).isPresent()
                || Exceptions.find(e, java.sql.SQLRecoverableException.class).isPresent()
                || Exceptions.find(e, java.sql.SQLException.class)
                        .map(sql -> sql.getSQLState() != null && sql.getSQLState().startsWith("08")).orElse(false);
    }

    public ScanOutcome gaveUp(Exchange exchange, Exception e) {
        return ScanOutcome.failed("cannot read object: gave up after " + receiveCount(exchange) + " attempts ("
                + e.getClass().getSimpleName() + ")");
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
