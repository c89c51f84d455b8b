package scanner.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import scanner.support.TestDatabase;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewsTest {

    private static final String JOB_A = "00000000-0000-0000-0000-00000000000a";
    private static final String JOB_B = "00000000-0000-0000-0000-00000000000b";
    private static final String JOB_EMPTY = "00000000-0000-0000-0000-00000000000c";

    private TestDatabase db;

    @BeforeAll
    void createDatabase() {
        db = TestDatabase.createMigrated();
        // Job A: 6 objects (1 queued, 1 processing, 3 succeeded, 1 failed), 4 findings on two objects.
        // Job B: 2 objects, both succeeded, 1 finding. Job C: nothing found.
        db.sql("INSERT INTO jobs (job_id, bucket, prefix, step_function_status) VALUES "
                        + "('" + JOB_A + "', 'bucket-a', 'p/', 'SUCCEEDED'), ('" + JOB_B + "', 'bucket-b', '', 'SUCCEEDED'), "
                        + "('" + JOB_EMPTY + "', 'bucket-c', 'none/', 'SUCCEEDED')",
                "INSERT INTO job_objects (job_id, key, size, status) VALUES "
                        + "('" + JOB_A + "', 'a1', 1, 'queued'), ('" + JOB_A + "', 'a2', 1, 'processing'), "
                        + "('" + JOB_A + "', 'a3', 1, 'succeeded'), ('" + JOB_A + "', 'a4', 1, 'succeeded'), "
                        + "('" + JOB_A + "', 'a5', 1, 'succeeded'), ('" + JOB_A + "', 'a6', 1, 'failed'), "
                        + "('" + JOB_B + "', 'b1', 1, 'succeeded'), ('" + JOB_B + "', 'b2', 1, 'succeeded')",
                "INSERT INTO findings (job_id, object_id, detector, line, byte_offset, masked) "
                        + "SELECT job_id, id, 'US_SSN', 1, g, '***-**-0000' FROM job_objects, generate_series(1, 2) g "
                        + "WHERE key IN ('a3', 'a4')",
                "INSERT INTO findings (job_id, object_id, detector, line, byte_offset, masked) "
                        + "SELECT job_id, id, 'EMAIL_ADDRESS', 1, 0, 'a***@b.io' FROM job_objects WHERE key = 'b1'");
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }

    @Test
    void job_summary_has_the_seed_columns() throws SQLException {
        assertEquals(List.of("job_id", "bucket", "prefix", "created_at", "updated_at", "total_objects", "queued",
                "processing", "succeeded", "failed", "total_findings"), columns("SELECT * FROM job_summary"));
    }

    @Test
    void job_progress_has_the_seed_columns() throws SQLException {
        assertEquals(List.of("job_id", "bucket", "prefix", "execution_arn", "created_at", "updated_at", "total_objects",
                "queued_count", "processing_count", "succeeded_count", "failed_count", "total_findings",
                "progress_percent"), columns("SELECT * FROM job_progress"));
        assertEquals(columns("SELECT * FROM job_progress"), columns("SELECT * FROM active_jobs_progress"));
    }

    @Test
    void job_summary_counts_objects_and_findings_per_job() throws SQLException {
        assertEquals(List.of(6L, 1L, 1L, 3L, 1L, 4L), summary(JOB_A));
        assertEquals(List.of(2L, 0L, 0L, 2L, 0L, 1L), summary(JOB_B));
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L), summary(JOB_EMPTY));
    }

    @Test
    void job_progress_after_a_refresh_has_the_same_counts_and_the_progress() throws SQLException {
        query("SELECT * FROM refresh_job_progress()");

        Map<String, Object> a = row("SELECT * FROM job_progress WHERE job_id = '" + JOB_A + "'");
        assertEquals(6L, a.get("total_objects"));
        assertEquals(1L, a.get("queued_count"));
        assertEquals(1L, a.get("processing_count"));
        assertEquals(3L, a.get("succeeded_count"));
        assertEquals(1L, a.get("failed_count"));
        assertEquals(4L, a.get("total_findings"));
        assertEquals(0, new BigDecimal("66.67").compareTo(((BigDecimal) a.get("progress_percent")).setScale(2,
                java.math.RoundingMode.HALF_UP)));
        Map<String, Object> empty = row("SELECT * FROM job_progress WHERE job_id = '" + JOB_EMPTY + "'");
        assertEquals(0, BigDecimal.ZERO.compareTo((BigDecimal) empty.get("progress_percent")));
        // Of the three, only job A still has objects to scan.
        List<Object> active = query("SELECT job_id::text FROM active_jobs_progress").stream().map(r -> r.get("job_id")).toList();
        assertTrue(active.contains(JOB_A));
        assertFalse(active.contains(JOB_B));
        assertFalse(active.contains(JOB_EMPTY));
    }

    @Test
    void a_refresh_is_recorded_with_when_and_how_long() throws SQLException {
        long before = (Long) row("SELECT count(*) AS n FROM job_progress_refreshes").get("n");

        Map<String, Object> refresh = row("SELECT * FROM refresh_job_progress()");

        assertEquals(before + 1, row("SELECT count(*) AS n FROM job_progress_refreshes").get("n"));
        assertTrue((Long) refresh.get("duration_ms") >= 0);
        assertEquals(refresh.get("refreshed_at"),
                row("SELECT refreshed_at FROM job_progress_refreshes ORDER BY id DESC LIMIT 1").get("refreshed_at"));
    }

    @Test
    void a_refresh_already_running_elsewhere_is_skipped() throws SQLException {
        try (Connection other = db.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(hashtext('refresh_job_progress'))");
            }

            assertTrue(query("SELECT * FROM refresh_job_progress()").isEmpty());
            other.rollback();
        }
        assertFalse(query("SELECT * FROM refresh_job_progress()").isEmpty());
    }

    /**
     * The seed's job_summary joined objects and findings on job_id (objects × findings rows): on a
     * job like this one it ran for minutes. Aggregated separately, it answers at once.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void job_summary_stays_exact_on_a_job_with_many_objects_and_many_findings() throws SQLException {
        String big = "00000000-0000-0000-0000-0000000000bb";
        db.sql("INSERT INTO jobs (job_id, bucket, step_function_status) VALUES ('" + big + "', 'big', 'SUCCEEDED')",
                "INSERT INTO job_objects (job_id, key, size, status) SELECT '" + big + "', 'k' || g, 10, "
                        + "CASE WHEN g % 10 = 0 THEN 'failed' WHEN g % 10 = 1 THEN 'queued' ELSE 'succeeded' END "
                        + "FROM generate_series(1, 300000) g",
                "INSERT INTO findings (job_id, object_id, detector, line, byte_offset, masked) "
                        + "SELECT job_id, id, 'US_SSN', 1, o, '***-**-0000' FROM job_objects, generate_series(1, 2) o "
                        + "WHERE job_id = '" + big + "' AND id % 4 = 0",
                "ANALYZE");

        assertEquals(List.of(300000L, 30000L, 0L, 240000L, 30000L, 150000L), summary(big));
    }

    private List<Long> summary(String jobId) throws SQLException {
        Map<String, Object> r = row("SELECT * FROM job_summary WHERE job_id = '" + jobId + "'");
        return List.of((Long) r.get("total_objects"), (Long) r.get("queued"), (Long) r.get("processing"),
                (Long) r.get("succeeded"), (Long) r.get("failed"), (Long) r.get("total_findings"));
    }

    private List<String> columns(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql + " LIMIT 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i));
            }
            return names;
        }
    }

    private Map<String, Object> row(String sql) throws SQLException {
        List<Map<String, Object>> rows = query(sql);
        assertEquals(1, rows.size(), sql);
        return rows.get(0);
    }

    private List<Map<String, Object>> query(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> r = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    r.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                rows.add(r);
            }
            return rows;
        }
    }
}
