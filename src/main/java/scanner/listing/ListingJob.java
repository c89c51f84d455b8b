package scanner.listing;

import java.util.UUID;

/** A job whose listing this process holds: where the next page starts, and whether it is done. */
public final class ListingJob {

    private final UUID jobId;
    private final String bucket;
    private final String prefix;
    private final scanner.api.ScanOptions options;
    private String continuationToken;
    private boolean finished;
    private long listed;

    public ListingJob(UUID jobId, String bucket, String prefix, String continuationToken) {
        this(jobId, bucket, prefix, continuationToken, scanner.api.ScanOptions.NONE);
    }

    public ListingJob(UUID jobId, String bucket, String prefix, String continuationToken, scanner.api.ScanOptions options) {
        this.options = options;
        this.jobId = jobId;
        this.bucket = bucket;
        this.prefix = prefix;
        this.continuationToken = continuationToken;
    }

    public UUID getJobId() {
        return jobId;
    }

    public String getBucket() {
        return bucket;
    }

    public String getPrefix() {
        return prefix;
    }

    public scanner.api.ScanOptions getOptions() {
        return options;
    }

    public String getContinuationToken() {
        return continuationToken;
    }

    public boolean isFinished() {
        return finished;
    }

    public boolean isHasMorePages() {
        return !finished;
    }

    public long getListed() {
        return listed;
    }

    void advance(String nextToken, int pageSize) {
        this.continuationToken = nextToken;
        this.listed += pageSize;
        this.finished = nextToken == null;
    }

    void stop() {
        this.finished = true;
    }

    @Override
    public String toString() {
        return "job " + jobId + " (s3://" + bucket + "/" + prefix + ")";
    }
}
