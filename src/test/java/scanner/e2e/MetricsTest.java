package scanner.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scanner.support.RunningScanner;
import scanner.support.TestDatabase;
import software.amazon.awssdk.core.sync.RequestBody;

/** The product's scanner_* metrics on /observe/metrics move by what a scan did. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsTest {

    private TestDatabase db;
    private RunningScanner app;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        db = TestDatabase.create();
        app = RunningScanner.start(db, dataDir, Map.of("scanner.metrics.sample-interval", "300",
                "scanner.refresh.interval", "1s"));
        app.s3.createBucket(b -> b.bucket("metrics"));
    }

    @AfterAll
    void stop() {
        RunningScanner.stop(app, db);
    }

    /** The value of one series in Prometheus text, 0 when absent. */
    static double value(String scrape, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([-+0-9.eE]+|NaN)$").matcher(scrape);
        while (m.find()) {
            String l = m.group(1) == null ? "" : m.group(1);
            if (labels.isEmpty() || l.contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    @Test
    void each_counter_moves_by_what_the_scan_did() {
        long bytes = 0;
        for (int i = 0; i < 6; i++) {
            byte[] content = ("row " + i + " ssn 219-09-9991 mail a" + i + "@example.org\n").getBytes();
            bytes += content.length;
            app.s3.putObject(b -> b.bucket("metrics").key("docs/" + System.nanoTime() + ".txt"), RequestBody.fromBytes(content));
        }
        app.s3.putObject(b -> b.bucket("metrics").key("docs/photo.png"),
                RequestBody.fromBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0}));
        String before = app.getManagement("/observe/metrics").body();

        String jobId = app.postJson("/scan", "{\"bucket\":\"metrics\"}").json().get("job_id").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> app.get("/jobs/" + jobId + "?real_time=true").json().get("status").asText().equals("completed"));
        String after = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> app.getManagement("/observe/metrics").body(),
                        s -> value(s, "scanner_jobs", "status=\"completed\"") >= 1
                                && value(s, "scanner_progress_refresh_seconds_count", "") >= 1);

        assertEquals(7, delta(before, after, "scanner_objects_listed_total", ""));
        assertEquals(6, delta(before, after, "scanner_objects_scanned_total", "outcome=\"succeeded\""));
        assertEquals(1, delta(before, after, "scanner_objects_scanned_total", "outcome=\"failed\""));
        assertEquals(bytes, delta(before, after, "scanner_scanned_bytes_total", ""));
        assertEquals(6, delta(before, after, "scanner_findings_total", "detector=\"US_SSN\""));
        assertEquals(6, delta(before, after, "scanner_findings_total", "detector=\"EMAIL_ADDRESS\""));
        assertEquals(7, delta(before, after, "scanner_object_scan_seconds_count", ""));
        assertTrue(after.contains("scanner_object_scan_seconds_bucket"), "latency histogram");
        assertEquals(0, value(after, "scanner_work_units_in_flight", ""));
        assertTrue(after.contains("scanner_queue_messages{state=\"visible\"}"), "queue depth sampled");
        assertTrue(after.contains("scanner_queue_messages{state=\"in_flight\"}"), "queue depth sampled");
        assertEquals(0, value(after, "scanner_jobs", "status=\"listing\""));

        // What Hawtio shows: a route's statistics, read through Jolokia.
        JsonNode completed = app.getManagement("/observe/jolokia/read/org.apache.camel:context=s3-scanner,type=routes,"
                + "name=%22s3-scan-object%22/ExchangesCompleted").json();
        assertTrue(completed.get("value").asLong() >= 7, completed.toString());
    }

    /** Hawtio lists routes by id and shows their description: none is left to Camel's "route3". */
    @Test
    void every_route_has_a_readable_id_and_a_description() {
        var routes = app.camelContext().getRoutes();
        assertTrue(routes.size() >= 15, "routes: " + routes.size());
        for (var route : routes) {
            assertTrue(!route.getRouteId().matches("route\\d+"), "generated id: " + route.getEndpoint());
            String description = route.getDescription();
            assertTrue(description != null && description.length() > 10, route.getRouteId() + " has no description");
        }
    }

    private static double delta(String before, String after, String name, String labels) {
        return value(after, name, labels) - value(before, name, labels);
    }
}
