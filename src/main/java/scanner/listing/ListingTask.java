package scanner.listing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.UUID;

/**
 * A listing task the state machine put on the listing queue: list one page of a job's bucket and
 * answer with the task token (see statemachine/listing.asl.json).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListingTask(
        @JsonProperty("job_id") UUID jobId,
        @JsonProperty("bucket") String bucket,
        @JsonProperty("prefix") String prefix,
        @JsonProperty("continuation_token") String continuationToken,
        @JsonProperty("execution_arn") String executionArn,
        @JsonProperty("task_token") String taskToken) {

    private static final ObjectMapper JSON = scanner.config.Json.MAPPER;

    public static ListingTask parse(String body) throws IOException {
        ListingTask task = JSON.readValue(body, ListingTask.class);
        if (task.jobId() == null || task.bucket() == null || task.taskToken() == null) {
            throw new IOException("not a listing task");
        }
        return task;
    }

    @Override
    public String toString() {
        return "listing task of job " + jobId + " (s3://" + bucket + "/" + (prefix == null ? "" : prefix) + ")";
    }
}
