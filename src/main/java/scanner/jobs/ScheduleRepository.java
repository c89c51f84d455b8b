package scanner.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.CronExpression;
import scanner.db.Sql;

/**
 * Scheduled scans, kept in PostgreSQL. Firing is safe with any number of replicas: each locks the
 * due schedules it takes (FOR UPDATE SKIP LOCKED) and, in the same transaction, starts the run
 * and moves the schedule to its next fire time. A run whose predecessor is still going is
 * skipped, with the reason recorded.
 */
public class ScheduleRepository {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ScheduleRepository.class);

    private static final String COLUMNS = """
            schedule_id, bucket, prefix, options::text AS options, cron, paused, incremental, created_at, next_fire_at,
            last_fired_at, last_job_id, last_skipped_at, last_skip_reason""";

    /** A schedule as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Schedule(@JsonProperty("schedule_id") String scheduleId, @JsonProperty("bucket") String bucket,
                           @JsonProperty("prefix") String prefix, @JsonProperty("options") @JsonRawValue String options,
                           @JsonProperty("cron") String cron, @JsonProperty("paused") boolean paused,
                           @JsonProperty("incremental") boolean incremental,
                           @JsonProperty("created_at") String createdAt, @JsonProperty("next_fire_at") String nextFireAt,
                           @JsonProperty("last_fired_at") String lastFiredAt, @JsonProperty("last_job_id") String lastJobId,
                           @JsonProperty("last_skipped_at") String lastSkippedAt,
                           @JsonProperty("last_skip_reason") String lastSkipReason) {
    }

    /** A run a schedule started. */
    public record Fired(UUID scheduleId, UUID jobId, String bucket, String prefix) {
    }

    private final DataSource dataSource;

    private final int maxRunningJobs;

    public ScheduleRepository(DataSource dataSource) {
        this(dataSource, Integer.MAX_VALUE);
    }

    /** @param maxRunningJobs a due run is skipped while this many jobs run (SCANNER_MAX_RUNNING_JOBS, as for POST /scan) */
    public ScheduleRepository(DataSource dataSource, int maxRunningJobs) {
        this.dataSource = dataSource;
        this.maxRunningJobs = maxRunningJobs;
    }

    /** A Quartz cron expression (seconds first), evaluated in UTC; throws ParseException when invalid. */
    public static CronExpression cron(String expression) throws ParseException {
        CronExpression cron = new CronExpression(expression);
        cron.setTimeZone(TimeZone.getTimeZone("UTC"));
        return cron;
    }

    private static Timestamp nextFire(String expression, Instant after) {
        try {
            Date next = cron(expression).getNextValidTimeAfter(Date.from(after));
            return next == null ? null : new Timestamp(next.getTime());
        } catch (ParseException e) {
            throw new IllegalStateException("stored cron expression is invalid: " + expression, e);
        }
    }

    public Schedule create(String bucket, String prefix, String optionsJson, String cron) throws SQLException {
        return create(bucket, prefix, optionsJson, cron, false);
    }

    /** @param incremental each run compares with the schedule's last completed run */
    public Schedule create(String bucket, String prefix, String optionsJson, String cron, boolean incremental) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO schedules (schedule_id, bucket, prefix, options, cron, next_fire_at, incremental) "
                        + "VALUES (?, ?, ?, ?::jsonb, ?, ?, ?)")) {
            ps.setBoolean(7, incremental);
            ps.setObject(1, id);
            ps.setString(2, bucket);
            ps.setString(3, prefix);
            ps.setString(4, optionsJson);
            ps.setString(5, cron);
            ps.setTimestamp(6, nextFire(cron, Instant.now()));
            ps.executeUpdate();
        }
        return find(id).orElseThrow();
    }

    public Optional<Schedule> find(UUID id) throws SQLException {
        List<Schedule> found = query("SELECT " + COLUMNS + " FROM schedules WHERE schedule_id = ?", id);
        return found.stream().findFirst();
    }

    public List<Schedule> all() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM schedules ORDER BY created_at DESC, schedule_id DESC");
    }

    /** Up to {@code limit} schedules, newest first, after the schedule {@code after} (null: from the newest). */
    public List<Schedule> page(int limit, UUID after) throws SQLException {
        if (after == null) {
            return query("SELECT " + COLUMNS + " FROM schedules ORDER BY created_at DESC, schedule_id DESC LIMIT ?", limit);
        }
        return query("SELECT " + COLUMNS + " FROM schedules WHERE (created_at, schedule_id) < "
                + "(SELECT created_at, schedule_id FROM schedules WHERE schedule_id = ?) "
                + "ORDER BY created_at DESC, schedule_id DESC LIMIT ?", after, limit);
    }

    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM schedules");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public boolean delete(UUID id) throws SQLException {
        return update("DELETE FROM schedules WHERE schedule_id = ?", id) > 0;
    }

    /** Pauses or resumes; a resumed schedule fires next at its next fire time from now. */
    public boolean setPaused(UUID id, boolean paused) throws SQLException {
        Optional<Schedule> schedule = find(id);
        if (schedule.isEmpty()) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE schedules SET paused = ?, next_fire_at = ? WHERE schedule_id = ?")) {
            ps.setBoolean(1, paused);
            ps.setTimestamp(2, nextFire(schedule.get().cron(), Instant.now()));
            ps.setObject(3, id);
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * Starts a run of every schedule that is due and not paused, unless its previous run is still
     * listing or processing, or as many jobs run as SCANNER_MAX_RUNNING_JOBS allows (then the run is
     * skipped until the next fire time, with the reason kept). Returns the runs started.
     */
    public List<Fired> fireDue() throws SQLException {
        List<Fired> fired = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement due = c.prepareStatement("""
                    SELECT schedule_id, bucket, prefix, options::text AS options, cron, last_job_id, incremental FROM schedules
                    WHERE NOT paused AND next_fire_at <= now()
                    ORDER BY next_fire_at LIMIT 100
                    FOR UPDATE SKIP LOCKED""");
                 ResultSet rs = due.executeQuery()) {
                Instant now = Instant.now();
                long runningJobs = JobRepository.countRunning(c);
                while (rs.next()) {
                    UUID scheduleId = rs.getObject("schedule_id", UUID.class);
                    String cron = rs.getString("cron");
                    UUID previous = rs.getObject("last_job_id", UUID.class);
                    String running = previous == null ? null : runningStatus(c, previous);
                    String reason = running != null ? "the previous run (job " + previous + ") is still " + running
                            : runningJobs >= maxRunningJobs ? runningJobs + " jobs are listing or processing already (SCANNER_MAX_RUNNING_JOBS)"
                            : null;
                    if (reason != null) {
                        try (PreparedStatement skip = c.prepareStatement(
                                "UPDATE schedules SET next_fire_at = ?, last_skipped_at = now(), last_skip_reason = ? WHERE schedule_id = ?")) {
                            skip.setTimestamp(1, nextFire(cron, now));
                            skip.setString(2, reason);
                            skip.setObject(3, scheduleId);
                            skip.executeUpdate();
                        }
                        LOG.info("Schedule {}: run skipped, {}", scheduleId, reason);
                        continue;
                    }
                    UUID jobId = UUID.randomUUID();
                    UUID baseline = rs.getBoolean("incremental") ? lastCompletedRun(c, scheduleId) : null;
                    JobRepository.insert(c, jobId, rs.getString("bucket"), rs.getString("prefix"), null,
                            rs.getString("options"), baseline, scheduleId);
                    try (PreparedStatement moved = c.prepareStatement(
                                 "UPDATE schedules SET next_fire_at = ?, last_fired_at = now(), last_job_id = ? WHERE schedule_id = ?")) {
                        moved.setTimestamp(1, nextFire(cron, now));
                        moved.setObject(2, jobId);
                        moved.setObject(3, scheduleId);
                        moved.executeUpdate();
                    }
                    fired.add(new Fired(scheduleId, jobId, rs.getString("bucket"), rs.getString("prefix")));
                    runningJobs++;
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        fired.forEach(f -> LOG.info("Scan {} of s3://{}/{} started by schedule {}", f.jobId(), f.bucket(), f.prefix(), f.scheduleId()));
        return fired;
    }

    private static UUID lastCompletedRun(Connection c, UUID scheduleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT j.job_id FROM jobs j
                WHERE j.schedule_id = ? AND j.step_function_status = 'SUCCEEDED'
                  AND NOT job_work_left(j.job_id)
                ORDER BY j.created_at DESC LIMIT 1""")) {
            ps.setObject(1, scheduleId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    /** "listing" or "processing" while the job runs, null once it has ended. */
    private static String runningStatus(Connection c, UUID jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT j.step_function_status,
                       job_work_left(j.job_id) AS work_left
                FROM jobs j WHERE j.job_id = ?""")) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String status = JobStatusRules.statusOf(rs.getString(1), rs.getBoolean(2));
                return status.equals("listing") || status.equals("processing") ? status : null;
            }
        }
    }

    private List<Schedule> query(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Schedule> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Schedule(rs.getObject("schedule_id", UUID.class).toString(), rs.getString("bucket"),
                            rs.getString("prefix"), rs.getString("options"), rs.getString("cron"), rs.getBoolean("paused"), rs.getBoolean("incremental"),
                            iso(rs, "created_at"), iso(rs, "next_fire_at"), iso(rs, "last_fired_at"),
                            rs.getObject("last_job_id") == null ? null : rs.getObject("last_job_id").toString(),
                            iso(rs, "last_skipped_at"), rs.getString("last_skip_reason")));
                }
            }
            return rows;
        }
    }

    private static String iso(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : Sql.isoUtc(t);
    }

    private int update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }
}
