package scanner.scan;

import java.util.UUID;

/** An object this scanner has marked {@code processing}. */
public record ClaimedObject(long id, UUID jobId, String bucket, String key, long size, int attempts, Long maxSize) {

    public ClaimedObject(long id, UUID jobId, String bucket, String key, long size, int attempts) {
        this(id, jobId, bucket, key, size, attempts, null);
    }
}
