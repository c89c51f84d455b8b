package scanner.listing;

import scanner.listing.ListingJob;
import scanner.listing.ListingPage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import scanner.jobs.ScanOptions;
import scanner.scan.ScanMessage;

/**
 * The local-mode listing stage, kept in {@code jobs}: a lister claims a RUNNING job with a lease,
 * records each page in {@code job_objects}, then advances the job's continuation token.
 *
 * <p>A page's rows are committed before its messages are sent, and the token advanced only after:
 * if the lister dies in between, the page is listed again, its rows are not inserted twice and its
 * messages are sent again (scanners drop messages for objects already scanned).
 */
public class ListingRepository {

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

    private static final String INSERT_OBJECT = """
            INSERT INTO job_objects (job_id, key, size, etag) VALUES (?, ?, ?, ?)
            ON CONFLICT (job_id, key) DO NOTHING
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

    private static final com.fasterxml.jackson.databind.ObjectMapper OPTIONS_JSON = scanner.config.Json.MAPPER;

    private final DataSource dataSource;
    private final Duration lease;

    private final int maxAttempts;

    public ListingRepository(DataSource dataSource, Duration lease, int maxAttempts) {
        this.dataSource = dataSource;
        this.lease = lease;
        this.maxAttempts = maxAttempts;
    }

    /** Frees every in-process listing lease (local mode, at start: no other lister exists). */
    public int releaseLeases() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE jobs SET listing_lease_until = NULL WHERE step_function_status = 'RUNNING' AND execution_arn IS NULL"
                        + " AND listing_lease_until > now()")) {
            return ps.executeUpdate();
        }
    }

    /**
     * The job a Step Functions listing task is about, positioned at the task's continuation token;
     * null when the job is no longer listing (aborted, failed, or unknown).
     */
    public ListingJob forTask(scanner.listing.ListingTask task) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT bucket, prefix, options::text AS options FROM jobs WHERE job_id = ? AND step_function_status = 'RUNNING'")) {
            ps.setObject(1, task.jobId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                // One page per task: a page fetched ahead would be thrown away.
                return new ListingJob(task.jobId(), rs.getString("bucket"), rs.getString("prefix"),
                        task.continuationToken(), options(rs, task.jobId())).withoutPrefetch();
            }
        }
    }

    /** The job's scan options, stored as JSON. */
    private static ScanOptions options(ResultSet rs, UUID jobId) throws SQLException {
        try {
            return OPTIONS_JSON.readValue(rs.getString("options"), ScanOptions.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("Unreadable options of job " + jobId, e);
        }
    }

    /** Takes the oldest RUNNING job that no live lister holds, or returns null when there is none. */
    public ListingJob claimNext() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setLong(1, lease.toSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                UUID jobId = rs.getObject("job_id", UUID.class);
                return new ListingJob(jobId, rs.getString("bucket"), rs.getString("prefix"),
                        rs.getString("listing_token"), options(rs, jobId));
            }
        }
    }

    /** Inserts the page's objects in one batch and returns the messages that ask for their scan. */
    public List<ScanMessage> recordPage(ListingJob job, ListingPage page) throws SQLException {
        List<ScanMessage> messages = new ArrayList<>(page.objects().size());
        if (page.objects().isEmpty()) {
            return messages;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            UUID baseline = baselineOf(c, job.getJobId());
            try (PreparedStatement touch = c.prepareStatement(TOUCH_JOB)) {
                java.util.Set<String> unchanged = baseline == null ? java.util.Set.of() : recordAgainst(c, job.getJobId(), baseline, page);
                if (baseline == null) {
                    try (PreparedStatement insert = c.prepareStatement(INSERT_OBJECT)) {
                        for (ListingPage.ListedObject object : page.objects()) {
                            insert.setObject(1, job.getJobId());
                            insert.setString(2, object.key());
                            insert.setLong(3, object.size());
                            insert.setString(4, object.etag());
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                }
                for (ListingPage.ListedObject object : page.objects()) {
                    if (!unchanged.contains(object.key())) {
                        messages.add(new ScanMessage(job.getJobId(), job.getBucket(), object.key(), object.size(),
                                job.getOptions().maxObjectSize()));
                    }
                }
                touch.setObject(1, job.getJobId());
                touch.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return messages;
    }

    // One statement per page of an incremental run: the page's objects are inserted already
    // compared with the baseline (equal size and ETag, and scanned: succeeded and unchanged, with
    // the baseline's finding counts), the baseline's findings are copied to the unchanged ones, and
    // the job counts them. Rows are written once in their final state: an insert-then-update would
    // leave a dead "queued" index entry per object, which later pages' statements would wade through.
    // A page recorded before (a restarted lister) inserts nothing and so carries nothing twice.
    private static final String RECORD_AGAINST_BASELINE = """
            WITH page AS (
                SELECT * FROM unnest(?::text[], ?::bigint[], ?::text[]) AS p (key, size, etag)
            ), inserted AS (
                INSERT INTO job_objects (job_id, key, size, etag, status, unchanged, findings_count, findings_dropped)
                SELECT ?, p.key, p.size, p.etag, CASE WHEN b.id IS NULL THEN 'queued' ELSE 'succeeded' END,
                       b.id IS NOT NULL, COALESCE(b.findings_count, 0), COALESCE(b.findings_dropped, 0)
                FROM page p LEFT JOIN job_objects b
                  ON b.job_id = ? AND b.key = p.key AND b.size = p.size AND b.etag = p.etag AND b.status = 'succeeded'
                ON CONFLICT (job_id, key) DO NOTHING
                RETURNING id, key, unchanged
            ), copied AS (
                INSERT INTO findings (job_id, object_id, detector, line, byte_offset, masked, location)
                SELECT ?, i.id, f.detector, f.line, f.byte_offset, f.masked, f.location
                FROM inserted i JOIN job_objects b ON b.job_id = ? AND b.key = i.key
                CROSS JOIN LATERAL (   -- by index, per carried object: never a scan of findings
                    SELECT detector, line, byte_offset, masked, location FROM findings WHERE object_id = b.id) f
                WHERE i.unchanged
                RETURNING 1
            ), counted AS (
                UPDATE jobs SET unchanged_objects = unchanged_objects + (SELECT count(*) FROM inserted WHERE unchanged)
                WHERE job_id = ?
                RETURNING 1
            )
            SELECT key, (SELECT count(*) FROM copied) AS copied, (SELECT count(*) FROM counted) AS counted
            FROM inserted WHERE unchanged
            """;

    private static UUID baselineOf(Connection c, UUID jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT baseline_job_id FROM jobs WHERE job_id = ?")) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    /** Records the page of a job with a baseline; returns the keys unchanged since it (not to be scanned). */
    private static java.util.Set<String> recordAgainst(Connection c, UUID jobId, UUID baseline, ListingPage page) throws SQLException {
        java.util.Set<String> unchanged = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(RECORD_AGAINST_BASELINE)) {
            ps.setArray(1, c.createArrayOf("text", page.objects().stream().map(ListingPage.ListedObject::key).toArray()));
            ps.setArray(2, c.createArrayOf("bigint", page.objects().stream().map(ListingPage.ListedObject::size).toArray()));
            ps.setArray(3, c.createArrayOf("text", page.objects().stream().map(ListingPage.ListedObject::etag).toArray()));
            ps.setObject(4, jobId);
            ps.setObject(5, baseline);
            ps.setObject(6, jobId);
            ps.setObject(7, baseline);
            ps.setObject(8, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    unchanged.add(rs.getString("key"));
                }
            }
        }
        return unchanged;
    }

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

    /**
     * Moves the job past the page just enqueued; the last page ends the stage as SUCCEEDED. When the
     * job is no longer RUNNING (aborted meanwhile) the listing stops.
     */
    public void advance(ListingJob job, ListingPage page) throws SQLException {
        boolean last = page.nextToken() == null;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ADVANCE)) {
            if (last) {
                try (PreparedStatement deleted = c.prepareStatement(RECORD_DELETED)) {
                    deleted.setObject(1, job.getJobId());
                    deleted.executeUpdate();
                }
            }
            ps.setString(1, page.nextToken());
            ps.setBoolean(2, last);
            ps.setLong(3, lease.toSeconds());
            ps.setBoolean(4, last);
            ps.setBoolean(5, last);
            ps.setObject(6, job.getJobId());
            if (ps.executeUpdate() == 0) {
                job.stop();
                return;
            }
        }
        job.advance(page.nextToken(), page.objects().size());
    }

    /**
     * After a transient error: the job waits an exponential backoff with jitter (1 s, 2 s, 4 s ... at
     * most a minute), then any lister resumes it from its continuation token. After
     * {@code maxAttempts} consecutive failures the listing fails with the last reason.
     * Returns the wait, or null when the job failed or is no longer listing.
     */
    public Duration retryLater(ListingJob job, String reason) throws SQLException {
        job.stop();
        int attempts;
        Duration wait;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RETRY_LATER)) {
            ps.setObject(1, job.getJobId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                attempts = rs.getInt("listing_attempts");
                wait = Duration.ofMillis(Math.round(rs.getDouble("wait_seconds") * 1000));
            }
        }
        if (attempts >= maxAttempts) {
            fail(job, reason + " (gave up after " + attempts + " attempts)");
            return null;
        }
        return wait;
    }

    /** Ends the listing stage as FAILED with a reason a user can act on. */
    public void fail(ListingJob job, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FAIL)) {
            ps.setString(1, reason);
            ps.setObject(2, job.getJobId());
            ps.executeUpdate();
        }
        job.stop();
    }
}
