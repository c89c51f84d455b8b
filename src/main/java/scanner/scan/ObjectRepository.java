package scanner.scan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The scanner's side of {@code job_objects} and {@code findings}. */
public class ObjectRepository {

    // Only objects not yet scanned, of jobs not aborted; 'processing' too, for a message re-delivered
    // after a scanner died mid-object.
    private static final String CLAIM = """
            UPDATE job_objects o SET status = 'processing', attempts = o.attempts + 1, updated_at = now()
            FROM jobs j
            WHERE o.job_id = ? AND o.key = ? AND j.job_id = o.job_id
              AND o.status IN ('queued', 'processing')
              AND j.step_function_status <> 'ABORTED'
            RETURNING o.id, o.size, o.attempts
            """;

    // Guarded by status so a late duplicate cannot overwrite a finished object with another outcome.
    private static final String FINISH = """
            UPDATE job_objects SET status = ?, error = ?, findings_count = ?, updated_at = now()
            WHERE id = ? AND status IN ('queued', 'processing')
            """;

    private static final String DELETE_FINDINGS = "DELETE FROM findings WHERE object_id = ?";

    private static final String INSERT_FINDING = """
            INSERT INTO findings (job_id, object_id, detector, line, byte_offset, masked)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (object_id, detector, byte_offset) DO NOTHING
            """;

    private final DataSource dataSource;

    public ObjectRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Marks the object {@code processing}; null when it is already scanned or its job was aborted. */
    public ClaimedObject claim(ScanMessage message) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setObject(1, message.jobId());
            ps.setString(2, message.key());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new ClaimedObject(rs.getLong("id"), message.jobId(), message.bucket(), message.key(),
                        rs.getLong("size"), rs.getInt("attempts"), message.maxSize());
            }
        }
    }

    /**
     * Stores the outcome and the findings in one transaction: the object's row is locked first, its
     * previous findings (from an earlier delivery) replaced, so a re-delivered message leaves one set.
     * Returns false when the object had already been finished by another delivery.
     */
    public boolean store(ClaimedObject object, ScanOutcome outcome) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement finish = c.prepareStatement(FINISH);
                 PreparedStatement delete = c.prepareStatement(DELETE_FINDINGS);
                 PreparedStatement insert = c.prepareStatement(INSERT_FINDING)) {
                finish.setString(1, outcome.succeeded() ? "succeeded" : "failed");
                finish.setString(2, outcome.error());
                finish.setInt(3, outcome.findings().size());
                finish.setLong(4, object.id());
                if (finish.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
                delete.setLong(1, object.id());
                delete.executeUpdate();
                for (Finding f : outcome.findings()) {
                    insert.setObject(1, object.jobId());
                    insert.setLong(2, object.id());
                    insert.setString(3, f.detector());
                    insert.setInt(4, f.line());
                    insert.setLong(5, f.offset());
                    insert.setString(6, f.masked());
                    insert.addBatch();
                }
                if (!outcome.findings().isEmpty()) {
                    insert.executeBatch();
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
