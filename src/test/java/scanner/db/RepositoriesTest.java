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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import scanner.jobs.JobReads;
import scanner.jobs.JobRepository;
import scanner.jobs.JobStatus;
import scanner.listing.ListingJob;
import scanner.listing.ListingPage;
import scanner.listing.ListingRepository;
import scanner.scan.ClaimedObject;
import scanner.scan.Finding;
import scanner.scan.ObjectRepository;
import scanner.scan.ScanMessage;
import scanner.scan.ScanOutcome;
import scanner.support.TestDatabase;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepositoriesTest {

    private TestDatabase db;
    private JobRepository jobs;
    private ObjectRepository objects;
    private ListingRepository listing;

    @BeforeAll
    void createDatabase() {
        db = TestDatabase.createMigrated();
        jobs = new JobRepository(db.dataSource());
        objects = new ObjectRepository(db.dataSource(), java.time.Duration.ofSeconds(60));
        listing = new ListingRepository(db.dataSource(), Duration.ofSeconds(60), 3);
    }

    @BeforeEach
    void emptyTables() {
        db.sql("DELETE FROM jobs", "DELETE FROM job_progress_refreshes", "REFRESH MATERIALIZED VIEW job_progress");
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }

    @Test
    void a_new_job_is_listing_and_answered_in_real_time() throws SQLException {
        UUID id = UUID.randomUUID();

        JobStatus created = jobs.create(id, "bucket", "p/", null);

        assertEquals("listing", created.status());
        assertEquals("RUNNING", created.stepFunctionStatus());
        assertNull(created.executionArn());
        // Not in the materialized view yet: the default (cached) request falls back to real time.
        assertEquals("real_time", jobs.findStatus(id, false).orElseThrow().dataSource());
    }

    @Test
    void after_a_refresh_the_default_answer_is_cached_with_its_refresh_time() throws SQLException {
        UUID id = UUID.randomUUID();
        jobs.create(id, "bucket", "", null);
        db.sql("INSERT INTO job_objects (job_id, key, size, status) VALUES ('" + id + "', 'a', 1, 'succeeded'), "
                + "('" + id + "', 'b', 1, 'queued')");
        db.sql("SELECT refresh_job_progress()");
        // A change after the refresh is seen in real time only.
        db.sql("UPDATE job_objects SET status = 'succeeded' WHERE key = 'b'");

        JobStatus cached = jobs.findStatus(id, false).orElseThrow();
        JobStatus live = jobs.findStatus(id, true).orElseThrow();

        assertEquals("cached", cached.dataSource());
        assertNotNull(cached.cacheRefreshedAt());
        assertNotNull(cached.cacheRefreshDurationMs());
        assertEquals(1, cached.queued());
        assertEquals("real_time", live.dataSource());
        assertNull(live.cacheRefreshedAt());
        assertEquals(0, live.queued());
        assertEquals(2, live.succeeded());
    }

    @Test
    void a_cache_older_than_the_end_of_listing_is_not_used() throws SQLException {
        UUID id = UUID.randomUUID();
        jobs.create(id, "bucket", "", null);
        db.sql("INSERT INTO job_objects (job_id, key, size, status) VALUES ('" + id + "', 'a', 1, 'succeeded')");
        db.sql("SELECT refresh_job_progress()");
        // Listing finds one more object and ends after the refresh: the cache would say 1/1 done.
        db.sql("INSERT INTO job_objects (job_id, key, size) VALUES ('" + id + "', 'b', 1)",
                "UPDATE jobs SET step_function_status = 'SUCCEEDED', stage_changed_at = clock_timestamp() "
                        + "WHERE job_id = '" + id + "'");

        JobStatus status = jobs.findStatus(id, false).orElseThrow();

        assertEquals("real_time", status.dataSource());
        assertEquals("processing", status.status());
        assertEquals("Scanning objects (1/2)", status.statusMessage());
    }

    @Test
    void an_unknown_job_is_empty() throws SQLException {
        assertTrue(jobs.findStatus(UUID.randomUUID(), true).isEmpty());
        assertTrue(jobs.findStatus(UUID.randomUUID(), false).isEmpty());
    }

    @Test
    void the_statuses_of_a_page_of_jobs_cost_two_queries_whatever_their_number() throws SQLException {
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UUID id = UUID.randomUUID();
            jobs.create(id, "bucket", "", null);
            ids.add(id);
        }
        db.sql("SELECT refresh_job_progress()");
        UUID unknown = UUID.randomUUID();
        UUID newest = UUID.randomUUID();
        jobs.create(newest, "bucket", "", null); // not in the cache yet: answered in real time
        java.util.concurrent.atomic.AtomicInteger statements = new java.util.concurrent.atomic.AtomicInteger();
        JobRepository counted = new JobRepository(countingStatements(db.dataSource(), statements));
        List<UUID> asked = new java.util.ArrayList<>(ids);
        asked.add(unknown);
        asked.add(newest);

        List<JobStatus> statuses = counted.findStatuses(asked, false);

        assertEquals(51, statuses.size());
        assertEquals(ids.get(7).toString(), statuses.get(7).jobId(), "in the order asked");
        assertEquals("cached", statuses.get(0).dataSource());
        assertEquals("real_time", statuses.get(50).dataSource());
        assertEquals(2, statements.get());
    }

    /** The SQL filter of GET /jobs?status= and the status a job shows come from the same rules. */
    @Test
    void the_status_filter_finds_exactly_the_jobs_showing_that_status() throws SQLException {
        java.util.Map<String, String> stages = new java.util.LinkedHashMap<>();
        for (String stage : new String[] {"RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"}) {
            for (String objects : new String[] {"", "queued", "processing", "succeeded", "failed"}) {
                UUID id = UUID.randomUUID();
                jobs.create(id, "bucket", "", null);
                if (!objects.isEmpty()) {
                    db.sql("INSERT INTO job_objects (job_id, key, size, status) VALUES ('" + id + "', 'k', 1, '"
                            + objects + "')");
                }
                db.sql("UPDATE jobs SET step_function_status = '" + stage + "' WHERE job_id = '" + id + "'");
                stages.put(id.toString(), stage + "/" + objects);
            }
        }
        JobReads reads = new JobReads(db.dataSource());
        for (boolean refreshed : new boolean[] {false, true}) {
            if (refreshed) {
                db.sql("SELECT refresh_job_progress()");
            }
            List<UUID> all = reads.jobs(null, 1000, null).stream().map(p -> p.jobId()).toList();
            java.util.Map<String, String> shown = new java.util.HashMap<>();
            for (JobStatus status : jobs.findStatuses(all, false)) {
                shown.put(status.jobId(), status.status());
            }
            assertEquals(5, new java.util.HashSet<>(shown.values()).size(), "every status is shown by some job");
            for (String status : List.of("listing", "processing", "completed", "failed", "aborted")) {
                java.util.Set<String> filtered = new java.util.HashSet<>();
                reads.jobs(null, 1000, status).forEach(p -> filtered.add(p.jobId().toString()));
                java.util.Set<String> expected = new java.util.HashSet<>();
                shown.forEach((id, s) -> {
                    if (s.equals(status)) {
                        expected.add(id);
                    }
                });
                assertEquals(expected, filtered, status + (refreshed ? " (cached)" : " (real time)"));
            }
        }
    }

    private static javax.sql.DataSource countingStatements(javax.sql.DataSource real,
                                                           java.util.concurrent.atomic.AtomicInteger count) {
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(RepositoriesTest.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(real, args);
                    if (result instanceof Connection c) {
                        return java.lang.reflect.Proxy.newProxyInstance(RepositoriesTest.class.getClassLoader(),
                                new Class<?>[] {Connection.class}, (p2, m2, a2) -> {
                                    if (m2.getName().equals("prepareStatement")) {
                                        count.incrementAndGet();
                                    }
                                    return m2.invoke(c, a2);
                                });
                    }
                    return result;
                });
    }

    @Test
    void a_redelivered_message_leaves_one_set_of_findings() throws SQLException {
        UUID id = UUID.randomUUID();
        jobs.create(id, "bucket", "", null);
        db.sql("INSERT INTO job_objects (job_id, key, size) VALUES ('" + id + "', 'k', 10)");
        ScanMessage message = new ScanMessage(id, "bucket", "k", 10);
        List<Finding> findings = List.of(new Finding("US_SSN", 1, 0, "***-**-6780"),
                new Finding("EMAIL_ADDRESS", 2, 20, "a***@b.io"));

        // Two deliveries claimed at once: the first scanner stalled past its claim's lease, so the
        // second delivery took the object over.
        ClaimedObject first = objects.claim(message);
        db.sql("UPDATE job_objects SET claimed_until = now() - interval '1 second' WHERE job_id = '" + id + "'");
        ClaimedObject second = objects.claim(message);
        assertTrue(objects.store(first, ScanOutcome.succeeded(findings)));
        assertFalse(objects.store(second, ScanOutcome.succeeded(findings)));
        // A third delivery after the object is done is not even claimed.
        assertNull(objects.claim(message));

        assertEquals(2, count("SELECT count(*) FROM findings WHERE job_id = '" + id + "'"));
        JobStatus status = jobs.findStatus(id, true).orElseThrow();
        assertEquals(1, status.succeeded());
        assertEquals(2, status.totalFindings());
        assertEquals(2, count("SELECT attempts FROM job_objects WHERE job_id = '" + id + "'"));
    }

    @Test
    void a_failed_object_keeps_its_reason_and_no_findings() throws SQLException {
        UUID id = UUID.randomUUID();
        jobs.create(id, "bucket", "", null);
        db.sql("INSERT INTO job_objects (job_id, key, size) VALUES ('" + id + "', 'big', 10)");

        objects.store(objects.claim(new ScanMessage(id, "bucket", "big", 10)), ScanOutcome.failed("too large"));

        assertEquals("too large", text("SELECT error FROM job_objects WHERE job_id = '" + id + "'"));
        assertEquals(1, jobs.findStatus(id, true).orElseThrow().failed());
    }

    @Test
    void objects_of_an_aborted_job_are_not_claimed() throws SQLException {
        UUID id = UUID.randomUUID();
        jobs.create(id, "bucket", "", null);
        db.sql("INSERT INTO job_objects (job_id, key, size) VALUES ('" + id + "', 'k', 1)",
                "UPDATE jobs SET step_function_status = 'ABORTED' WHERE job_id = '" + id + "'");

        assertNull(objects.claim(new ScanMessage(id, "bucket", "k", 1)));
        assertEquals("queued", text("SELECT status FROM job_objects WHERE job_id = '" + id + "'"));
    }

    @Test
    void a_listing_job_is_held_by_one_lister_at_a_time() throws SQLException {
        UUID id = UUID.randomUUID();
        jobs.create(id, "bucket", "", null);

        ListingJob held = listing.claimNext();

        assertEquals(id, held.getJobId());
        assertNull(listing.claimNext());
        // A lister that died leaves its lease to run out; then another takes over where it stopped.
        db.sql("UPDATE jobs SET listing_lease_until = now() - interval '1 second', listing_token = 'tok'");
        ListingJob taken = listing.claimNext();
        assertEquals(id, taken.getJobId());
        assertEquals("tok", taken.getContinuationToken());
    }

    @Test
    void a_page_listed_twice_is_recorded_once_and_the_last_page_ends_listing() throws SQLException {
        UUID id = UUID.randomUUID();
        jobs.create(id, "bucket", "", null);
        ListingJob job = listing.claimNext();
        ListingPage first = new ListingPage(List.of(new ListingPage.ListedObject("a", 1, "e"),
                new ListingPage.ListedObject("b", 2, "e")), "next");

        assertEquals(2, listing.recordPage(job, first).size());
        assertEquals(2, listing.recordPage(job, first).size()); // a lister restarted mid-page
        listing.advance(job, first);
        assertEquals("listing", jobs.findStatus(id, true).orElseThrow().status());
        assertEquals(2, jobs.findStatus(id, true).orElseThrow().total());

        ListingPage last = new ListingPage(List.of(new ListingPage.ListedObject("c", 3, "e")), null);
        listing.recordPage(job, last);
        listing.advance(job, last);

        JobStatus status = jobs.findStatus(id, true).orElseThrow();
        assertEquals("SUCCEEDED", status.stepFunctionStatus());
        assertEquals("processing", status.status());
        assertEquals(3, status.total());
        assertTrue(job.isFinished());
        assertNull(listing.claimNext());
    }

    @Test
    void a_failed_listing_records_its_reason() throws SQLException {
        UUID id = UUID.randomUUID();
        jobs.create(id, "gone", "", null);
        ListingJob job = listing.claimNext();

        listing.fail(job, "The specified bucket does not exist");

        JobStatus status = jobs.findStatus(id, true).orElseThrow();
        assertEquals("failed", status.status());
        assertEquals("FAILED", status.stepFunctionStatus());
        assertEquals("Step Functions execution failed: The specified bucket does not exist", status.statusMessage());
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String text(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
