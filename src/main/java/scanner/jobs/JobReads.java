package scanner.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Pages of a job's findings and objects, by keyset (id greater than the last one seen): stable
 * while rows are being inserted, no duplicate or gap across pages, no OFFSET.
 */
public class JobReads {

    private final DataSource dataSource;

    public JobReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One finding as the API shows it. {@code location} is where in the object the text was: the
     * key itself for the object's own text, "key!/entry/path" inside archives and documents; line
     * and offset count within that text.
     */
    public record FindingRow(@JsonProperty("key") String key, @JsonProperty("location") String location,
                             @JsonProperty("detector") String detector,
                             @JsonProperty("line") int line, @JsonProperty("offset") long offset,
                             @JsonProperty("masked") String masked, @com.fasterxml.jackson.annotation.JsonIgnore long id) {
    }

    /**
     * One object as the API shows it; {@code error} only for failed objects. {@code findings_truncated}
     * says its findings passed the cap, {@code findings_dropped} how many were counted and not kept.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ObjectRow(@JsonProperty("key") String key, @JsonProperty("size") long size,
                            @JsonProperty("status") String status, @JsonProperty("error") String error,
                            @JsonProperty("findings") int findings,
                            @JsonProperty("findings_truncated") boolean findingsTruncated,
                            @JsonProperty("findings_dropped") long findingsDropped,
                            @JsonProperty("unchanged") boolean unchanged,
                            @com.fasterxml.jackson.annotation.JsonIgnore long id) {
    }

    /** Up to {@code limit} findings after {@code afterId}, optionally of one key and/or one detector. */
    public List<FindingRow> findings(UUID jobId, long afterId, int limit, String key, String detector) throws SQLException {
        StringBuilder sql = new StringBuilder("""
                SELECT f.id, o.key, f.location, f.detector, f.line, f.byte_offset, f.masked
                FROM findings f JOIN job_objects o ON o.id = f.object_id
                WHERE f.job_id = ? AND f.id > ?""");
        if (key != null) {
            sql.append(" AND o.key = ?");
        }
        if (detector != null) {
            sql.append(" AND f.detector = ?");
        }
        sql.append(" ORDER BY f.id LIMIT ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            ps.setObject(p++, jobId);
            ps.setLong(p++, afterId);
            if (key != null) {
                ps.setString(p++, key);
            }
            if (detector != null) {
                ps.setString(p++, detector);
            }
            ps.setInt(p, limit);
            List<FindingRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String location = rs.getString("location");
                    rows.add(new FindingRow(rs.getString("key"), location.isEmpty() ? rs.getString("key") : location,
                            rs.getString("detector"), rs.getInt("line"),
                            rs.getLong("byte_offset"), rs.getString("masked"), rs.getLong("id")));
                }
            }
            return rows;
        }
    }

    /** A finding of a bucket's current state: which run found it, and where. */
    public record BucketFindingRow(@JsonProperty("key") String key, @JsonProperty("location") String location,
                                   @JsonProperty("detector") String detector, @JsonProperty("line") int line,
                                   @JsonProperty("offset") long offset, @JsonProperty("masked") String masked,
                                   @JsonProperty("job_id") String jobId,
                                   @com.fasterxml.jackson.annotation.JsonIgnore long id) {
    }

    // The latest completed run of each prefix scanned; where prefixes overlap, a key's findings come
    // from the newest run that saw it.
    private static final String BUCKET_FINDINGS = """
            WITH latest AS (
                SELECT DISTINCT ON (j.prefix) j.job_id, j.created_at FROM jobs j
                WHERE j.bucket = ? AND j.step_function_status = 'SUCCEEDED'
                  AND NOT job_work_left(j.job_id)
                ORDER BY j.prefix, j.created_at DESC
            ), current AS (
                SELECT DISTINCT ON (o.key) o.id, o.key, l.job_id FROM job_objects o JOIN latest l ON l.job_id = o.job_id
                ORDER BY o.key, l.created_at DESC
            )
            SELECT f.id, c.key, f.location, f.detector, f.line, f.byte_offset, f.masked, c.job_id
            FROM findings f JOIN current c ON c.id = f.object_id
            WHERE f.id > ? ORDER BY f.id LIMIT ?
            """;

    /** Up to {@code limit} of the bucket's current findings after {@code afterId}. */
    public List<BucketFindingRow> bucketFindings(String bucket, long afterId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(BUCKET_FINDINGS)) {
            ps.setString(1, bucket);
            ps.setLong(2, afterId);
            ps.setInt(3, limit);
            List<BucketFindingRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String location = rs.getString("location");
                    rows.add(new BucketFindingRow(rs.getString("key"), location.isEmpty() ? rs.getString("key") : location,
                            rs.getString("detector"), rs.getInt("line"), rs.getLong("byte_offset"), rs.getString("masked"),
                            rs.getObject("job_id").toString(), rs.getLong("id")));
                }
            }
            return rows;
        }
    }

    /** One detector's share of a job's findings. */
    public record DetectorCount(@JsonProperty("detector") String detector, @JsonProperty("findings") long findings) {
    }

    /** A job's findings counted by detector, most first. */
    public List<DetectorCount> findingsByDetector(UUID jobId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT detector, count(*) AS n FROM findings WHERE job_id = ? GROUP BY detector ORDER BY n DESC, detector")) {
            ps.setObject(1, jobId);
            List<DetectorCount> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new DetectorCount(rs.getString("detector"), rs.getLong("n")));
                }
            }
            return rows;
        }
    }

    /** Up to {@code limit} objects after {@code afterId}, optionally of one status. */
    public List<ObjectRow> objects(UUID jobId, long afterId, int limit, String status) throws SQLException {
        String sql = "SELECT id, key, size, status, error, findings_count, findings_dropped, unchanged FROM job_objects WHERE job_id = ? AND id > ?"
                + (status != null ? " AND status = ?" : "") + " ORDER BY id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            ps.setObject(p++, jobId);
            ps.setLong(p++, afterId);
            if (status != null) {
                ps.setString(p++, status);
            }
            ps.setInt(p, limit);
            List<ObjectRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ObjectRow(rs.getString("key"), rs.getLong("size"), rs.getString("status"),
                            rs.getString("error"), rs.getInt("findings_count"), rs.getLong("findings_dropped") > 0,
                            rs.getLong("findings_dropped"), rs.getBoolean("unchanged"), rs.getLong("id")));
                }
            }
            return rows;
        }
    }

    /** An object of the baseline that was gone when an incremental run listed the bucket. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"key", "size", "findings"})
    public record DeletedObjectRow(@JsonProperty("key") String key, @JsonProperty("size") long size,
                                   @JsonProperty("findings") int findings,
                                   @com.fasterxml.jackson.annotation.JsonIgnore long id) {
    }

    /** Up to {@code limit} of the job's deleted objects after {@code afterId}, in key order. */
    public List<DeletedObjectRow> deletedObjects(UUID jobId, long afterId, int limit) throws SQLException {
        String sql = "SELECT id, key, size, findings_count FROM deleted_objects WHERE job_id = ? AND id > ? ORDER BY id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, jobId);
            ps.setLong(2, afterId);
            ps.setInt(3, limit);
            List<DeletedObjectRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new DeletedObjectRow(rs.getString("key"), rs.getLong("size"), rs.getInt("findings_count"), rs.getLong("id")));
                }
            }
            return rows;
        }
    }

    /** Job ids newest first, after {@code after} (null for the first page), of one status when given. */
    public List<JobPosition> jobs(JobPosition after, int limit, String status)
            throws SQLException {
        // The rows of JobStatusRules that give the status, as SQL. "Objects left to scan" comes from where the item
        // itself will be read (JobRepository): the cache when it holds the job and postdates the end
        // of its listing, the tables otherwise.
        String remaining = """
                (CASE WHEN p.job_id IS NOT NULL
                           AND j.stage_changed_at <= (SELECT max(refreshed_at) FROM job_progress_refreshes)
                      THEN p.queued_count + p.processing_count > 0
                      ELSE job_work_left(j.job_id)
                 END)""";
        String condition = status == null ? "" : " AND (false" + JobStatusRules.rulesGiving(status).stream()
                .map(r -> " OR (j.step_function_status = '" + r.stage() + "'"
                        + (r.workLeft() == null ? "" : r.workLeft() ? " AND " + remaining : " AND NOT " + remaining) + ")")
                .collect(java.util.stream.Collectors.joining()) + ")";
        String sql = "SELECT j.job_id, j.created_at FROM jobs j LEFT JOIN job_progress p ON p.job_id = j.job_id WHERE true"
                + (after != null ? " AND (j.created_at, j.job_id) < (?, ?)" : "")
                + condition + " ORDER BY j.created_at DESC, j.job_id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            if (after != null) {
                long micros = after.createdMicros();
                ps.setObject(p++, java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1000L).atOffset(java.time.ZoneOffset.UTC));
                ps.setObject(p++, after.jobId());
            }
            ps.setInt(p, limit);
            List<JobPosition> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.time.Instant created = rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant();
                    long micros = created.getEpochSecond() * 1_000_000L + created.getNano() / 1000;
                    rows.add(new JobPosition(micros, rs.getObject("job_id", UUID.class)));
                }
            }
            return rows;
        }
    }

    public boolean exists(UUID jobId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM jobs WHERE job_id = ?")) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
