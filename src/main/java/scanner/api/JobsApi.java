package scanner.api;

import java.sql.SQLException;
import java.util.UUID;
import scanner.jobs.JobRepository;
import scanner.jobs.JobStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What the REST calls do, behind their validation: start a scan, tell a job's status. */
public class JobsApi {

    private final JobRepository jobs;
    private final S3Client s3;

    public JobsApi(JobRepository jobs, S3Client s3) {
        this.jobs = jobs;
        this.s3 = s3;
    }

    /**
     * Records a job whose listing stage starts RUNNING. A bucket that S3 says does not exist is a 404
     * at once; when S3 cannot tell (no permission to HeadBucket here), the listing stage decides.
     */
    public ScanAccepted startScan(ScanRequest request) throws SQLException {
        if (!bucketMayExist(request.bucket())) {
            throw ApiException.notFound("bucket_not_found", "Bucket '" + request.bucket() + "' does not exist");
        }
        JobStatus job = jobs.create(UUID.randomUUID(), request.bucket(), request.prefix(), null);
        return new ScanAccepted(job.jobId(), job.status(), job.bucket(), job.prefix(), job.executionArn());
    }

    public JobStatus status(UUID jobId, boolean realTime) throws SQLException {
        return jobs.findStatus(jobId, realTime)
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
