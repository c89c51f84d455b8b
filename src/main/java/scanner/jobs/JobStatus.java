package scanner.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The seed's {@code JobStatus} schema, field for field. Absent values are left out, never null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"job_id", "bucket", "prefix", "created_at", "updated_at", "status", "status_message",
        "step_function_status", "execution_arn", "total", "queued", "processing", "succeeded", "failed",
        "total_findings", "progress_percent", "data_source", "cache_refreshed_at", "cache_refresh_duration_ms", "schedule_id", "baseline_job_id", "unchanged_objects",
        "deleted_objects"})
public record JobStatus(
        @JsonProperty("job_id") String jobId,
        @JsonProperty("bucket") String bucket,
        @JsonProperty("prefix") String prefix,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("status") String status,
        @JsonProperty("status_message") String statusMessage,
        @JsonProperty("step_function_status") String stepFunctionStatus,
        @JsonProperty("execution_arn") String executionArn,
        @JsonProperty("total") long total,
        @JsonProperty("queued") long queued,
        @JsonProperty("processing") long processing,
        @JsonProperty("succeeded") long succeeded,
        @JsonProperty("failed") long failed,
        @JsonProperty("total_findings") long totalFindings,
        @JsonProperty("progress_percent") double progressPercent,
        @JsonProperty("data_source") String dataSource,
        @JsonProperty("cache_refreshed_at") String cacheRefreshedAt,
        @JsonProperty("cache_refresh_duration_ms") Long cacheRefreshDurationMs,
        /** The schedule that started the job; absent for jobs started by POST /scan. */
        @JsonProperty("schedule_id") String scheduleId,
        /** Incremental jobs only: the job compared against, objects carried over unscanned, objects gone since. */
        @JsonProperty("baseline_job_id") String baselineJobId,
        @JsonProperty("unchanged_objects") Long unchangedObjects,
        @JsonProperty("deleted_objects") Long deletedObjects) {
}
