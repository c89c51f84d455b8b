package scanner.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.api.management.ManagedCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scanner.support.RunningScanner;
import scanner.support.TestDatabase;

/**
 * Two application instances on one database, both firing schedules every 100 ms: each fire time
 * of each schedule starts exactly one run.
 */
class SchedulesTwoInstancesTest {

    private static final Map<String, String> EAGER = Map.of("scanner.schedules.check-interval", "100", "scanner.limits.schedule-min-interval", "2s");

    private TestDatabase db;
    private RunningScanner first;
    private RunningScanner second;

    @AfterEach
    void stop() {
        RunningScanner.stop(second, null);
        RunningScanner.stop(first, db);
    }

    @Test
    void each_fire_time_starts_one_run_whichever_instance_takes_it(@TempDir Path one, @TempDir Path two) throws Exception {
        db = TestDatabase.create();
        first = RunningScanner.start(db, one, EAGER);
        second = RunningScanner.start(db, two, EAGER);
        for (RunningScanner app : List.of(first, second)) { // each lists with its own embedded S3
            app.s3.createBucket(b -> b.bucket("shared"));
        }

        // Sixteen schedules due every two seconds, so that the two instances race for many fire times.
        List<String> schedules = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            RunningScanner.Response created = (i % 2 == 0 ? first : second).postJson("/schedules",
                    "{\"bucket\":\"shared\",\"prefix\":\"p" + i + "/\",\"cron\":\"0/2 * * * * ?\"}");
            assertEquals(201, created.status(), created.body());
            schedules.add(created.json().get("schedule_id").asText());
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> db.queryLong("SELECT count(DISTINCT floor(extract(epoch FROM created_at) / 2)) FROM jobs") >= 6);
        for (String id : schedules) {
            assertEquals(200, first.postJson("/schedules/" + id + "/pause", "").status());
        }
        // Both instances check the (now paused) schedules a few more times.
        long firstChecks = checks(first);
        long secondChecks = checks(second);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> checks(first) >= firstChecks + 5 && checks(second) >= secondChecks + 5);

        // A fire time (an even second) starts at most one run of each schedule, whichever instance took it.
        long doubled = db.queryLong("SELECT count(*) FROM (SELECT schedule_id, floor(extract(epoch FROM created_at) / 2) AS fire "
                + "FROM jobs GROUP BY 1, 2 HAVING count(*) > 1) d");
        assertEquals(0, doubled, "fire times that started two runs of one schedule");
        assertTrue(db.queryLong("SELECT count(*) FROM jobs") >= 16 * 2, "every schedule ran at several fire times");
    }

    /** How many times the instance's schedule check has run. */
    private static long checks(RunningScanner app) throws Exception {
        return app.camelContext().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute("fire-schedules").getExchangesCompleted();
    }
}
