package scanner.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A job's listing-stage columns, for the listing stage: the lease a lister holds on it, its
 * position (the continuation token of the next page), its failed attempts, and the stage's end
 * (SUCCEEDED after the last page, FAILED with a reason). Every statement on {@code jobs} lives in
 * this package; the listing stage asks here.
 */
public class ListingStage {

    private static final String CLAIM = """
            UPDATE jobs SET listing_lease_until = now() + make_interval(secs => ?)
            WHERE job_id = (
                SELECT job_id FROM jobs
                WHERE step_function_status = 'RUNNING' AND execution_arn IS NULL
                  AND (listing_lease_until IS NULL OR listing_lease_until < now())
                ORDER BY created_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING job_id, bucket, prefix, listing_token, options::text AS options
            """;

    private static final String TOUCH_JOB = "UPDATE jobs SET updated_at = now() WHERE job_id = ?";

    private static final String ADVANCE = """
            UPDATE jobs SET
                listing_token = ?,
                listing_attempts = 0,
                listing_lease_until = CASE WHEN ? THEN NULL ELSE now() + make_interval(secs => ?) END,
                step_function_status = CASE WHEN ? THEN 'SUCCEEDED' ELSE step_function_status END,
                stage_changed_at = CASE WHEN ? THEN now() ELSE stage_changed_at END,
                updated_at = now()
            WHERE job_id = ? AND step_function_status = 'RUNNING'
            """;

    private static final String FAIL = """
            UPDATE jobs SET step_function_status = 'FAILED', status_reason = ?, listing_lease_until = NULL,
                            stage_changed_at = now(), updated_at = now()
            WHERE job_id = ? AND step_function_status = 'RUNNING'
            """;

    // The lease now ends after the backoff, so the next claim (by any lister) waits that long:
    // 1 s, 2 s, 4 s ... at most 60 s, each scaled by a random 50-100% so listers do not retry in step.
    private static final String RETRY_LATER = """
            UPDATE jobs SET listing_attempts = listing_attempts + 1,
                            listing_lease_until = now() + make_interval(secs =>
                                least(60, power(2, least(listing_attempts, 10))) * (0.5 + random() / 2)),
                            updated_at = now()
            WHERE job_id = ? AND step_function_status = 'RUNNING'
            RETURNING listing_attempts, extract(epoch FROM listing_lease_until - now()) AS wait_seconds
            """;

    // At the end of an incremental job's listing: the baseline's objects no longer in the bucket,
    // recorded and counted in one statement. Only once: a retried last page finds them counted.
    private static final String RECORD_DELETED = """
            WITH job AS (
                SELECT job_id, baseline_job_id FROM jobs
                WHERE job_id = ? AND baseline_job_id IS NOT NULL AND deleted_objects IS NULL
                FOR UPDATE
            ), gone AS (
                INSERT INTO deleted_objects (job_id, key, size, findings_count)
                SELECT job.job_id, b.key, b.size, b.findings_count
                FROM job JOIN job_objects b ON b.job_id = job.baseline_job_id
                WHERE NOT EXISTS (SELECT 1 FROM job_objects o WHERE o.job_id = job.job_id AND o.key = b.key)
                ORDER BY b.key
                RETURNING 1
            )
            UPDATE jobs j SET deleted_objects = (SELECT count(*) FROM gone)
            FROM job WHERE j.job_id = job.job_id
            """;

    /** A RUNNING job as a lister takes it: where to list, from which token, with which options (JSON). */
    public record Listable(UUID jobId, String bucket, String prefix, String continuationToken, String optionsJson) {
    }

    /** After a failed attempt: how many in a row so far, and how long until any lister may retry. */
    public record Retry(int attempts, Duration backoff) {
    }

    private final DataSource dataSource;

    public ListingStage(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Frees every in-process listing lease (local mode, at start: no other lister exists). */
    public int releaseLeases() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE jobs SET listing_lease_until = NULL WHERE step_function_status = 'RUNNING' AND execution_arn IS NULL"
                        + " AND listing_lease_until > now()")) {
            return ps.executeUpdate();
        }
    }

    /** The job if it is still listing (its token left null: a Step Functions task carries its own). */
    public Listable running(UUID jobId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT bucket, prefix, options::text AS options FROM jobs WHERE job_id = ? AND step_function_status = 'RUNNING'")) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Listable(jobId, rs.getString("bucket"), rs.getString("prefix"), null, rs.getString("options")) : null;
            }
        }
    }

    /** Takes the oldest RUNNING job that no live lister holds, with a lease; null when there is none. */
    public Listable claimNext(Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setLong(1, lease.toSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Listable(rs.getObject("job_id", UUID.class), rs.getString("bucket"), rs.getString("prefix"),
                        rs.getString("listing_token"), rs.getString("options"));
            }
        }
    }

    /** The job an incremental run compares with, or null (read in the page's transaction). */
    public static UUID baselineOf(Connection c, UUID jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT baseline_job_id FROM jobs WHERE job_id = ?")) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    /** The job moved in the page's transaction (its updated_at: the status shows progress). */
    public static void touch(Connection c, UUID jobId) throws SQLException {
        try (PreparedStatement touch = c.prepareStatement(TOUCH_JOB)) {
            touch.setObject(1, jobId);
            touch.executeUpdate();
        }
    }

    /**
     * Moves the job past a page already recorded and enqueued: {@code nextToken} null ends the stage
     * as SUCCEEDED (an incremental run then records the baseline's objects gone from the bucket).
     * False when the job is no longer RUNNING (aborted meanwhile): the listing stops.
     */
    public boolean advance(UUID jobId, String nextToken, Duration lease) throws SQLException {
        boolean last = nextToken == null;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ADVANCE)) {
            if (last) {
                try (PreparedStatement deleted = c.prepareStatement(RECORD_DELETED)) {
                    deleted.setObject(1, jobId);
                    deleted.executeUpdate();
                }
            }
            ps.setString(1, nextToken);
            ps.setBoolean(2, last);
            ps.setLong(3, lease.toSeconds());
            ps.setBoolean(4, last);
            ps.setBoolean(5, last);
            ps.setObject(6, jobId);
            return ps.executeUpdate() > 0;
        }
    }

    /** One more failed attempt: the job waits a backoff before any lister resumes it; null when it is no longer listing. */
    public Retry retryLater(UUID jobId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RETRY_LATER)) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Retry(rs.getInt("listing_attempts"), Duration.ofMillis(Math.round(rs.getDouble("wait_seconds") * 1000)));
            }
        }
    }

    /** Ends the listing stage as FAILED with a reason a user can act on. */
    public void fail(UUID jobId, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FAIL)) {
            ps.setString(1, reason);
            ps.setObject(2, jobId);
            ps.executeUpdate();
        }
    }
}
