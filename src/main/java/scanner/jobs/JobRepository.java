package scanner.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import scanner.db.Sql;

/** Creates jobs and assembles their status from the tables (real time) or from job_progress (cached). */
public class JobRepository {

    private static final String INSERT_JOB = """
            INSERT INTO jobs (job_id, bucket, prefix, execution_arn, options)
            VALUES (?, ?, ?, ?, ?::jsonb)
            """;

    private static final String REAL_TIME = """
            SELECT s.job_id, s.bucket, s.prefix, s.created_at, s.updated_at,
                   j.step_function_status, j.status_reason, j.execution_arn,
                   s.total_objects, s.queued, s.processing, s.succeeded, s.failed, s.total_findings
            FROM job_summary s
            JOIN jobs j ON j.job_id = s.job_id
            WHERE s.job_id = ?
            """;

    // The stage comes from jobs (one row, always fresh); the counts from the last refresh.
    private static final String CACHED = """
            SELECT p.job_id, p.bucket, p.prefix, p.created_at, p.updated_at,
                   j.step_function_status, j.status_reason, j.execution_arn, j.stage_changed_at,
                   p.total_objects, p.queued_count, p.processing_count, p.succeeded_count, p.failed_count,
                   p.total_findings, r.refreshed_at, r.duration_ms
            FROM job_progress p
            JOIN jobs j ON j.job_id = p.job_id
            CROSS JOIN LATERAL (
                SELECT refreshed_at, duration_ms FROM job_progress_refreshes
                ORDER BY refreshed_at DESC LIMIT 1
            ) r
            WHERE p.job_id = ?
            """;

    private final DataSource dataSource;

    public JobRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a new job whose listing stage is RUNNING. */
    public JobStatus create(UUID jobId, String bucket, String prefix, String executionArn) throws SQLException {
        return create(jobId, bucket, prefix, executionArn, "{}");
    }

    /** Records a new job whose listing stage is RUNNING, with its scan options (JSON). */
    public JobStatus create(UUID jobId, String bucket, String prefix, String executionArn, String optionsJson)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_JOB)) {
            ps.setObject(1, jobId);
            ps.setString(2, bucket);
            ps.setString(3, prefix);
            ps.setString(4, executionArn);
            ps.setString(5, optionsJson);
            ps.executeUpdate();
        }
        return findStatus(jobId, true).orElseThrow();
    }

    /**
     * The job's status. Cached unless {@code realTime}; a job the cache does not hold yet, or whose
     * listing stage changed after the last refresh, is answered in real time.
     */
    public Optional<JobStatus> findStatus(UUID jobId, boolean realTime) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!realTime) {
                Optional<JobStatus> cached = cached(c, jobId);
                if (cached.isPresent()) {
                    return cached;
                }
            }
            return realTime(c, jobId);
        }
    }

    private static Optional<JobStatus> cached(Connection c, UUID jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CACHED)) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                OffsetDateTime refreshedAt = rs.getObject("refreshed_at", OffsetDateTime.class);
                OffsetDateTime stageChangedAt = rs.getObject("stage_changed_at", OffsetDateTime.class);
                boolean stageFinished = !"RUNNING".equals(rs.getString("step_function_status"));
                if (stageFinished && stageChangedAt.isAfter(refreshedAt)) {
                    // The cache predates the end of listing: its counts could call an unfinished job completed.
                    return Optional.empty();
                }
                JobStatusRules.Counts counts = new JobStatusRules.Counts(
                        rs.getLong("total_objects"), rs.getLong("queued_count"), rs.getLong("processing_count"),
                        rs.getLong("succeeded_count"), rs.getLong("failed_count"), rs.getLong("total_findings"));
                return Optional.of(assemble(rs, counts, "cached", Sql.isoUtc(refreshedAt), rs.getLong("duration_ms")));
            }
        }
    }

    private static Optional<JobStatus> realTime(Connection c, UUID jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(REAL_TIME)) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                JobStatusRules.Counts counts = new JobStatusRules.Counts(
                        rs.getLong("total_objects"), rs.getLong("queued"), rs.getLong("processing"),
                        rs.getLong("succeeded"), rs.getLong("failed"), rs.getLong("total_findings"));
                return Optional.of(assemble(rs, counts, "real_time", null, null));
            }
        }
    }

    private static JobStatus assemble(ResultSet rs, JobStatusRules.Counts counts, String dataSource,
                                      String cacheRefreshedAt, Long cacheRefreshDurationMs) throws SQLException {
        String stage = rs.getString("step_function_status");
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
                cacheRefreshDurationMs);
    }
}
