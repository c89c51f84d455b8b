package scanner.api;

import scanner.jobs.ScanOptions;

import java.util.UUID;

/**
 * A validated {@code POST /scan} body. {@code prefix} is "" for a whole-bucket scan. An
 * incremental scan compares with {@code baselineJobId} when given, else with the newest completed
 * scan of the same bucket and prefix.
 */
public record ScanRequest(String bucket, String prefix, ScanOptions options, boolean incremental, UUID baselineJobId) {

    public ScanRequest(String bucket, String prefix, ScanOptions options) {
        this(bucket, prefix, options, false, null);
    }

    public ScanRequest(String bucket, String prefix) {
        this(bucket, prefix, ScanOptions.NONE);
    }
}
