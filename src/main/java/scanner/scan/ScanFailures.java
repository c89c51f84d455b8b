package scanner.scan;

import java.util.Optional;
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

    /**
     * What an error while fetching or scanning one object of a work unit means for it: S3 refusing
     * the object (403, 404) fails it at once; a transient error is retried, up to four times the
     * usual attempts; any other error is retried until the object's last attempt, which fails it
     * with the reason. Attempts are counted in the database, across messages.
     */
    public ScanResult resultOf(ClaimedObject object, Exception e) {
        if (isObjectProblem(e)) {
            return ScanResult.done(object, objectProblem(e));
        }
        boolean transientError = isTransient(e);
        int allowed = transientError ? 4 * maxReceiveCount : maxReceiveCount;
        String reason = describe(e);
        if (object.attempts() >= allowed) {
            return ScanResult.done(object, ScanOutcome.failed("cannot read object: gave up after " + object.attempts()
                    + " attempts (" + reason + ")"));
        }
        return ScanResult.retry(object, reason);
    }

    private static String describe(Exception e) {
        Optional<S3Exception> s3 = Exceptions.find(e, S3Exception.class);
        if (s3.isPresent() && s3.get().awsErrorDetails() != null) {
            return "S3 " + s3.get().statusCode() + " " + s3.get().awsErrorDetails().errorCode();
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
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
                || DatabaseCircuit.isDatabaseUnreachable(e);
    }
}
