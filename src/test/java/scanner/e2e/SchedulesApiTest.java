package scanner.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scanner.support.RunningScanner;
import scanner.support.TestDatabase;
import software.amazon.awssdk.core.sync.RequestBody;

/** The /schedules API, and a schedule that starts ordinary jobs which show where they came from. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulesApiTest {

    private TestDatabase db;
    private RunningScanner app;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        db = TestDatabase.create();
        app = RunningScanner.start(db, dataDir, Map.of("scanner.schedules.check-interval", "200",
                "scanner.limits.schedule-min-interval", "2s")); // runs every 2 s, so the test sees them fire
        app.s3.createBucket(b -> b.bucket("nightly"));
        app.s3.putObject(b -> b.bucket("nightly").key("a.txt"), RequestBody.fromString("ssn 219-09-9991\n"));
    }

    @AfterAll
    void stop() {
        RunningScanner.stop(app, db);
    }

    @Test
    void bad_schedules_are_refused_naming_the_problem() {
        Object[][] cases = {
            {"{\"bucket\":\"nightly\"}", "missing_cron"},
            {"{\"bucket\":\"nightly\",\"cron\":\"every night\"}", "invalid_cron"},
            {"{\"bucket\":\"nightly\",\"cron\":\"0 0 2 * *\"}", "invalid_cron"},        // five fields: Unix cron, not Quartz
            {"{\"bucket\":\"nightly\",\"cron\":42}", "invalid_cron"},
            {"{\"bucket\":\"nightly\",\"cron\":\"0 0 2 * * ? 2001\"}", "invalid_cron"},  // never fires again
            {"{\"cron\":\"0 0 2 * * ?\"}", "missing_bucket"},
            {"{\"bucket\":\"Bad_Bucket\",\"cron\":\"0 0 2 * * ?\"}", "invalid_bucket"},
            {"not json", "invalid_json"},
        };
        for (Object[] c : cases) {
            RunningScanner.Response response = app.postJson("/schedules", (String) c[0]);
            assertEquals(400, response.status(), c[0] + " → " + response.body());
            assertEquals(c[1], response.json().get("error").asText(), (String) c[0]);
        }
        assertEquals("invalid_schedule_id", app.get("/schedules/not-a-uuid").json().get("error").asText());
        assertEquals(404, app.get("/schedules/" + UUID.randomUUID()).status());
    }

    @Test
    void a_schedule_starts_jobs_that_name_it_and_can_be_paused_resumed_and_deleted() {
        RunningScanner.Response created = app.postJson("/schedules",
                "{\"bucket\":\"nightly\",\"cron\":\"0/2 * * * * ?\",\"extensions\":[\"txt\"]}");
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("schedule_id").asText();
        assertEquals("0/2 * * * * ?", created.json().get("cron").asText());
        assertTrue(created.json().hasNonNull("next_fire_at"));
        assertEquals("txt", created.json().get("options").get("extensions").get(0).asText());

        // A run starts, as an ordinary job that names its schedule, and completes.
        JsonNode schedule = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> app.get("/schedules/" + id).json(), s -> s.hasNonNull("last_job_id"));
        String jobId = schedule.get("last_job_id").asText();
        JsonNode job = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> app.get("/jobs/" + jobId + "?real_time=true").json(), j -> j.get("status").asText().equals("completed"));
        assertEquals(id, job.get("schedule_id").asText());
        assertEquals(1, job.get("total_findings").asLong());
        assertTrue(app.get("/schedules").json().get("schedules").toString().contains(id));

        JsonNode paused = app.postJson("/schedules/" + id + "/pause", "").json();
        assertEquals(true, paused.get("paused").asBoolean());
        JsonNode resumed = app.postJson("/schedules/" + id + "/resume", "").json();
        assertEquals(false, resumed.get("paused").asBoolean());

        assertEquals(200, app.delete("/schedules/" + id).status());
        assertEquals("schedule_not_found", app.get("/schedules/" + id).json().get("error").asText());
        assertEquals(id, app.get("/jobs/" + jobId).json().path("schedule_id").asText(id), "its jobs stay");
    }
}
