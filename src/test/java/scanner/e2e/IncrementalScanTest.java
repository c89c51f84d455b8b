package scanner.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scanner.support.RunningScanner;
import scanner.support.TestDatabase;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A second scan after changing, adding and deleting a few objects scans only those, carries the
 * other findings, and counts the deletions; its findings describe the bucket as it is now.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncrementalScanTest {

    private TestDatabase db;
    private RunningScanner app;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        db = TestDatabase.create();
        app = RunningScanner.start(db, dataDir, Map.of("scanner.listing.page-size", "3"));
        app.s3.createBucket(b -> b.bucket("inc"));
    }

    @AfterAll
    void stop() {
        RunningScanner.stop(app, db);
    }

    private void put(String key, String text) {
        app.s3.putObject(b -> b.bucket("inc").key(key), RequestBody.fromString(text));
    }

    private JsonNode scan(String body) {
        RunningScanner.Response accepted = app.postJson("/scan", body);
        assertEquals(202, accepted.status(), accepted.body());
        String id = accepted.json().get("job_id").asText();
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> app.get("/jobs/" + id + "?real_time=true").json(), s -> s.get("status").asText().equals("completed"));
    }

    private Map<String, Integer> findingsByKey(String jobId) {
        Map<String, Integer> found = new HashMap<>();
        for (JsonNode f : app.get("/jobs/" + jobId + "/findings?limit=1000").json().get("findings")) {
            found.merge(f.get("key").asText(), 1, Integer::sum);
        }
        return found;
    }

    @Test
    void only_what_changed_is_scanned_and_the_findings_describe_the_bucket_now() {
        for (int i = 0; i < 8; i++) {
            put("docs/" + i + ".txt", "row " + i + "\nssn 219-09-" + (1000 + i) + "\n");
        }
        JsonNode first = scan("{\"bucket\":\"inc\"}");
        assertEquals(8, first.get("total_findings").asLong());

        put("docs/1.txt", "changed: no secret now\n");                    // changed
        put("docs/2.txt", "changed\nssn 219-09-2002\nmail a@example.org\n"); // changed, one more finding
        put("docs/new.txt", "new\nssn 219-09-3003\n");                      // added
        app.s3.deleteObject(b -> b.bucket("inc").key("docs/7.txt"));         // deleted

        JsonNode second = scan("{\"bucket\":\"inc\",\"incremental\":true}");

        assertEquals(first.get("job_id").asText(), second.get("baseline_job_id").asText());
        assertEquals(8, second.get("total").asLong());
        assertEquals(5, second.get("unchanged_objects").asLong(), "0, 3, 4, 5, 6");
        assertEquals(1, second.get("deleted_objects").asLong(), "7");
        assertEquals(8, second.get("succeeded").asLong());
        assertEquals(100.0, second.get("progress_percent").asDouble());
        String job = second.get("job_id").asText();
        Set<String> unchanged = new HashSet<>();
        for (JsonNode o : app.get("/jobs/" + job + "/objects?limit=1000").json().get("objects")) {
            if (o.get("unchanged").asBoolean()) {
                unchanged.add(o.get("key").asText());
            }
        }
        assertEquals(Set.of("docs/0.txt", "docs/3.txt", "docs/4.txt", "docs/5.txt", "docs/6.txt"), unchanged);
        Map<String, Integer> now = findingsByKey(job);
        assertEquals(Map.of("docs/0.txt", 1, "docs/2.txt", 2, "docs/3.txt", 1, "docs/4.txt", 1, "docs/5.txt", 1,
                "docs/6.txt", 1, "docs/new.txt", 1), now);
        assertEquals(8, second.get("total_findings").asLong());

        // The deleted objects by name, with what the baseline had found in them.
        JsonNode deleted = app.get("/jobs/" + job + "/deleted-objects").json();
        assertEquals(first.get("job_id").asText(), deleted.get("baseline_job_id").asText());
        assertEquals(1, deleted.get("deleted_objects").size(), deleted.toString());
        assertEquals("docs/7.txt", deleted.get("deleted_objects").get(0).get("key").asText());
        assertEquals("row 7\nssn 219-09-1007\n".length(), deleted.get("deleted_objects").get(0).get("size").asLong());
        assertEquals(1, deleted.get("deleted_objects").get(0).get("findings").asInt());
        assertTrue(deleted.get("next_cursor").isNull());
        RunningScanner.Response notIncremental = app.get("/jobs/" + first.get("job_id").asText() + "/deleted-objects");
        assertEquals(409, notIncremental.status());
        assertEquals("not_incremental", notIncremental.json().get("error").asText());
        assertEquals(404, app.get("/jobs/" + java.util.UUID.randomUUID() + "/deleted-objects").status());

        // The bucket view: the latest completed run's findings, paged.
        java.util.Map<String, Integer> view = new java.util.HashMap<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = app.get("/buckets/inc/findings?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            for (JsonNode f : page.get("findings")) {
                view.merge(f.get("key").asText(), 1, Integer::sum);
                assertEquals(job, f.get("job_id").asText());
            }
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            pages++;
        } while (cursor != null);
        assertEquals(now, view);
        assertEquals(3, pages);
        assertEquals("invalid_bucket", app.get("/buckets/Not_A_Bucket/findings").json().get("error").asText());
        assertEquals("invalid_cursor", app.get("/buckets/inc/findings?cursor=abc").json().get("error").asText());

        // Naming the baseline: it must be a completed scan of the same bucket.
        JsonNode named = scan("{\"bucket\":\"inc\",\"baseline_job_id\":\"" + job + "\"}");
        assertEquals(8, named.get("unchanged_objects").asLong());
        assertEquals(0, named.get("deleted_objects").asLong());
        app.s3.createBucket(b -> b.bucket("other-bucket"));
        RunningScanner.Response wrongBucket = app.postJson("/scan", "{\"bucket\":\"other-bucket\",\"baseline_job_id\":\"" + job + "\"}");
        assertEquals("invalid_baseline", wrongBucket.json().get("error").asText(), wrongBucket.body());
        assertEquals("invalid_baseline", app.postJson("/scan", "{\"bucket\":\"inc\",\"baseline_job_id\":\"nope\"}").json().get("error").asText());
        assertEquals("invalid_incremental", app.postJson("/scan", "{\"bucket\":\"inc\",\"incremental\":\"yes\"}").json().get("error").asText());
    }
}
