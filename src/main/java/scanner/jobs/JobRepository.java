package scanner.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import scanner.db.Sql;

/** Creates jobs and assembles their status from the tables (real time) or from job_progress (cached). */
public class JobRepository {

    private static final String INSERT_JOB = """
            INSERT INTO jobs (job_id, bucket, prefix, execution_arn, options, baseline_job_id, schedule_id)
            VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)
            """;

    private static final String REAL_TIME = """
            SELECT s.job_id, s.bucket, s.prefix, s.created_at, s.updated_at,
                   j.step_function_status, j.status_reason, j.execution_arn, j.schedule_id,
                   j.baseline_job_id, j.unchanged_objects, j.deleted_objects,
                   s.total_objects, s.queued, s.processing, s.succeeded, s.failed, s.total_findings
            FROM job_summary s
            JOIN jobs j ON j.job_id = s.job_id
            WHERE s.job_id = ANY (?)
            """;

    // The stage comes from jobs (one row, always fresh); the counts from the last refresh.
    private static final String CACHED_COLUMNS_FROM = """
            SELECT p.job_id, p.bucket, p.prefix, p.created_at, p.updated_at,
                   j.step_function_status, j.status_reason, j.execution_arn, j.stage_changed_at, j.schedule_id,
                   j.baseline_job_id, j.unchanged_objects, j.deleted_objects,
                   p.total_objects, p.queued_count, p.processing_count, p.succeeded_count, p.failed_count,
                   p.total_findings, r.refreshed_at, r.duration_ms
            FROM job_progress p
            JOIN jobs j ON j.job_id = p.job_id
            CROSS JOIN LATERAL (
                SELECT refreshed_at, duration_ms FROM job_progress_refreshes
                ORDER BY refreshed_at DESC LIMIT 1
            ) r
            """;

    // The stage comes from jobs (one row, always fresh); the counts from the last refresh.
    private static final String CACHED = CACHED_COLUMNS_FROM + "WHERE p.job_id = ANY (?)\n";

    private static final String COUNT_RUNNING = """
            SELECT count(*) FROM jobs j
            WHERE j.step_function_status = 'RUNNING'
               OR (j.step_function_status = 'SUCCEEDED' AND job_work_left(j.job_id))
            """;

    private final DataSource dataSource;

    public JobRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** When job_progress was last refreshed (null before the first refresh). */
    public OffsetDateTime lastRefresh() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT max(refreshed_at) FROM job_progress_refreshes"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    /**
     * Every job's cached status as of the last refresh, with the refresh's time: what the API
     * answers from memory until the next refresh. Jobs whose listing stage changed after that
     * refresh are left out (their cached counts could call an unfinished job completed).
     */
    public ProgressSnapshot loadSnapshot() throws SQLException {
        Map<UUID, JobStatus> statuses = new HashMap<>();
        OffsetDateTime refreshedAt = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CACHED_COLUMNS_FROM);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                refreshedAt = rs.getObject("refreshed_at", OffsetDateTime.class);
                JobStatus status = cachedRow(rs);
                if (status != null) {
                    statuses.put(UUID.fromString(status.jobId()), status);
                }
            }
        }
        return new ProgressSnapshot(statuses, refreshedAt);
    }

    /** Jobs whose listing stage changed after {@code since}: their snapshot entries are stale. */
    public java.util.Set<UUID> stageChangedSince(OffsetDateTime since) throws SQLException {
        java.util.Set<UUID> changed = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT job_id FROM jobs WHERE stage_changed_at > ?")) {
            ps.setObject(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changed.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return changed;
    }

    /** Jobs still at work: listing, or listed with objects queued or being scanned. */
    public long countRunning() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return countRunning(c);
        }
    }

    /** The same count on the caller's connection (a schedule's fire round, in its transaction). */
    static long countRunning(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COUNT_RUNNING); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Records a new job whose listing stage is RUNNING. */
    public JobStatus create(UUID jobId, String bucket, String prefix, String executionArn) throws SQLException {
        return create(jobId, bucket, prefix, executionArn, "{}");
    }

    /** Records a new job whose listing stage is RUNNING, with its scan options (JSON). */
    public JobStatus create(UUID jobId, String bucket, String prefix, String executionArn, String optionsJson)
            throws SQLException {
        return create(jobId, bucket, prefix, executionArn, optionsJson, null);
    }

    /** Records a new job; with {@code baseline}, objects unchanged since that job are not scanned again. */
    public JobStatus create(UUID jobId, String bucket, String prefix, String executionArn, String optionsJson, UUID baseline)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            insert(c, jobId, bucket, prefix, executionArn, optionsJson, baseline, null);
        }
        return findStatus(jobId, true).orElseThrow();
    }

    /**
     * The one way a job comes into being (POST /scan and schedules' runs alike), on the caller's
     * connection so that a schedule records its run in the same transaction.
     */
    static void insert(Connection c, UUID jobId, String bucket, String prefix, String executionArn, String optionsJson,
                       UUID baseline, UUID scheduleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_JOB)) {
            ps.setObject(1, jobId);
            ps.setString(2, bucket);
            ps.setString(3, prefix);
            ps.setString(4, executionArn);
            ps.setString(5, optionsJson);
            ps.setObject(6, baseline);
            ps.setObject(7, scheduleId);
            ps.executeUpdate();
        }
    }

    /**
     * The job's status. Cached unless {@code realTime}; a job the cache does not hold yet, or whose
     * listing stage changed after the last refresh, is answered in real time.
     */
    public Optional<JobStatus> findStatus(UUID jobId, boolean realTime) throws SQLException {
        return findStatuses(List.of(jobId), realTime).stream().findFirst();
    }

    /**
     * The statuses of several jobs, in the order given (unknown ids left out), with at most two
     * queries whatever their number: the cache for all, then the tables for those it cannot answer.
     */
    public List<JobStatus> findStatuses(List<UUID> jobIds, boolean realTime) throws SQLException {
        Map<UUID, JobStatus> found = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            if (!realTime) {
                cached(c, jobIds, found);
            }
            List<UUID> rest = jobIds.stream().filter(id -> !found.containsKey(id)).toList();
            if (!rest.isEmpty()) {
                realTime(c, rest, found);
            }
        }
        List<JobStatus> statuses = new ArrayList<>(jobIds.size());
        for (UUID id : jobIds) {
            JobStatus status = found.get(id);
            if (status != null) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    private static void cached(Connection c, List<UUID> jobIds, Map<UUID, JobStatus> into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CACHED)) {
            ps.setArray(1, c.createArrayOf("uuid", jobIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JobStatus status = cachedRow(rs);
                    if (status != null) {
                        into.put(UUID.fromString(status.jobId()), status);
                    }
                }
            }
        }
    }

    /** A cached row as a status; null when the job's stage ended after the refresh (answer it in real time). */
    private static JobStatus cachedRow(ResultSet rs) throws SQLException {
        OffsetDateTime refreshedAt = rs.getObject("refreshed_at", OffsetDateTime.class);
        OffsetDateTime stageChangedAt = rs.getObject("stage_changed_at", OffsetDateTime.class);
        boolean stageFinished = !"RUNNING".equals(rs.getString("step_function_status"));
        if (stageFinished && stageChangedAt.isAfter(refreshedAt)) {
            // The cache predates the end of listing: its counts could call an unfinished job completed.
            return null;
        }
        JobStatusRules.Counts counts = new JobStatusRules.Counts(
                rs.getLong("total_objects"), rs.getLong("queued_count"), rs.getLong("processing_count"),
                rs.getLong("succeeded_count"), rs.getLong("failed_count"), rs.getLong("total_findings"));
        return assemble(rs, counts, "cached", Sql.isoUtc(refreshedAt), rs.getLong("duration_ms"));
    }

    private static void realTime(Connection c, List<UUID> jobIds, Map<UUID, JobStatus> into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(REAL_TIME)) {
            ps.setArray(1, c.createArrayOf("uuid", jobIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JobStatusRules.Counts counts = new JobStatusRules.Counts(
                            rs.getLong("total_objects"), rs.getLong("queued"), rs.getLong("processing"),
                            rs.getLong("succeeded"), rs.getLong("failed"), rs.getLong("total_findings"));
                    JobStatus status = assemble(rs, counts, "real_time", null, null);
                    into.put(UUID.fromString(status.jobId()), status);
                }
            }
        }
    }

    private static JobStatus assemble(ResultSet rs, JobStatusRules.Counts counts, String dataSource,
                                      String cacheRefreshedAt, Long cacheRefreshDurationMs) throws SQLException {
        String stage = rs.getString("step_function_status");
        UUID baseline = rs.getObject("baseline_job_id", UUID.class);
        JobStatusRules.Verdict verdict = JobStatusRules.evaluate(stage, counts, rs.getString("status_reason"));
        return new JobStatus(
                rs.getObject("job_id", UUID.class).toString(),
                rs.getString("bucket"),
                rs.getString("prefix"),
                Sql.isoUtc(rs.getObject("created_at", OffsetDateTime.class)),
                Sql.isoUtc(rs.getObject("updated_at", OffsetDateTime.class)),
                verdict.status(),
                verdict.statusMessage(),
                stage,
                rs.getString("execution_arn"),
                counts.total(), counts.queued(), counts.processing(), counts.succeeded(), counts.failed(),
                counts.totalFindings(),
                verdict.progressPercent(),
                dataSource,
                cacheRefreshedAt,
                cacheRefreshDurationMs,
                rs.getObject("schedule_id") == null ? null : rs.getObject("schedule_id").toString(),
                baseline == null ? null : baseline.toString(),
                baseline == null ? null : rs.getLong("unchanged_objects"),
                baseline == null ? null : (Long) rs.getObject("deleted_objects"));
    }

    /**
     * The baseline for a new incremental scan of {@code bucket}/{@code prefix}: the newest completed
     * job of the same bucket and prefix (or of {@code scheduleId}'s runs), null when there is none.
     */
    public UUID latestCompleted(String bucket, String prefix, UUID scheduleId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT j.job_id FROM jobs j
                WHERE j.bucket = ? AND j.prefix = ? AND (?::uuid IS NULL OR j.schedule_id = ?::uuid)
                  AND j.step_function_status = 'SUCCEEDED'
                  AND NOT job_work_left(j.job_id)
                ORDER BY j.created_at DESC LIMIT 1""")) {
            ps.setString(1, bucket);
            ps.setString(2, prefix);
            ps.setObject(3, scheduleId);
            ps.setObject(4, scheduleId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    /**
     * Ends a job as ABORTED unless it has already ended. Returns false when it had: the listing
     * stage failed, timed out or was aborted, or it succeeded and no object is left to scan.
     */
    public boolean abort(UUID jobId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE jobs j SET step_function_status = 'ABORTED', status_reason = 'aborted by request',
                                  listing_lease_until = NULL, stage_changed_at = now(), updated_at = now()
                WHERE j.job_id = ?
                  AND (j.step_function_status = 'RUNNING'
                       OR (j.step_function_status = 'SUCCEEDED' AND job_work_left(j.job_id)))
                """)) {
            ps.setObject(1, jobId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Records the Step Functions execution that drives the job's listing stage. */
    public void setExecutionArn(UUID jobId, String executionArn) throws SQLException {
        followExecution(jobId, executionArn);
    }

    /**
     * The job's listing continues in {@code executionArn} (the first execution, or one an execution
     * started as its successor): it becomes the job's current execution and joins the chain's record.
     * Repeating it is harmless; returns false when it was already the current one.
     */
    public boolean followExecution(UUID jobId, String executionArn) throws SQLException {
        if (executionArn == null || executionArn.isBlank()) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                WITH chained AS (
                    INSERT INTO job_executions (job_id, execution_arn) VALUES (?, ?) ON CONFLICT DO NOTHING
                )
                UPDATE jobs SET execution_arn = ?, updated_at = now()
                WHERE job_id = ? AND execution_arn IS DISTINCT FROM ?
                """)) {
            ps.setObject(1, jobId);
            ps.setString(2, executionArn);
            ps.setString(3, executionArn);
            ps.setObject(4, jobId);
            ps.setString(5, executionArn);
            return ps.executeUpdate() == 1;
        }
    }

    /** Every execution of the job's listing chain, in the order they started. */
    public List<String> executionChain(UUID jobId) throws SQLException {
        List<String> chain = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT execution_arn FROM job_executions WHERE job_id = ? ORDER BY started_at, execution_arn")) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    chain.add(rs.getString(1));
                }
            }
        }
        return chain;
    }

    /** A job and the execution of its listing stage. */
    public record Execution(UUID jobId, String executionArn) {
    }

    /** Jobs still listing through a Step Functions execution, the longest running first. */
    public List<Execution> runningExecutions(int limit) throws SQLException {
        List<Execution> running = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT job_id, execution_arn FROM jobs
                WHERE step_function_status = 'RUNNING' AND execution_arn IS NOT NULL
                ORDER BY stage_changed_at LIMIT ?
                """)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    running.add(new Execution(rs.getObject(1, UUID.class), rs.getString(2)));
                }
            }
        }
        return running;
    }

    /**
     * Ends the listing stage of a job still RUNNING as {@code stage} (SUCCEEDED, FAILED, TIMED_OUT
     * or ABORTED), with a reason; objects already recorded stay. Returns false when it had ended.
     */
    public boolean endListing(UUID jobId, String stage, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE jobs SET step_function_status = ?, status_reason = COALESCE(?, status_reason),
                                listing_lease_until = NULL, stage_changed_at = now(), updated_at = now()
                WHERE job_id = ? AND step_function_status = 'RUNNING'
                """)) {
            ps.setString(1, stage);
            ps.setString(2, reason);
            ps.setObject(3, jobId);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Takes or renews the lease {@code name} for {@code holder} when it is free, lapsed or already
     * this holder's: only one replica at a time does that work.
     */
    public boolean lead(String name, String holder, java.time.Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO scanner_leases AS l (name, holder, until) VALUES (?, ?, now() + make_interval(secs => ?))
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
                WHERE l.until < now() OR l.holder = excluded.holder
                RETURNING holder
                """)) {
            ps.setString(1, name);
            ps.setString(2, holder);
            ps.setDouble(3, lease.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
