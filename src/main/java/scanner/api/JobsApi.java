package scanner.api;

import scanner.listing.JobLaunches;
import scanner.jobs.JobPosition;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import scanner.jobs.JobReads;
import scanner.jobs.JobRepository;
import scanner.jobs.JobStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What the REST calls do, behind their validation: start a scan, tell a job's status. */
public class JobsApi {

    private static final com.fasterxml.jackson.databind.ObjectMapper OPTIONS_JSON = scanner.config.Json.MAPPER;

    private final JobRepository jobs;
    private final JobReads reads;
    private final S3Client s3;
    private final ApiLimits limits;
    private final scanner.jobs.ProgressCache progress;
    private final JobLaunches launches;

    public JobsApi(JobRepository jobs, JobReads reads, S3Client s3, ApiLimits limits, scanner.jobs.ProgressCache progress,
                   JobLaunches launches) {
        this.jobs = jobs;
        this.reads = reads;
        this.s3 = s3;
        this.limits = limits;
        this.progress = progress;
        this.launches = launches;
    }

    /** A page of findings: {@code next_cursor} is null on the last page. */
    @JsonPropertyOrder({"job_id", "findings", "next_cursor"})
    public record FindingsPage(@JsonProperty("job_id") String jobId,
                               @JsonProperty("findings") List<JobReads.FindingRow> findings,
                               @JsonProperty("next_cursor") String nextCursor) {
    }

    /** A page of objects: {@code next_cursor} is null on the last page. */
    @JsonPropertyOrder({"job_id", "objects", "next_cursor"})
    public record ObjectsPage(@JsonProperty("job_id") String jobId,
                              @JsonProperty("objects") List<JobReads.ObjectRow> objects,
                              @JsonProperty("next_cursor") String nextCursor) {
    }

    /** A page of jobs, newest first: {@code next_cursor} is null on the last page. */
    @JsonPropertyOrder({"jobs", "next_cursor"})
    public record JobsPage(@JsonProperty("jobs") List<JobStatus> jobs, @JsonProperty("next_cursor") String nextCursor) {
    }

    public JobsPage jobs(String status, int limit, String cursor) throws SQLException {
        JobPosition after = Cursor.decodeJobs(cursor);
        List<JobPosition> rows = reads.jobs(after, limit + 1, status);
        List<JobStatus> items = jobs.findStatuses(rows.subList(0, Math.min(limit, rows.size())).stream()
                .map(JobPosition::jobId).toList(), false);
        String next = rows.size() > limit ? Cursor.encodeJobs(rows.get(limit - 1)) : null;
        return new JobsPage(items, next);
    }

    public FindingsPage findings(UUID jobId, int limit, String cursor, String key, String detector) throws SQLException {
        long after = Cursor.decode(cursor, "findings", jobId);
        requireJob(jobId);
        List<JobReads.FindingRow> rows = reads.findings(jobId, after, limit + 1, key, detector);
        String next = rows.size() > limit ? Cursor.encode("findings", jobId, rows.get(limit - 1).id()) : null;
        return new FindingsPage(jobId.toString(), rows.subList(0, Math.min(limit, rows.size())), next);
    }

    public record BucketFindingsPage(@JsonProperty("bucket") String bucket,
                                     @JsonProperty("findings") List<JobReads.BucketFindingRow> findings,
                                     @JsonProperty("next_cursor") String nextCursor) {
    }

    /** The bucket's findings now: those of the latest completed run of each prefix scanned. */
    public BucketFindingsPage bucketFindings(String bucket, int limit, String cursor) throws SQLException {
        String problem = bucket == null ? "missing" : ApiRequests.bucketNameProblem(bucket);
        if (problem != null) {
            throw ApiException.badRequest("invalid_bucket", "Invalid bucket name: " + problem);
        }
        UUID listing = UUID.nameUUIDFromBytes(bucket.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long after = Cursor.decode(cursor, "bucket-findings", listing);
        List<JobReads.BucketFindingRow> rows = reads.bucketFindings(bucket, after, limit + 1);
        String next = rows.size() > limit ? Cursor.encode("bucket-findings", listing, rows.get(limit - 1).id()) : null;
        return new BucketFindingsPage(bucket, rows.subList(0, Math.min(limit, rows.size())), next);
    }

    public record DetectorsPage(@JsonProperty("job_id") String jobId,
                                @JsonProperty("detectors") List<JobReads.DetectorCount> detectors) {
    }

    public DetectorsPage detectors(UUID jobId) throws SQLException {
        requireJob(jobId);
        return new DetectorsPage(jobId.toString(), reads.findingsByDetector(jobId));
    }

    public ObjectsPage objects(UUID jobId, int limit, String cursor, String status) throws SQLException {
        long after = Cursor.decode(cursor, "objects", jobId);
        requireJob(jobId);
        List<JobReads.ObjectRow> rows = reads.objects(jobId, after, limit + 1, status);
        String next = rows.size() > limit ? Cursor.encode("objects", jobId, rows.get(limit - 1).id()) : null;
        return new ObjectsPage(jobId.toString(), rows.subList(0, Math.min(limit, rows.size())), next);
    }

    /** A page of an incremental run's deleted objects: {@code next_cursor} is null on the last page. */
    @JsonPropertyOrder({"job_id", "baseline_job_id", "deleted_objects", "next_cursor"})
    public record DeletedObjectsPage(@JsonProperty("job_id") String jobId,
                                     @JsonProperty("baseline_job_id") String baselineJobId,
                                     @JsonProperty("deleted_objects") List<JobReads.DeletedObjectRow> deletedObjects,
                                     @JsonProperty("next_cursor") String nextCursor) {
    }

    /**
     * The objects of an incremental run's baseline that were gone from the bucket, known once the
     * run's listing has ended: 409 while it lists, when its listing never finished (aborted,
     * failed), and for a run without a baseline.
     */
    public DeletedObjectsPage deletedObjects(UUID jobId, int limit, String cursor) throws SQLException {
        long after = Cursor.decode(cursor, "deleted-objects", jobId);
        JobStatus job = jobs.findStatus(jobId, false)
                .orElseThrow(() -> ApiException.notFound("job_not_found", "No job with id " + jobId));
        if (job.baselineJobId() == null) {
            throw new ApiException(409, "not_incremental",
                    "Job " + jobId + " has no baseline: deleted objects are reported by incremental runs");
        }
        if (job.deletedObjects() == null && "listing".equals(job.status())) {
            throw new ApiException(409, "listing_in_progress",
                    "Job " + jobId + " is still listing the bucket: deleted objects are known when the listing ends");
        }
        if (job.deletedObjects() == null) {
            throw new ApiException(409, "listing_incomplete",
                    "The listing of job " + jobId + " did not finish (" + job.status() + "): its deleted objects are not known");
        }
        List<JobReads.DeletedObjectRow> rows = reads.deletedObjects(jobId, after, limit + 1);
        String next = rows.size() > limit ? Cursor.encode("deleted-objects", jobId, rows.get(limit - 1).id()) : null;
        return new DeletedObjectsPage(jobId.toString(), job.baselineJobId(), rows.subList(0, Math.min(limit, rows.size())), next);
    }

    /**
     * Stops a job: the listing stage ends at once and objects still queued are never scanned
     * (scanners drop their messages). 409 when the job has already ended.
     */
    public JobStatus abort(UUID jobId) throws SQLException {
        requireJob(jobId);
        if (!jobs.abort(jobId)) {
            throw new ApiException(409, "job_finished", "Job " + jobId + " has already finished");
        }
        JobStatus aborted = status(jobId, true);
        launches.stop(jobId, aborted.executionArn());
        return aborted;
    }

    private void requireJob(UUID jobId) throws SQLException {
        if (!reads.exists(jobId)) {
            throw ApiException.notFound("job_not_found", "No job with id " + jobId);
        }
    }

    /**
     * Records a job whose listing stage starts RUNNING. A bucket that S3 says does not exist is a 404
     * at once; when S3 cannot tell (no permission to HeadBucket here), the listing stage decides.
     */
    public ScanAccepted startScan(ScanRequest request) throws SQLException, com.fasterxml.jackson.core.JsonProcessingException {
        if (jobs.countRunning() >= limits.maxRunningJobs()) {
            throw new ApiException(429, "too_many_running_jobs", limits.maxRunningJobs() + " jobs are listing or "
                    + "processing already (SCANNER_MAX_RUNNING_JOBS); start this one when one of them has ended");
        }
        if (!bucketMayExist(request.bucket())) {
            throw ApiException.notFound("bucket_not_found", "Bucket '" + request.bucket() + "' does not exist");
        }
        JobStatus job = jobs.create(UUID.randomUUID(), request.bucket(), request.prefix(), null,
                OPTIONS_JSON.writeValueAsString(request.options()), baselineOf(request));
        try {
            String executionArn = launches.launch(UUID.fromString(job.jobId()), job.bucket(), job.prefix());
            return new ScanAccepted(job.jobId(), job.status(), job.bucket(), job.prefix(), executionArn);
        } catch (JobLaunches.NotStarted e) {
            // the job has ended FAILED with the reason; the caller learns it too
            throw new ApiException(503, "step_functions_unavailable", e.reason() + " (job " + job.jobId() + ")");
        }
    }

    /**
     * The job an incremental scan compares with: the one named (which must be a completed scan of
     * the same bucket), else the newest completed scan of the same bucket and prefix (none: a full scan).
     */
    private UUID baselineOf(ScanRequest request) throws SQLException {
        if (!request.incremental()) {
            return null;
        }
        if (request.baselineJobId() == null) {
            return jobs.latestCompleted(request.bucket(), request.prefix(), null);
        }
        JobStatus baseline = jobs.findStatus(request.baselineJobId(), true).orElseThrow(() -> ApiException.badRequest(
                "invalid_baseline", "No job with id " + request.baselineJobId() + " to compare with"));
        if (!baseline.bucket().equals(request.bucket()) || !baseline.status().equals("completed")) {
            throw ApiException.badRequest("invalid_baseline",
                    "The baseline must be a completed scan of bucket '" + request.bucket() + "'; job "
                            + baseline.jobId() + " is a " + baseline.status() + " scan of '" + baseline.bucket() + "'");
        }
        return request.baselineJobId();
    }

    /** GET /jobs/{id}: a cached answer from memory when the last refresh holds the job, else from the tables. */
    public JobStatus status(UUID jobId, boolean realTime) throws SQLException {
        return progress.status(jobId, realTime)
                .orElseThrow(() -> ApiException.notFound("job_not_found", "No job with id " + jobId));
    }

    private boolean bucketMayExist(String bucket) {
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            return e.statusCode() != 404;
        }
    }
}
