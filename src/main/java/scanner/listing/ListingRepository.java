package scanner.listing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import scanner.jobs.ListingStage;
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


    private static final String INSERT_OBJECT = """
            INSERT INTO job_objects (job_id, key, size, etag) VALUES (?, ?, ?, ?)
            ON CONFLICT (job_id, key) DO NOTHING
            """;





    private static final com.fasterxml.jackson.databind.ObjectMapper OPTIONS_JSON = scanner.config.Json.MAPPER;

    private final DataSource dataSource;
    private final ListingStage stage;
    private final Duration lease;
    private final int maxAttempts;

    public ListingRepository(DataSource dataSource, Duration lease, int maxAttempts) {
        this.dataSource = dataSource;
        this.stage = new ListingStage(dataSource);
        this.lease = lease;
        this.maxAttempts = maxAttempts;
    }

    /** Frees every in-process listing lease (local mode, at start: no other lister exists). */
    public int releaseLeases() throws SQLException {
        return stage.releaseLeases();
    }

    /**
     * The job a Step Functions listing task is about, positioned at the task's continuation token;
     * null when the job is no longer listing (aborted, failed, or unknown).
     */
    public ListingJob forTask(scanner.listing.ListingTask task) throws SQLException {
        ListingStage.Listable job = stage.running(task.jobId());
        if (job == null) {
            return null;
        }
        // One page per task: a page fetched ahead would be thrown away.
        return new ListingJob(task.jobId(), job.bucket(), job.prefix(), task.continuationToken(),
                options(job.optionsJson(), task.jobId())).withoutPrefetch();
    }

    /** The job's scan options, stored as JSON. */
    private static ScanOptions options(String json, UUID jobId) throws SQLException {
        try {
            return OPTIONS_JSON.readValue(json, ScanOptions.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("Unreadable options of job " + jobId, e);
        }
    }

    /** Takes the oldest RUNNING job that no live lister holds, or returns null when there is none. */
    public ListingJob claimNext() throws SQLException {
        ListingStage.Listable job = stage.claimNext(lease);
        return job == null ? null : new ListingJob(job.jobId(), job.bucket(), job.prefix(), job.continuationToken(),
                options(job.optionsJson(), job.jobId()));
    }

    /** Inserts the page's objects in one batch and returns the messages that ask for their scan. */
    public List<ScanMessage> recordPage(ListingJob job, ListingPage page) throws SQLException {
        List<ScanMessage> messages = new ArrayList<>(page.objects().size());
        if (page.objects().isEmpty()) {
            return messages;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            UUID baseline = ListingStage.baselineOf(c, job.getJobId());
            try {
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
                ListingStage.touch(c, job.getJobId());
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


    /**
     * Moves the job past the page just enqueued; the last page ends the stage as SUCCEEDED. When the
     * job is no longer RUNNING (aborted meanwhile) the listing stops.
     */
    public void advance(ListingJob job, ListingPage page) throws SQLException {
        if (!stage.advance(job.getJobId(), page.nextToken(), lease)) {
            job.stop();
            return;
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
        ListingStage.Retry retry = stage.retryLater(job.getJobId());
        if (retry == null) {
            return null;
        }
        if (retry.attempts() >= maxAttempts) {
            fail(job, reason + " (gave up after " + retry.attempts() + " attempts)");
            return null;
        }
        return retry.backoff();
    }

    /** Ends the listing stage as FAILED with a reason a user can act on. */
    public void fail(ListingJob job, String reason) throws SQLException {
        stage.fail(job.getJobId(), reason);
        job.stop();
    }
}
