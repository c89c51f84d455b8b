package scanner.scan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/** The SQS message that asks a scanner to scan one object of one job. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScanMessage(
        @JsonProperty("job_id") UUID jobId,
        @JsonProperty("bucket") String bucket,
        @JsonProperty("key") String key,
        @JsonProperty("size") long size,
        @JsonProperty("max_size") @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Long maxSize) {

    public ScanMessage(UUID jobId, String bucket, String key, long size) {
        this(jobId, bucket, key, size, null);
    }
}
