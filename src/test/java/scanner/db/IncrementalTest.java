package scanner.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import scanner.jobs.JobReads;
import scanner.jobs.JobRepository;
import scanner.jobs.JobStatus;
import scanner.listing.ListingRepository;
import scanner.listing.ListingJob;
import scanner.listing.ListingPage;
import scanner.listing.ListingPage.ListedObject;
import scanner.support.TestDatabase;

/** An incremental job: unchanged objects are carried over with their findings, set-based, per page. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncrementalTest {

    private TestDatabase db;
    private JobRepository jobs;
    private ListingRepository listing;

    @BeforeAll
    void createDatabase() {
        db = TestDatabase.createMigrated();
        jobs = new JobRepository(db.dataSource());
        listing = new ListingRepository(db.dataSource(), Duration.ofSeconds(60), 3);
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }

    /** A completed baseline: same.txt (2 findings), changed.txt (1), gone.txt (1), failed.bin (failed). */
    private UUID baseline() {
        UUID id = UUID.randomUUID();
        db.sql("INSERT INTO jobs (job_id, bucket, prefix, step_function_status) VALUES ('" + id + "', 'b', '', 'SUCCEEDED')",
                "INSERT INTO job_objects (job_id, key, size, etag, status, findings_count) VALUES "
                        + "('" + id + "', 'same.txt', 10, 'e1', 'succeeded', 2), ('" + id + "', 'changed.txt', 10, 'e2', 'succeeded', 1), "
                        + "('" + id + "', 'gone.txt', 10, 'e3', 'succeeded', 1), ('" + id + "', 'failed.bin', 10, 'e4', 'failed', 0)",
                "INSERT INTO findings (job_id, object_id, detector, line, byte_offset, masked, location) "
                        + "SELECT job_id, id, 'US_SSN', 3, 40, '***-**-9991', '' FROM job_objects WHERE job_id = '" + id + "' AND key <> 'failed.bin'",
                "INSERT INTO findings (job_id, object_id, detector, line, byte_offset, masked, location) "
                        + "SELECT job_id, id, 'EMAIL_ADDRESS', 1, 0, 'j***@example.org', 'same.txt!/inner.csv' FROM job_objects "
                        + "WHERE job_id = '" + id + "' AND key = 'same.txt'");
        return id;
    }

    @Test
    void unchanged_objects_are_carried_over_with_their_findings_and_deletions_counted() throws SQLException {
        UUID base = baseline();
        UUID id = UUID.randomUUID();
        jobs.create(id, "b", "", null, "{}", base);
        ListingJob job = listing.claimNext();
        ListingPage page = new ListingPage(List.of(new ListedObject("same.txt", 10, "e1"), new ListedObject("changed.txt", 10, "e9"),
                new ListedObject("failed.bin", 10, "e4"), new ListedObject("new.txt", 5, "e5")), null);

        Set<String> toScan = listing.recordPage(job, page).stream().map(m -> m.key()).collect(Collectors.toSet());
        // A lister restarted mid-page records it again: nothing is carried twice.
        Set<String> again = listing.recordPage(job, page).stream().map(m -> m.key()).collect(Collectors.toSet());
        listing.advance(job, page);

        assertEquals(Set.of("changed.txt", "failed.bin", "new.txt"), toScan, "a failed object is scanned again");
        assertEquals(4, again.size(), "a repeated page sends all (scanners drop what is finished)");
        JobStatus status = jobs.findStatus(id, true).orElseThrow();
        assertEquals(base.toString(), status.baselineJobId());
        assertEquals(1L, status.unchangedObjects());
        assertEquals(1L, status.deletedObjects(), "gone.txt");
        assertEquals(List.of("gone.txt"), deletedKeys(id));
        listing.advance(job, page); // a lister that repeats the last page records the deletions once
        assertEquals(List.of("gone.txt"), deletedKeys(id));
        assertEquals(1L, jobs.findStatus(id, true).orElseThrow().deletedObjects());
        assertEquals(4, status.total());
        assertEquals(1, status.succeeded());
        assertEquals(3, status.queued());
        assertEquals(2, status.totalFindings(), "same.txt's findings, carried");
        assertEquals(2, db.queryLong("SELECT count(*) FROM findings f JOIN job_objects o ON o.id = f.object_id "
                + "WHERE f.job_id = '" + id + "' AND o.key = 'same.txt' AND (f.location = '' OR f.location = 'same.txt!/inner.csv')"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM job_objects WHERE job_id = '" + id + "' AND unchanged"));
        // The counters the triggers keep agree with the rows.
        assertEquals(db.queryLong("SELECT count(*) FROM findings WHERE job_id = '" + id + "'"),
                db.queryLong("SELECT findings FROM recount_job('" + id + "')"));
        assertEquals(2, db.queryLong("SELECT sum(findings) FROM job_counters WHERE job_id = '" + id + "'"));
    }

    @Test
    void deleted_objects_are_known_only_once_the_listing_has_ended() throws SQLException {
        UUID base = baseline();
        UUID id = UUID.randomUUID();
        jobs.create(id, "b", "", null, "{}", base);
        var api = new scanner.api.JobsApi(jobs, new JobReads(db.dataSource()), null, scanner.api.ApiLimits.DEFAULT,
                new scanner.jobs.ProgressCache(jobs), new scanner.listing.JobLaunches(jobs, scanner.listing.ListingLauncher.IN_PROCESS));

        var listing = org.junit.jupiter.api.Assertions.assertThrows(scanner.api.ApiException.class, () -> api.deletedObjects(id, 10, null));
        var notIncremental = org.junit.jupiter.api.Assertions.assertThrows(scanner.api.ApiException.class, () -> api.deletedObjects(base, 10, null));

        assertEquals(409, listing.status());
        assertEquals("listing_in_progress", listing.code());
        assertEquals(409, notIncremental.status());
        assertEquals("not_incremental", notIncremental.code());
        jobs.abort(id); // and not left for the other tests' listers to claim
        var aborted = org.junit.jupiter.api.Assertions.assertThrows(scanner.api.ApiException.class, () -> api.deletedObjects(id, 10, null));
        assertEquals(409, aborted.status());
        assertEquals("listing_incomplete", aborted.code());
    }

    private List<String> deletedKeys(UUID job) throws SQLException {
        return new JobReads(db.dataSource()).deletedObjects(job, 0, 100).stream().map(JobReads.DeletedObjectRow::key).toList();
    }

    @Test
    void a_job_without_a_baseline_scans_everything() throws SQLException {
        UUID id = UUID.randomUUID();
        jobs.create(id, "full", "", null);
        ListingJob job = listing.claimNext();
        ListingPage page = new ListingPage(List.of(new ListedObject("same.txt", 10, "e1")), null);

        assertEquals(1, listing.recordPage(job, page).size());
        listing.advance(job, page);
        JobStatus status = jobs.findStatus(id, true).orElseThrow();
        assertEquals(null, status.baselineJobId());
        assertEquals(null, status.unchangedObjects());
        assertEquals(null, status.deletedObjects());
    }
}
