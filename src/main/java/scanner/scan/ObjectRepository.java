package scanner.scan;

import scanner.scan.ClaimedObject;
import scanner.scan.Finding;
import scanner.scan.ScanBatch;
import scanner.scan.ScanMessage;
import scanner.scan.ScanOutcome;
import scanner.scan.ScanResult;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** The scanner's side of {@code job_objects} and {@code findings}. */
public class ObjectRepository {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ObjectRepository.class);

    // Guarded by status so a late duplicate cannot overwrite a finished object with another outcome.
    private static final String FINISH = """
            UPDATE job_objects SET status = ?, error = ?, findings_count = ?, findings_dropped = ?, claimed_until = NULL,
                                   updated_at = now()
            WHERE id = ? AND status IN ('queued', 'processing')
            """;

    // Only objects not yet scanned, of jobs not aborted, that no live scanner holds: 'processing'
    // whose claim lapsed is taken over (its scanner died); one still claimed is left to its scanner.
    private static final String CLAIM_BATCH = """
            UPDATE job_objects o SET status = 'processing', attempts = o.attempts + 1, updated_at = now(),
                                     claimed_until = now() + make_interval(secs => ?)
            FROM jobs j
            WHERE o.job_id = ? AND o.key = ANY (?) AND j.job_id = o.job_id
              AND (o.status = 'queued'
                   OR (o.status = 'processing' AND (o.claimed_until IS NULL OR o.claimed_until < now())))
              AND j.step_function_status <> 'ABORTED'
            RETURNING o.id, o.key, o.size, o.attempts, j.bucket, (j.options ->> 'max_object_size')::bigint AS max_size
            """;

    private static final String DELETE_FINDINGS_OF = "DELETE FROM findings WHERE object_id = ANY (?)";

    private static final String HEARTBEAT = """
            UPDATE job_objects SET claimed_until = now() + make_interval(secs => ?)
            WHERE id = ANY (?) AND status = 'processing'
            """;

    // Back to the queue's care: 'enqueued_at' says whether a message is on its way (the one that
    // comes back after a failed attempt) or must be sent at once (NULL: released at shutdown).
    private static final String RELEASE = """
            UPDATE job_objects SET status = 'queued', claimed_until = NULL, enqueued_at = ?, updated_at = now()
            WHERE id = ANY (?) AND status = 'processing'
            """;

    // A re-driven object that had failed is scanned anew.
    private static final String REQUEUE_FAILED = """
            UPDATE job_objects SET status = 'queued', error = NULL, enqueued_at = now(), updated_at = now()
            WHERE job_id = ? AND key = ANY (?) AND status = 'failed'
            """;

    private static final String INSERT_FINDING = """
            INSERT INTO findings (job_id, object_id, detector, line, byte_offset, masked, location)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (object_id, detector, location, byte_offset) DO NOTHING
            """;

    private final DataSource dataSource;
    private final Duration claimLease;
    /** Objects this process has claimed and not yet finished: its heartbeat renews their claims. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    public ObjectRepository(DataSource dataSource, Duration claimLease) {
        this.dataSource = dataSource;
        this.claimLease = claimLease;
    }

    /**
     * Marks the object {@code processing} with a claim that lasts {@code claimLease} unless renewed;
     * null when it is already scanned, its job was aborted, or a live scanner holds it.
     */
    public ClaimedObject claim(ScanMessage message) throws SQLException {
        List<ClaimedObject> claimed = claimBatch(new ScanBatch(message.jobId(), message.bucket(), message.maxSize(),
                List.of(new ScanBatch.Item(message.key(), message.size()))));
        return claimed.isEmpty() ? null : claimed.get(0);
    }

    /**
     * Claims, in one statement, the objects of a work unit that are unfinished and unclaimed (see
     * {@link #claim}); those already scanned, held by a live scanner, or of an aborted job are left out.
     */
    public List<ClaimedObject> claimBatch(ScanBatch batch) throws SQLException {
        String[] keys = batch.objects().stream().map(ScanBatch.Item::key).toArray(String[]::new);
        List<ClaimedObject> claimed = new ArrayList<>(keys.length);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM_BATCH)) {
            ps.setLong(1, claimLease.toSeconds());
            ps.setObject(2, batch.jobId());
            ps.setArray(3, c.createArrayOf("text", keys));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // The bucket and size limit are the job's, as stored: a message only names objects
                    // of a job, so whoever can write to the queue cannot point a scanner elsewhere.
                    Long maxSize = rs.getObject("max_size", Long.class);
                    ClaimedObject object = new ClaimedObject(rs.getLong("id"), batch.jobId(), rs.getString("bucket"),
                            rs.getString("key"), rs.getLong("size"), rs.getInt("attempts"), maxSize);
                    inFlight.add(object.id());
                    claimed.add(object);
                }
            }
        }
        return claimed;
    }

    /**
     * Stores a work unit's results in one transaction: each finished object's outcome and findings
     * (guarded, as {@link #store}), and each object to retry released to {@code queued}. Returns the
     * objects to retry, as messages to send again.
     */
    public List<ScanMessage> storeBatch(List<ScanResult> results) throws SQLException {
        store(results);
        List<ScanMessage> again = new ArrayList<>();
        for (ScanResult r : results) {
            if (r.isRetry()) {
                ClaimedObject o = r.object();
                again.add(new ScanMessage(o.jobId(), o.bucket(), o.key(), o.size(), o.maxSize()));
            }
        }
        return again;
    }

    /** Stores {@code results} in one transaction; returns the ids of the objects whose outcome was stored. */
    private List<Long> store(List<ScanResult> results) throws SQLException {
        List<ScanResult> done = results.stream().filter(r -> !r.isRetry()).toList();
        List<ScanResult> retries = results.stream().filter(ScanResult::isRetry).toList();
        List<Long> stored = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement finish = c.prepareStatement(FINISH);
                 PreparedStatement delete = c.prepareStatement(DELETE_FINDINGS_OF);
                 PreparedStatement insert = c.prepareStatement(INSERT_FINDING);
                 PreparedStatement release = c.prepareStatement(RELEASE)) {
                for (ScanResult r : done) {
                    finish.setString(1, r.outcome().succeeded() ? "succeeded" : "failed");
                    finish.setString(2, r.outcome().error());
                    finish.setInt(3, r.outcome().findings().size());
                    finish.setLong(4, r.outcome().findingsDropped());
                    finish.setLong(5, r.object().id());
                    finish.addBatch();
                }
                int[] finished = done.isEmpty() ? new int[0] : finish.executeBatch();
                for (int i = 0; i < finished.length; i++) {
                    if (finished[i] > 0) { // 0: another delivery finished it first
                        stored.add(done.get(i).object().id());
                    }
                }
                if (!stored.isEmpty()) {
                    delete.setArray(1, c.createArrayOf("bigint", stored.toArray()));
                    delete.executeUpdate();
                    boolean any = false;
                    for (int i = 0; i < finished.length; i++) {
                        if (finished[i] == 0) {
                            continue;
                        }
                        ClaimedObject object = done.get(i).object();
                        for (Finding f : done.get(i).outcome().findings()) {
                            insert.setObject(1, object.jobId());
                            insert.setLong(2, object.id());
                            insert.setString(3, f.detector());
                            insert.setInt(4, f.line());
                            insert.setLong(5, f.offset());
                            insert.setString(6, f.masked());
                            insert.setString(7, f.location() == null ? "" : f.location());
                            insert.addBatch();
                            any = true;
                        }
                    }
                    if (any) {
                        insert.executeBatch();
                    }
                }
                if (!retries.isEmpty()) {
                    release.setTimestamp(1, Timestamp.from(Instant.now())); // a new message goes out now
                    release.setArray(2, c.createArrayOf("bigint", retries.stream().map(r -> r.object().id()).toArray()));
                    release.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        results.forEach(r -> inFlight.remove(r.object().id()));
        logOutcomes(done, stored);
        return stored;
    }

    // After the commit, so that the last of two concurrent units to finish a job sees it finished
    // (both may: the line can then appear twice, never not at all).
    private static final String JOB_LEFT = """
            SELECT j.step_function_status AS stage, COALESCE(sum(c.queued + c.processing), 0) AS left_to_scan,
                   COALESCE(sum(c.total), 0) AS total, COALESCE(sum(c.failed), 0) AS failed,
                   COALESCE(sum(c.findings), 0) AS findings
            FROM jobs j LEFT JOIN job_counters c ON c.job_id = j.job_id WHERE j.job_id = ? GROUP BY j.step_function_status
            """;

    /** One line per failed object, and one when the unit finished its job's last objects. */
    private void logOutcomes(List<ScanResult> done, List<Long> stored) throws SQLException {
        for (ScanResult r : done) {
            if (!r.outcome().succeeded() && stored.contains(r.object().id())) {
                LOG.info("Job {}: object {} failed: {}", r.object().jobId(), r.object().key(), r.outcome().error());
            }
        }
        if (stored.isEmpty()) {
            return;
        }
        UUID jobId = done.get(0).object().jobId();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(JOB_LEFT)) {
            ps.setObject(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString("stage").equals("SUCCEEDED") && rs.getLong("left_to_scan") == 0) {
                    LOG.info("Job {} completed: {} objects scanned, {} failed, {} findings", jobId, rs.getLong("total"),
                            rs.getLong("failed"), rs.getLong("findings"));
                }
            }
        }
    }

    /** After a work unit failed as a whole (the database, the queue): its claims go back at once. */
    public void releaseBatch(List<ClaimedObject> claimed) throws SQLException {
        if (claimed == null || claimed.isEmpty()) {
            return;
        }
        Long[] ids = claimed.stream().map(ClaimedObject::id).filter(inFlight::remove).toArray(Long[]::new);
        if (ids.length > 0) {
            release(ids, Timestamp.from(Instant.now()));
        }
    }

    /** Puts the failed objects of a re-driven work unit back to {@code queued}; returns how many. */
    public int requeueFailed(ScanBatch unit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(REQUEUE_FAILED)) {
            ps.setObject(1, unit.jobId());
            ps.setArray(2, c.createArrayOf("text", unit.objects().stream().map(ScanBatch.Item::key).toArray()));
            return ps.executeUpdate();
        }
    }

    /** Renews the claims of every object this process is scanning; returns how many were renewed. */
    public int heartbeat() throws SQLException {
        Long[] ids = inFlight.toArray(Long[]::new);
        if (ids.length == 0) {
            return 0;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(HEARTBEAT)) {
            ps.setLong(1, claimLease.toSeconds());
            ps.setArray(2, c.createArrayOf("bigint", ids));
            return ps.executeUpdate();
        }
    }

    /**
     * Gives up this process's claim after a failed attempt whose message will come back: the object
     * is {@code queued} again, so the returning message (or any scanner) can take it at once.
     */
    public void release(ClaimedObject object) throws SQLException {
        if (object != null) {
            releaseBatch(List.of(object));
        }
    }

    /**
     * At shutdown: every object still claimed goes back to {@code queued}, marked to be enqueued at
     * once, so another instance picks it up without waiting for a claim or a message to time out.
     */
    public int releaseAll() throws SQLException {
        Long[] ids = inFlight.toArray(Long[]::new);
        inFlight.clear();
        return ids.length == 0 ? 0 : release(ids, null);
    }

    private int release(Long[] ids, Timestamp enqueuedAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RELEASE)) {
            ps.setTimestamp(1, enqueuedAt);
            ps.setArray(2, c.createArrayOf("bigint", ids));
            return ps.executeUpdate();
        }
    }

    /**
     * Stores the outcome and the findings in one transaction: the object's row is locked first, its
     * previous findings (from an earlier delivery) replaced, so a re-delivered message leaves one set.
     * Returns false when the object had already been finished by another delivery.
     */
    public boolean store(ClaimedObject object, ScanOutcome outcome) throws SQLException {
        return store(List.of(ScanResult.done(object, outcome))).contains(object.id());
    }
}
