package scanner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The {@code 202} answer to {@code POST /scan}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"job_id", "status", "bucket", "prefix", "execution_arn"})
public record ScanAccepted(
        @JsonProperty("job_id") String jobId,
        @JsonProperty("status") String status,
        @JsonProperty("bucket") String bucket,
        @JsonProperty("prefix") String prefix,
        @JsonProperty("execution_arn") String executionArn) {
}
