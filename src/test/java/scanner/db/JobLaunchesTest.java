package scanner.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import scanner.jobs.JobRepository;
import scanner.jobs.JobStatus;
import scanner.listing.JobLaunches;
import scanner.listing.ListingLauncher;
import scanner.support.TestDatabase;

/** Launching a job's listing through the run mode's launcher keeps the jobs table true to what happened. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobLaunchesTest {

    private TestDatabase db;
    private JobRepository jobs;

    @BeforeAll
    void createDatabase() {
        db = TestDatabase.createMigrated();
        jobs = new JobRepository(db.dataSource());
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }

    private UUID newJob() throws Exception {
        UUID id = UUID.randomUUID();
        jobs.create(id, "bucket", "p/", null);
        return id;
    }

    @Test
    void in_process_listing_records_no_execution() throws Exception {
        UUID job = newJob();
        assertNull(new JobLaunches(jobs, ListingLauncher.IN_PROCESS).launch(job, "bucket", "p/"));
        JobStatus status = jobs.findStatus(job, true).orElseThrow();
        assertEquals("listing", status.status());
        assertNull(status.executionArn());
    }

    @Test
    void an_execution_is_recorded_and_stopped_on_abort() throws Exception {
        List<String> stopped = new ArrayList<>();
        ListingLauncher launcher = new ListingLauncher() {
            @Override
            public String launch(String jobId, String bucket, String prefix) {
                return "arn:aws:states:eu-west-1:1:execution:listing:scan-" + jobId;
            }

            @Override
            public void stop(String executionArn) {
                stopped.add(executionArn);
            }
        };
        UUID job = newJob();
        JobLaunches launches = new JobLaunches(jobs, launcher);
        String arn = launches.launch(job, "bucket", "p/");
        assertEquals(arn, jobs.findStatus(job, true).orElseThrow().executionArn());
        launches.stop(job, arn);
        assertEquals(List.of(arn), stopped);
    }

    @Test
    void a_refused_start_fails_the_job_with_the_reason() throws Exception {
        ListingLauncher refusing = new ListingLauncher() {
            @Override
            public String launch(String jobId, String bucket, String prefix) {
                throw new IllegalStateException("ExecutionLimitExceeded", new RuntimeException("too many executions"));
            }

            @Override
            public void stop(String executionArn) {
                throw new AssertionError("nothing to stop");
            }
        };
        UUID job = newJob();
        JobLaunches.NotStarted refused = assertThrows(JobLaunches.NotStarted.class,
                () -> new JobLaunches(jobs, refusing).launch(job, "bucket", "p/"));
        assertTrue(refused.reason().contains("too many executions"), refused.reason());
        JobStatus status = jobs.findStatus(job, true).orElseThrow();
        assertEquals("failed", status.status());
        assertTrue(status.statusMessage().contains("too many executions"), status.statusMessage());
    }
}
