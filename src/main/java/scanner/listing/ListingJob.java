package scanner.listing;

import scanner.jobs.ScanOptions;

import java.util.UUID;

/** A job whose listing this process holds: where the next page starts, and whether it is done. */
public final class ListingJob {

    private final UUID jobId;
    private final String bucket;
    private final String prefix;
    private final scanner.jobs.ScanOptions options;
    private String continuationToken;
    private boolean finished;
    private long listed;
    private boolean prefetch = true;
    private String prefetchedToken;
    private java.util.concurrent.CompletableFuture<ListingPage> prefetched;

    public ListingJob(UUID jobId, String bucket, String prefix, String continuationToken) {
        this(jobId, bucket, prefix, continuationToken, scanner.jobs.ScanOptions.NONE);
    }

    public ListingJob(UUID jobId, String bucket, String prefix, String continuationToken, scanner.jobs.ScanOptions options) {
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

    public scanner.jobs.ScanOptions getOptions() {
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

    public void advance(String nextToken, int pageSize) {
        this.continuationToken = nextToken;
        this.listed += pageSize;
        this.finished = nextToken == null;
    }

    /** Keeps the page being fetched ahead, starting at {@code token}. */
    void prefetched(String token, java.util.concurrent.CompletableFuture<ListingPage> page) {
        this.prefetchedToken = token;
        this.prefetched = page;
    }

    /** The page fetched ahead if it starts at {@code token}, else null; either way it is no longer kept. */
    java.util.concurrent.CompletableFuture<ListingPage> takePrefetched(String token) {
        java.util.concurrent.CompletableFuture<ListingPage> page =
                token != null && token.equals(prefetchedToken) ? prefetched : null;
        prefetched = null;
        prefetchedToken = null;
        return page;
    }

    /** For a job listed one page per task: no page is fetched ahead. */
    public ListingJob withoutPrefetch() {
        this.prefetch = false;
        return this;
    }

    boolean wantsPrefetch() {
        return prefetch;
    }

    /** Whether a page is being fetched ahead. */
    public boolean isPrefetching() {
        return prefetched != null;
    }

    public void stop() {
        this.finished = true;
    }

    @Override
    public String toString() {
        return "job " + jobId + " (s3://" + bucket + "/" + prefix + ")";
    }
}
