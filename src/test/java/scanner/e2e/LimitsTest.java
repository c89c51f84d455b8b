package scanner.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scanner.support.RunningScanner;
import scanner.support.TestDatabase;

/** Nothing floods: running jobs, schedules, how often a schedule fires and page sizes are bounded, each by a setting. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsTest {

    private TestDatabase db;
    private RunningScanner app;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        db = TestDatabase.create();
        app = RunningScanner.start(db, dataDir, Map.of("scanner.limits.running-jobs", "1", "scanner.limits.schedules", "3"));
        app.s3.createBucket(b -> b.bucket("limits"));
    }

    @AfterAll
    void stop() {
        RunningScanner.stop(app, db);
    }

    @Test
    void a_scan_past_the_running_jobs_limit_is_429_naming_it() {
        // A job at work: listed, one object still queued.
        String busy = UUID.randomUUID().toString();
        db.sql("INSERT INTO jobs (job_id, bucket, prefix, step_function_status) VALUES ('" + busy + "', 'limits', 'x/', 'SUCCEEDED')");
        db.sql("INSERT INTO job_counters (job_id, slot, total, queued) VALUES ('" + busy + "', 0, 1, 1)");
        try {
            RunningScanner.Response refused = app.postJson("/scan", "{\"bucket\":\"limits\"}");
            assertEquals(429, refused.status(), refused.body());
            assertEquals("too_many_running_jobs", refused.json().get("error").asText());
            assertTrue(refused.json().get("message").asText().contains("SCANNER_MAX_RUNNING_JOBS"));
        } finally {
            db.sql("DELETE FROM jobs WHERE job_id = '" + busy + "'");
        }
        assertEquals(202, app.postJson("/scan", "{\"bucket\":\"limits\"}").status(), "accepted once the other job is gone");
    }

    @Test
    void schedules_are_bounded_in_number_and_frequency_and_listed_in_pages() {
        RunningScanner.Response everySecond = app.postJson("/schedules", "{\"bucket\":\"limits\",\"cron\":\"* * * * * ?\"}");
        assertEquals(400, everySecond.status());
        assertEquals("invalid_cron", everySecond.json().get("error").asText());
        assertTrue(everySecond.json().get("message").asText().contains("SCANNER_SCHEDULE_MIN_INTERVAL"), everySecond.body());
        assertEquals(400, app.postJson("/schedules", "{\"bucket\":\"limits\",\"cron\":\"0/30 * * * * ?\"}").status());

        for (int i = 0; i < 3; i++) {
            assertEquals(201, app.postJson("/schedules", "{\"bucket\":\"limits\",\"prefix\":\"p" + i + "/\",\"cron\":\"0 0 " + i
                    + " * * ?\"}").status());
        }
        RunningScanner.Response fourth = app.postJson("/schedules", "{\"bucket\":\"limits\",\"cron\":\"0 0 5 * * ?\"}");
        assertEquals(429, fourth.status(), fourth.body());
        assertEquals("too_many_schedules", fourth.json().get("error").asText());

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = app.get("/schedules?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("schedules").forEach(s -> assertTrue(seen.add(s.get("schedule_id").asText()), "no repeats"));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            pages++;
        } while (cursor != null);
        assertEquals(3, seen.size());
        assertEquals(2, pages);
        assertEquals("invalid_cursor", app.get("/schedules?cursor=bm9wZQ").json().get("error").asText());
        assertEquals("invalid_limit", app.get("/schedules?limit=5000").json().get("error").asText());
        assertEquals("invalid_limit", app.get("/dead-letters?limit=101").json().get("error").asText());
    }
}
