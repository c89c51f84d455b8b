package scanner.api;

/** A validated {@code POST /scan} body. {@code prefix} is "" for a whole-bucket scan. */
public record ScanRequest(String bucket, String prefix, ScanOptions options) {

    public ScanRequest(String bucket, String prefix) {
        this(bucket, prefix, ScanOptions.NONE);
    }
}
