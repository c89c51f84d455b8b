package scanner.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import scanner.jobs.ScheduleRepository;
import scanner.support.TestDatabase;

/** Scheduled runs fire once per fire time whatever the number of replicas, and never overlap. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulesTest {

    private TestDatabase db;
    private ScheduleRepository schedules;

    @BeforeAll
    void createDatabase() {
        db = TestDatabase.createMigrated();
        schedules = new ScheduleRepository(db.dataSource());
    }

    @BeforeEach
    void empty() {
        db.sql("DELETE FROM jobs", "DELETE FROM schedules");
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }

    private void makeDue(String id) {
        db.sql("UPDATE schedules SET next_fire_at = now() - interval '1 second' WHERE schedule_id = '" + id + "'");
    }

    private long count(String sql) {
        return db.queryLong(sql);
    }

    @Test
    void a_due_schedule_fires_once_even_when_replicas_race_for_it() throws Exception {
        for (int round = 0; round < 5; round++) {
            db.sql("DELETE FROM jobs", "DELETE FROM schedules");
            String id = schedules.create("bucket", "p/", "{}", "0 0 2 * * ?").scheduleId();
            makeDue(id);
            int replicas = 6;
            CyclicBarrier start = new CyclicBarrier(replicas);
            ExecutorService pool = Executors.newFixedThreadPool(replicas);
            List<Future<Integer>> fired = new ArrayList<>();
            for (int r = 0; r < replicas; r++) {
                ScheduleRepository replica = new ScheduleRepository(db.dataSource());
                Callable<Integer> fire = () -> {
                    start.await();
                    return replica.fireDue().size();
                };
                fired.add(pool.submit(fire));
            }
            int total = 0;
            for (Future<Integer> f : fired) {
                total += f.get();
            }
            pool.shutdown();
            assertEquals(1, total, "runs started in round " + round);
            assertEquals(1, count("SELECT count(*) FROM jobs WHERE schedule_id = '" + id + "'"));
            ScheduleRepository.Schedule after = schedules.find(UUID.fromString(id)).orElseThrow();
            assertNotNull(after.lastJobId());
            assertTrue(after.nextFireAt().endsWith("T02:00:00Z"), after.nextFireAt()); // moved to the next 02:00 UTC
        }
    }

    @Test
    void a_run_is_skipped_while_the_previous_one_still_goes_and_fires_once_it_has_ended() throws Exception {
        String id = schedules.create("bucket", "", "{}", "0 0 * * * ?").scheduleId();
        makeDue(id);
        String first = schedules.fireDue().get(0).jobId().toString();

        makeDue(id);
        assertEquals(List.of(), schedules.fireDue());
        ScheduleRepository.Schedule skipped = schedules.find(UUID.fromString(id)).orElseThrow();
        assertEquals("the previous run (job " + first + ") is still listing", skipped.lastSkipReason());
        assertEquals(1, count("SELECT count(*) FROM jobs"));

        // Listed, one object left to scan: still running.
        db.sql("INSERT INTO job_objects (job_id, key, size) VALUES ('" + first + "', 'k', 1)",
                "UPDATE jobs SET step_function_status = 'SUCCEEDED' WHERE job_id = '" + first + "'");
        makeDue(id);
        assertEquals(List.of(), schedules.fireDue());
        assertTrue(schedules.find(UUID.fromString(id)).orElseThrow().lastSkipReason().endsWith("is still processing"));

        db.sql("UPDATE job_objects SET status = 'succeeded' WHERE job_id = '" + first + "'");
        makeDue(id);
        assertEquals(1, schedules.fireDue().size());
        assertEquals(2, count("SELECT count(*) FROM jobs WHERE schedule_id = '" + id + "'"));
    }

    @Test
    void a_paused_schedule_does_not_fire_and_a_resumed_one_waits_for_its_next_time() throws Exception {
        String id = schedules.create("bucket", "", "{\"extensions\":[\"csv\"]}", "0 0 2 * * ?").scheduleId();
        schedules.setPaused(UUID.fromString(id), true);
        makeDue(id);
        assertEquals(List.of(), schedules.fireDue());

        schedules.setPaused(UUID.fromString(id), false);
        assertEquals(List.of(), schedules.fireDue(), "resumed: next fire time is after now");
        makeDue(id);
        String job = schedules.fireDue().get(0).jobId().toString();
        assertEquals(1, count("SELECT count(*) FROM jobs WHERE job_id = '" + job + "' AND options @> '{\"extensions\":[\"csv\"]}'"),
                "the run carries the schedule's scan options");
    }

    /** SCANNER_MAX_RUNNING_JOBS holds for schedules' runs as for POST /scan: a run over the limit is skipped with the reason. */
    @Test
    void a_due_run_is_skipped_while_the_running_jobs_are_at_the_limit() throws Exception {
        ScheduleRepository limited = new ScheduleRepository(db.dataSource(), 2);
        String first = limited.create("bucket", "a/", "{}", "0 0 2 * * ?").scheduleId();
        String second = limited.create("bucket", "b/", "{}", "0 0 2 * * ?").scheduleId();
        String third = limited.create("bucket", "c/", "{}", "0 0 2 * * ?").scheduleId();
        db.sql("INSERT INTO jobs (job_id, bucket, prefix) VALUES ('" + UUID.randomUUID() + "', 'other', '')"); // one job running
        makeDue(first);
        makeDue(second);
        makeDue(third);

        List<ScheduleRepository.Fired> fired = limited.fireDue();

        assertEquals(1, fired.size(), "one run fits under the limit of two running jobs");
        assertEquals(2, count("SELECT count(*) FROM schedules WHERE last_skip_reason LIKE '%SCANNER_MAX_RUNNING_JOBS%'"));
        assertEquals(2, count("SELECT count(*) FROM jobs"));
    }
}
