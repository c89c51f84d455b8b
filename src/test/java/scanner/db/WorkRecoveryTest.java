package scanner.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import scanner.jobs.JobRepository;
import scanner.listing.ListingJob;
import scanner.listing.ListingRepository;
import scanner.scan.ClaimedObject;
import scanner.scan.LostWork;
import scanner.scan.ObjectRepository;
import scanner.scan.ScanMessage;
import scanner.scan.ScanOutcome;
import scanner.support.TestDatabase;

/** Claims, heartbeats, releases and the sweep that re-enqueues lost work, on the real database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkRecoveryTest {

    private TestDatabase db;
    private JobRepository jobs;
    private ObjectRepository objects;
    private final AtomicLong queueDepth = new AtomicLong();
    private UUID job;

    @BeforeAll
    void createDatabase() {
        db = TestDatabase.createMigrated();
        jobs = new JobRepository(db.dataSource());
        objects = new ObjectRepository(db.dataSource(), Duration.ofSeconds(30));
    }

    @BeforeEach
    void oneJobWithFourQueuedObjects() throws SQLException {
        db.sql("DELETE FROM jobs");
        queueDepth.set(0);
        job = UUID.randomUUID();
        jobs.create(job, "bucket", "", null);
        db.sql("INSERT INTO job_objects (job_id, key, size) VALUES ('" + job + "', 'a', 1), ('" + job + "', 'b', 2), "
                + "('" + job + "', 'c', 3), ('" + job + "', 'd', 4)");
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }

    private LostWork sweeper(boolean queueStartsEmpty) {
        return new LostWork(db.dataSource(), queueDepth::get, Duration.ofMinutes(5), 1000, queueStartsEmpty);
    }

    private ScanMessage message(String key) {
        return new ScanMessage(job, "bucket", key, 1);
    }

    @Test
    void an_object_claimed_by_a_live_scanner_is_not_claimed_twice_but_a_lapsed_claim_is_taken_over() throws SQLException {
        assertNotNull(objects.claim(message("a")));

        assertNull(objects.claim(message("a")), "a duplicate message while the claim lives is dropped");

        db.sql("UPDATE job_objects SET claimed_until = now() - interval '1 second' WHERE key = 'a'");
        ClaimedObject takenOver = objects.claim(message("a"));
        assertNotNull(takenOver);
        assertEquals(2, takenOver.attempts());
    }

    @Test
    void the_heartbeat_renews_only_this_process_claims() throws SQLException {
        ObjectRepository otherProcess = new ObjectRepository(db.dataSource(), Duration.ofSeconds(30));
        objects.claim(message("a"));
        otherProcess.claim(message("b"));
        db.sql("UPDATE job_objects SET claimed_until = now() + interval '1 second'");

        assertEquals(1, objects.heartbeat());

        assertTrue(secondsClaimed("a") > 20, "renewed to the full lease");
        assertTrue(secondsClaimed("b") < 2, "another process's claim is left alone");
    }

    @Test
    void a_lapsed_claim_is_re_enqueued_and_a_live_one_is_not() throws SQLException {
        ObjectRepository deadScanner = new ObjectRepository(db.dataSource(), Duration.ofSeconds(30));
        deadScanner.claim(message("a"));
        objects.claim(message("b"));
        db.sql("UPDATE job_objects SET claimed_until = now() - interval '1 second' WHERE key = 'a'");
        queueDepth.set(2); // the messages of c and d are still on the queue

        LostWork.Sweep sweep = sweeper(false).sweep();

        assertEquals(List.of("a"), keys(sweep));
        assertEquals(1, sweep.lapsedClaims());
        assertEquals("queued", status("a"));
        assertEquals("processing", status("b"));
    }

    @Test
    void a_long_queue_is_a_backlog_but_missing_messages_are_lost_work() throws SQLException {
        db.sql("UPDATE job_objects SET enqueued_at = now() - interval '1 hour'");

        queueDepth.set(4);
        assertEquals(0, sweeper(false).sweep().count(), "as many messages as unfinished objects: nothing lost");

        queueDepth.set(1);
        LostWork.Sweep sweep = sweeper(false).sweep();
        assertEquals(3, sweep.lostFromQueue(), "three messages are missing: the three queued longest are re-sent");

        queueDepth.set(4); // the queue now holds the re-sent messages too
        assertEquals(0, sweeper(false).sweep().count(), "nothing missing any more");
    }

    @Test
    void objects_released_at_shutdown_are_re_enqueued_at_once() throws SQLException {
        ObjectRepository stopping = new ObjectRepository(db.dataSource(), Duration.ofSeconds(30));
        stopping.claim(message("a"));
        stopping.claim(message("b"));

        assertEquals(2, stopping.releaseAll());
        assertEquals("queued", status("a"));
        queueDepth.set(10);
        LostWork.Sweep sweep = sweeper(false).sweep();

        assertEquals(List.of("a", "b"), keys(sweep));
        assertEquals(2, sweep.released());
    }

    @Test
    void a_failed_attempt_releases_the_claim_so_the_returning_message_is_taken_at_once() throws SQLException {
        ClaimedObject claimed = objects.claim(message("a"));

        objects.release(claimed);

        assertEquals("queued", status("a"));
        assertNotNull(objects.claim(message("a")));
    }

    @Test
    void after_a_local_start_everything_unfinished_before_it_is_re_enqueued_once() throws SQLException {
        db.sql("UPDATE job_objects SET enqueued_at = now() - interval '1 second'",
                "UPDATE job_objects SET status = 'processing', claimed_until = now() + interval '1 minute',"
                        + " updated_at = now() - interval '1 second' WHERE key = 'a'",
                "UPDATE job_objects SET status = 'succeeded' WHERE key = 'd'");
        LostWork sweeper = sweeper(true);
        queueDepth.set(100);

        LostWork.Sweep first = sweeper.sweep();
        LostWork.Sweep second = sweeper.sweep();

        assertEquals(List.of("a", "b", "c"), keys(first));
        assertEquals(0, second.count(), "after the start-up sweep, only the ordinary rules apply");
    }

    @Test
    void objects_of_an_aborted_job_are_never_re_enqueued() throws SQLException {
        db.sql("UPDATE job_objects SET enqueued_at = NULL",
                "UPDATE jobs SET step_function_status = 'ABORTED' WHERE job_id = '" + job + "'");

        assertEquals(0, sweeper(true).sweep().count());
    }

    @Test
    void a_re_enqueued_object_finished_meanwhile_keeps_one_outcome() throws SQLException {
        ClaimedObject first = objects.claim(message("a"));
        db.sql("UPDATE job_objects SET claimed_until = now() - interval '1 second' WHERE key = 'a'");
        sweeper(false).sweep();
        ClaimedObject second = objects.claim(message("a"));

        assertTrue(objects.store(first, ScanOutcome.succeeded(List.of())));
        assertFalse(objects.store(second, ScanOutcome.failed("late duplicate")), "the late duplicate is refused");
        assertEquals("succeeded", status("a"));
    }

    @Test
    void only_one_replica_sweeps_at_a_time() throws SQLException {
        db.sql("UPDATE job_objects SET enqueued_at = NULL");
        try (Connection other = db.dataSource().getConnection(); Statement s = other.createStatement()) {
            other.setAutoCommit(false);
            s.execute("SELECT pg_advisory_xact_lock(hashtext('requeue_lost_work'))");

            assertEquals(0, sweeper(false).sweep().count(), "another replica holds the sweep");
            other.rollback();
        }
        assertEquals(4, sweeper(false).sweep().count());
    }

    @Test
    void a_transient_listing_error_waits_a_growing_backoff_then_fails_after_the_maximum() throws SQLException {
        ListingRepository listing = new ListingRepository(db.dataSource(), Duration.ofSeconds(20), 3);
        ListingJob claimed = listing.claimNext();

        Duration first = listing.retryLater(claimed, "Listing failed: SdkClientException");
        assertNull(listing.claimNext(), "no lister takes the job during its backoff");
        db.sql("UPDATE jobs SET listing_lease_until = now()");
        Duration second = listing.retryLater(listing.claimNext(), "Listing failed: SdkClientException");
        db.sql("UPDATE jobs SET listing_lease_until = now()");
        Duration third = listing.retryLater(listing.claimNext(), "Listing failed: SdkClientException");

        assertTrue(first.toMillis() >= 500 && first.toMillis() <= 1000, first.toString());
        assertTrue(second.toMillis() >= 1000 && second.toMillis() <= 2000, second.toString());
        assertNull(third, "the third consecutive failure ends the listing");
        assertEquals("FAILED", query("SELECT step_function_status FROM jobs"));
        assertEquals("Listing failed: SdkClientException (gave up after 3 attempts)", query("SELECT status_reason FROM jobs"));
    }

    private static List<String> keys(LostWork.Sweep sweep) {
        return sweep.messages().stream().map(ScanMessage::key).sorted().toList();
    }

    private String status(String key) throws SQLException {
        return query("SELECT status FROM job_objects WHERE key = '" + key + "'");
    }

    private double secondsClaimed(String key) throws SQLException {
        return Double.parseDouble(query("SELECT extract(epoch FROM claimed_until - now()) FROM job_objects WHERE key = '" + key + "'"));
    }

    private String query(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
