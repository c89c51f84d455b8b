package scanner.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import scanner.config.Exceptions;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Turns a listed page into SQS batches, and listing errors into reasons a user can act on. */
public final class ScanMessages {

    /** SQS takes at most ten messages per SendMessageBatch call. */
    static final int SQS_BATCH = 10;
    private static final ObjectMapper JSON = scanner.config.Json.MAPPER;

    private ScanMessages() {
    }

    /**
     * The objects as SQS SendMessageBatch calls: grouped into work units ({@link ScanBatch}), ten
     * units per call.
     */
    public static List<List<String>> batchesForSqs(List<ScanMessage> messages) throws JsonProcessingException {
        List<ScanBatch> units = ScanBatch.group(messages);
        List<List<String>> batches = new ArrayList<>((units.size() + SQS_BATCH - 1) / SQS_BATCH);
        List<String> batch = new ArrayList<>(SQS_BATCH);
        for (ScanBatch unit : units) {
            batch.add(JSON.writeValueAsString(unit));
            if (batch.size() == SQS_BATCH) {
                batches.add(batch);
                batch = new ArrayList<>(SQS_BATCH);
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /** The per-object results a split gathered (none when the unit had nothing left to claim). */
    public static List<ScanResult> results(Object aggregated) {
        List<ScanResult> results = new ArrayList<>();
        if (aggregated instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof ScanResult r) {
                    results.add(r);
                }
            }
        }
        return results;
    }

    /** How long objects to retry wait before their new message is delivered: grows with their attempts. */
    public static int retryDelaySeconds(List<ClaimedObject> claimed) {
        int attempts = claimed.stream().mapToInt(ClaimedObject::attempts).max().orElse(1);
        return scanner.aws.MessageVisibility.delaySeconds(attempts);
    }

    /** SendMessageBatch can succeed as a call and still refuse some entries. */
    public static void requireAllSent(SendMessageBatchResponse response) {
        if (response.hasFailed() && !response.failed().isEmpty()) {
            throw new IllegalStateException(response.failed().size() + " scan messages were refused by SQS: "
                    + response.failed().get(0).message());
        }
    }

    /**
     * An error that listing again will not cure: the bucket is gone, access is denied, the request
     * is refused as malformed. Throttling, server errors, timeouts and lost connections are not.
     */
    public static boolean isPermanentListingError(Exception e) {
        if (Exceptions.find(e, NoSuchBucketException.class).isPresent()) {
            return true;
        }
        return !ScanFailures.isTransient(e) && Exceptions.find(e, S3Exception.class).isPresent();
    }

    public static String listingFailure(Exception e) {
        if (Exceptions.find(e, NoSuchBucketException.class).isPresent()) {
            return "The specified bucket does not exist";
        }
        Optional<S3Exception> s3 = Exceptions.find(e, S3Exception.class);
        if (s3.isPresent() && s3.get().awsErrorDetails() != null) {
            return "S3 refused the listing: " + s3.get().awsErrorDetails().errorMessage()
                    + " (" + s3.get().statusCode() + ")";
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "Listing failed: " + root.getClass().getSimpleName();
    }
}
