package scanner.scan;

import scanner.scan.ScanMessage;

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
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Finds, from the database, the work the queue has lost, and marks it enqueued again: the route
 * then sends the returned messages. The database is the truth and the queue only transport, so a
 * purged queue, a restarted embedded queue, a dead scanner or a message parked in the dead-letter
 * queue all end the same way: the object gets a new message.
 *
 * <p>Three kinds of object are due:
 * <ul>
 *   <li>{@code processing} whose claim lapsed: its scanner died without finishing or releasing it;</li>
 *   <li>{@code queued} with no message on its way ({@code enqueued_at} NULL: released at a shutdown);</li>
 *   <li>{@code queued} for longer than {@code requeueAfter}, but only as many as the queue lacks:
 *       while the queue holds as many messages as there are unfinished objects, a long wait is a
 *       backlog, not a loss, and sending more would only flood it with duplicates.</li>
 * </ul>
 * Re-sending is always safe: a scanner claims an object only when it is unfinished and unclaimed,
 * and stores an outcome with its findings once, so a duplicate message costs one claim attempt.
 *
 * <p>One replica sweeps at a time (a transaction-scoped advisory lock), a batch per call.
 * In local mode the embedded queue starts empty, so the first sweeps after a start take, at once,
 * everything left unfinished before it, whatever its age.
 */
public class LostWork {

    private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('requeue_lost_work'))";

    private static final String UNFINISHED = """
            SELECT count(*) FROM job_objects o JOIN jobs j ON j.job_id = o.job_id
            WHERE o.status IN ('queued', 'processing') AND j.step_function_status <> 'ABORTED'
            """;

    private static final String REQUEUE = """
            UPDATE job_objects o SET status = 'queued', claimed_until = NULL, enqueued_at = now(), updated_at = now()
            FROM (SELECT d.id FROM job_objects d JOIN jobs dj ON dj.job_id = d.job_id
                  WHERE dj.step_function_status <> 'ABORTED' AND (%s)
                  ORDER BY %s
                  LIMIT ?
                  FOR UPDATE OF d SKIP LOCKED) due, jobs j
            WHERE o.id = due.id AND j.job_id = o.job_id
            RETURNING o.job_id, j.bucket, o.key, o.size, j.options->>'max_object_size' AS max_size
            """;

    private static final String LAPSED_CLAIMS = String.format(REQUEUE,
            "d.status = 'processing' AND (d.claimed_until IS NULL OR d.claimed_until < now())", "d.claimed_until");
    private static final String RELEASED = String.format(REQUEUE,
            "d.status = 'queued' AND d.enqueued_at IS NULL", "d.id");
    private static final String QUEUED_SINCE = String.format(REQUEUE,
            "d.status = 'queued' AND d.enqueued_at < ?", "d.enqueued_at");
    private static final String LEFT_BEFORE_START = String.format(REQUEUE,
            "(d.status = 'queued' AND d.enqueued_at < ?) OR (d.status = 'processing' AND d.updated_at < ?)", "d.id");

    private final DataSource dataSource;
    private final LongSupplier queueDepth;
    private final Duration requeueAfter;
    private final int batchSize;
    /** Set in local mode until the first sweeps have re-enqueued what a restart lost. */
    private volatile Instant startedAt;

    public LostWork(DataSource dataSource, LongSupplier queueDepth, Duration requeueAfter, int batchSize,
                    boolean queueStartsEmpty) {
        this.dataSource = dataSource;
        this.queueDepth = queueDepth;
        this.requeueAfter = requeueAfter;
        this.batchSize = batchSize;
        this.startedAt = queueStartsEmpty ? Instant.now() : null;
    }

    /** What one sweep marked enqueued again, by cause. */
    public record Sweep(List<ScanMessage> messages, int lapsedClaims, int released, int lostFromQueue, boolean full) {

        public int count() {
            return messages.size();
        }

        @Override
        public String toString() {
            return count() + " objects (" + lapsedClaims + " with a lapsed claim, " + released
                    + " released at a shutdown, " + lostFromQueue + " missing from the queue)";
        }
    }

    /** One batch of due objects, marked enqueued now; {@link Sweep#full()} when more may be due. */
    public Sweep sweep() throws SQLException {
        Instant start = startedAt;
        long depth = start == null ? queueDepth.getAsLong() : 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!locked(c)) {
                    c.rollback();
                    return new Sweep(List.of(), 0, 0, 0, false);
                }
                List<ScanMessage> messages = new ArrayList<>();
                int lapsed;
                int released;
                int lost;
                if (start != null) {
                    Timestamp at = Timestamp.from(start);
                    lapsed = requeue(c, LEFT_BEFORE_START, messages, batchSize, at, at);
                    released = 0;
                    lost = 0;
                } else {
                    lapsed = requeue(c, LAPSED_CLAIMS, messages, batchSize);
                    released = requeue(c, RELEASED, messages, batchSize - messages.size());
                    long missing = unfinished(c) - depth - lapsed - released;
                    int room = (int) Math.max(0, Math.min(missing, batchSize - messages.size()));
                    lost = requeue(c, QUEUED_SINCE, messages, room, Timestamp.from(Instant.now().minus(requeueAfter)));
                }
                c.commit();
                boolean full = messages.size() >= batchSize;
                if (start != null && !full) {
                    startedAt = null; // what the restart lost is back on the queue
                }
                return new Sweep(messages, lapsed, released, lost, full);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static boolean locked(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static long unfinished(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UNFINISHED); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int requeue(Connection c, String sql, List<ScanMessage> into, int limit, Timestamp... times)
            throws SQLException {
        if (limit <= 0) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Timestamp t : times) {
                ps.setTimestamp(i++, t);
            }
            ps.setInt(i, limit);
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.add(new ScanMessage(rs.getObject("job_id", UUID.class), rs.getString("bucket"),
                            rs.getString("key"), rs.getLong("size"), maxSize(rs.getString("max_size"))));
                    n++;
                }
            }
            return n;
        }
    }

    private static Long maxSize(String text) {
        return text == null ? null : Long.valueOf(text);
    }
}
