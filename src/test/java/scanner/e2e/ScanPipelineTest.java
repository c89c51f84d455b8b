package scanner.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scanner.support.RunningScanner;
import scanner.support.TestDatabase;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The whole application in local mode: objects uploaded through its S3 endpoint, a scan started
 * over HTTP, its status polled to the end, its findings checked against what was planted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScanPipelineTest {

    private static final String BUCKET = "e2e-bucket";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Random random = new Random(7);
    private TestDatabase db;
    private RunningScanner app;
    /** What the test planted under docs/: key, detector, line, byte offset, masked value. */
    private final Set<List<Object>> planted = new HashSet<>();
    private final List<String> rawValues = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        db = TestDatabase.create();
        app = RunningScanner.start(db, dataDir, Map.of(
                "scanner.refresh.interval", "1s",
                "scanner.listing.page-size", "7",          // several pages for two dozen objects
                "scanner.scan.max-object-size", "64KB"));
        app.s3.createBucket(b -> b.bucket(BUCKET));
        uploadFixtures();
    }

    @AfterAll
    void stop() {
        RunningScanner.stop(app, db);
    }

    @Test
    void a_scan_goes_from_listing_through_processing_to_completed_with_every_planted_finding() throws Exception {
        RunningScanner.Response accepted = app.postJson("/scan", "{\"bucket\":\"" + BUCKET + "\",\"prefix\":\"docs/\"}");

        assertEquals(202, accepted.status(), accepted.body());
        assertTrue(accepted.contentType().startsWith("application/json"));
        JsonNode job = accepted.json();
        String jobId = job.get("job_id").asText();
        UUID.fromString(jobId);
        assertEquals("listing", job.get("status").asText());
        assertEquals(BUCKET, job.get("bucket").asText());
        assertEquals("docs/", job.get("prefix").asText());
        assertFalse(job.has("execution_arn"), "execution_arn is absent in local mode");

        List<String> seen = new ArrayList<>(List.of("listing"));
        JsonNode done = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode s = app.get("/jobs/" + jobId + "?real_time=true").json();
            if (!seen.get(seen.size() - 1).equals(s.get("status").asText())) {
                seen.add(s.get("status").asText());
            }
            return s;
        }, s -> s.get("status").asText().equals("completed"));

        List<String> order = List.of("listing", "processing", "completed");
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(order.indexOf(seen.get(i)) > order.indexOf(seen.get(i - 1)), "status went back: " + seen);
        }
        assertEquals("real_time", done.get("data_source").asText());
        assertEquals("SUCCEEDED", done.get("step_function_status").asText());
        assertEquals("All objects scanned", done.get("status_message").asText());
        assertEquals(24, done.get("total").asLong(), "20 plain + nested + gzip + binary + too large");
        assertEquals(22, done.get("succeeded").asLong());
        assertEquals(2, done.get("failed").asLong());
        assertEquals(0, done.get("queued").asLong());
        assertEquals(0, done.get("processing").asLong());
        assertEquals(planted.size(), done.get("total_findings").asLong());
        assertEquals(100.0, done.get("progress_percent").asDouble());
        assertFalse(done.has("execution_arn"));

        assertEquals(planted, storedFindings(jobId));
        assertTrue(error(jobId, "docs/image.bin").startsWith("unsupported format"));
        assertTrue(error(jobId, "docs/huge.txt").startsWith("too large"));
        for (String raw : rawValues) {
            assertEquals(0, countFindingsContaining(raw), "raw value stored: " + raw);
        }

        JsonNode cached = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> app.get("/jobs/" + jobId).json(),
                        s -> s.get("data_source").asText().equals("cached") && s.get("status").asText().equals("completed"));
        assertTrue(cached.hasNonNull("cache_refreshed_at"));
        assertTrue(cached.get("cache_refresh_duration_ms").asLong() >= 0);
        assertEquals(24, cached.get("total").asLong());
        assertEquals(planted.size(), cached.get("total_findings").asLong());
    }

    @Test
    void scan_options_select_objects_and_filtered_ones_are_not_counted() {
        String jobId = app.postJson("/scan", "{\"bucket\":\"" + BUCKET + "\",\"prefix\":\"docs/\","
                        + "\"include\":[\"docs/plain-1*\",\"docs/**/*.txt\"],\"exclude\":[\"docs/plain-19.txt\"],"
                        + "\"extensions\":[\"txt\"],\"max_object_size\":100}")
                .json().get("job_id").asText();

        JsonNode done = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> app.get("/jobs/" + jobId + "?real_time=true").json(),
                        s -> s.get("status").asText().equals("completed"));

        // docs/plain-1.txt, plain-10..18.txt and nested/deep/file.txt; plain-19 excluded, others not included.
        assertEquals(11, done.get("total").asLong());
        JsonNode failed = app.get("/jobs/" + jobId + "/objects?status=failed&limit=1000").json().get("objects");
        assertTrue(failed.size() > 0, "objects over the scan's 100-byte limit fail");
        failed.forEach(o -> {
            assertTrue(o.get("size").asLong() > 100);
            assertTrue(o.get("error").asText().startsWith("too large"), o.toString());
        });
        assertEquals("invalid_extensions", app.postJson("/scan", "{\"bucket\":\"" + BUCKET + "\",\"extensions\":[\"a.b\"]}")
                .json().get("error").asText());
    }

    /**
     * A broken file is the file's fault: it fails on its first attempt with the reason, and the
     * job completes, instead of the object being fetched again and again while the job waits.
     */
    @Test
    void corrupt_files_fail_at_once_with_their_reason() throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            log.append("GET /index.html 200 ").append(i).append('\n');
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(log.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] corrupt = gz.toByteArray();
        for (int i = 30; i < 50; i++) {
            corrupt[i] ^= 0x5a;
        }
        put("broken/access.log.gz", corrupt);
        put("broken/exports.zip", "PK\u0003\u0004 this is no zip archive at all, only its first bytes".getBytes(StandardCharsets.ISO_8859_1));
        put("broken/report.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n".getBytes(StandardCharsets.ISO_8859_1));
        put("broken/fine.txt", "nothing wrong with this one\n".getBytes(StandardCharsets.UTF_8));

        String jobId = app.postJson("/scan", "{\"bucket\":\"" + BUCKET + "\",\"prefix\":\"broken/\"}").json().get("job_id").asText();
        JsonNode done = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> app.get("/jobs/" + jobId + "?real_time=true").json(),
                        s -> s.get("status").asText().equals("completed"));

        assertEquals(4, done.get("total").asLong());
        assertEquals(3, done.get("failed").asLong());
        assertTrue(error(jobId, "broken/access.log.gz").startsWith("corrupt gzip data"), error(jobId, "broken/access.log.gz"));
        assertTrue(error(jobId, "broken/exports.zip").startsWith("corrupt zip archive"), error(jobId, "broken/exports.zip"));
        assertTrue(error(jobId, "broken/report.pdf").startsWith("cannot parse PDF"), error(jobId, "broken/report.pdf"));
        assertEquals(1, db.queryLong("SELECT max(attempts) FROM job_objects WHERE job_id = '" + jobId + "'"),
                "each object fetched once");
    }

    /**
     * Whoever can write to the scan queue names objects of a job, nothing more: the bucket (and the
     * size limit) a scanner uses are the job's, from its row, whatever the message says; no part of
     * a message reaches an endpoint URI.
     */
    @Test
    void a_forged_message_cannot_point_a_scanner_at_another_bucket() throws Exception {
        String jobId = completedScanOf("docs/plain-3");
        db.sql("UPDATE job_objects SET status = 'queued', attempts = 0 WHERE job_id = '" + jobId + "'");
        String queueUrl = app.sqs.getQueueUrl(r -> r.queueName("s3-scanner-objects")).queueUrl();
        String forged = "{\"job_id\":\"" + jobId + "\",\"bucket\":\"no-such-bucket?operation=deleteBucket&x={{env:HOME}}\","
                + "\"max_size\":1,\"objects\":[{\"key\":\"docs/plain-3.txt\",\"size\":1}]}";
        app.sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(forged).build());

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> db.queryLong(
                "SELECT count(*) FROM job_objects WHERE job_id = '" + jobId + "' AND status = 'queued'") == 0);
        assertEquals(1, db.queryLong("SELECT count(*) FROM job_objects WHERE job_id = '" + jobId + "' AND status = 'succeeded'"),
                "scanned from the job's own bucket, with the job's own size limit");
        assertTrue(app.s3.headBucket(b -> b.bucket(BUCKET)).sdkHttpResponse().isSuccessful());
    }

    @Test
    void an_empty_prefix_completes_with_no_objects_found() {
        String jobId = app.postJson("/scan", "{\"bucket\":\"" + BUCKET + "\",\"prefix\":\"nothing-here/\"}")
                .json().get("job_id").asText();

        JsonNode done = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> app.get("/jobs/" + jobId + "?real_time=true").json(),
                        s -> s.get("status").asText().equals("completed"));

        assertEquals("No objects found to scan", done.get("status_message").asText());
        assertEquals(0, done.get("total").asLong());
        assertEquals(0.0, done.get("progress_percent").asDouble());
    }

    @Test
    void a_missing_bucket_is_a_404_at_once() {
        RunningScanner.Response response = app.postJson("/scan", "{\"bucket\":\"no-such-bucket\"}");

        assertEquals(404, response.status());
        assertEquals("bucket_not_found", response.json().get("error").asText());
    }

    @Test
    void a_bucket_gone_by_the_time_it_is_listed_fails_the_job_with_the_reason() {
        // Accepted while it existed (or when this pod could not tell), deleted before the lister got to it.
        String jobId = UUID.randomUUID().toString();
        db.sql("INSERT INTO jobs (job_id, bucket, prefix) VALUES ('" + jobId + "', 'vanished-bucket', '')");

        JsonNode failed = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> app.get("/jobs/" + jobId).json(), s -> !s.get("status").asText().equals("listing"));

        assertEquals("failed", failed.get("status").asText());
        assertEquals("FAILED", failed.get("step_function_status").asText());
        assertEquals("Step Functions execution failed: The specified bucket does not exist",
                failed.get("status_message").asText());
    }

    @Test
    void a_redelivered_scan_message_does_not_duplicate_findings() throws Exception {
        String jobId = app.postJson("/scan", "{\"bucket\":\"" + BUCKET + "\",\"prefix\":\"docs/plain-0\"}")
                .json().get("job_id").asText();
        JsonNode done = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> app.get("/jobs/" + jobId + "?real_time=true").json(),
                        s -> s.get("status").asText().equals("completed"));
        long findings = done.get("total_findings").asLong();
        assertTrue(findings > 0);

        // The message the lister sent, delivered twice more (SQS is at-least-once).
        String queueUrl = app.sqs.getQueueUrl(r -> r.queueName("s3-scanner-objects")).queueUrl();
        String message = "{\"job_id\":\"" + jobId + "\",\"bucket\":\"" + BUCKET + "\",\"key\":\"docs/plain-0.txt\",\"size\":1}";
        for (int i = 0; i < 2; i++) {
            app.sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(message).build());
        }
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> queueIsDrained(queueUrl));

        JsonNode after = app.get("/jobs/" + jobId + "?real_time=true").json();
        assertEquals(findings, after.get("total_findings").asLong());
        assertEquals(1, after.get("total").asLong());
        assertEquals(1, after.get("succeeded").asLong());
    }

    @Test
    void job_status_errors_are_json() {
        RunningScanner.Response malformed = app.get("/jobs/not-a-uuid");
        RunningScanner.Response unknown = app.get("/jobs/" + UUID.randomUUID());
        RunningScanner.Response badFlag = app.get("/jobs/" + UUID.randomUUID() + "?real_time=maybe");
        RunningScanner.Response badBody = app.postJson("/scan", "{\"bucket\": ");

        assertEquals(400, malformed.status());
        assertEquals("invalid_job_id", malformed.json().get("error").asText());
        assertEquals(404, unknown.status());
        assertEquals("job_not_found", unknown.json().get("error").asText());
        assertEquals(400, badFlag.status());
        assertEquals("invalid_real_time", badFlag.json().get("error").asText());
        assertEquals(400, badBody.status());
        assertEquals("invalid_json", badBody.json().get("error").asText());
        assertTrue(unknown.contentType().startsWith("application/json"));
    }

    @Test
    void health_and_metrics_answer_on_the_management_port() {
        // DOWN until the SQS consumer has polled once: a pod is not ready before its consumer works.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> app.getManagement("/observe/health/ready").status() == 200);
        RunningScanner.Response health = app.getManagement("/observe/health");
        RunningScanner.Response metrics = app.getManagement("/observe/metrics");

        assertEquals(200, health.status(), health.body());
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("camel_exchanges_total"), "Prometheus text with Camel metrics");
        // The Kubernetes probes and Hawtio's Jolokia endpoint.
        assertEquals(200, app.getManagement("/observe/health/live").status());
        assertEquals(200, app.getManagement("/observe/health/ready").status());
        assertTrue(app.getManagement("/observe/jolokia/version").body().contains("\"agent\""));
    }

    @Test
    void jolokia_without_management_credentials_only_reads() {
        String routes = "org.apache.camel:context=s3-scanner,type=routes,name=%22scanner-heartbeat%22";

        RunningScanner.Response read = app.getManagement("/observe/jolokia/read/java.lang:type=Runtime/Uptime");
        assertTrue(read.body().contains("\"status\":200"), read.body());
        for (String exec : List.of(routes + "/dumpRouteStatsAsXml(boolean,boolean)/false/true", routes + "/suspend()",
                "com.sun.management:type=DiagnosticCommand/vmVersion()",
                "org.apache.camel:context=s3-scanner,type=context,name=%22s3-scanner%22/stop()")) {
            RunningScanner.Response overGet = app.getManagement("/observe/jolokia/exec/" + exec);
            assertEquals(405, overGet.status(), overGet.body());
        }
        String suspend = "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=s3-scanner,type=routes,"
                + "name=\\\"scanner-heartbeat\\\"\",\"operation\":\"suspend()\"}";
        assertEquals(403, app.postManagement("/observe/jolokia", suspend, null, null).status());
        String write = "{\"type\":\"write\",\"mbean\":\"org.apache.camel:context=s3-scanner,type=context,"
                + "name=\\\"s3-scanner\\\"\",\"attribute\":\"Tracing\",\"value\":true}";
        assertEquals(403, app.postManagement("/observe/jolokia", write, null, null).status());
    }

    @Test
    void findings_and_objects_are_paged_by_cursor_without_duplicates_or_gaps() throws Exception {
        String jobId = completedScanOf("docs/");
        Set<String> expected = new HashSet<>();
        for (List<Object> p : planted) {
            expected.add(p.get(0) + "|" + p.get(1) + "|" + p.get(2) + "|" + p.get(3) + "|" + p.get(4));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = app.get("/jobs/" + jobId + "/findings?limit=4" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            assertEquals(jobId, page.get("job_id").asText());
            for (JsonNode f : page.get("findings")) {
                seen.add(f.get("key").asText() + "|" + f.get("detector").asText() + "|" + f.get("line").asInt() + "|"
                        + f.get("offset").asLong() + "|" + f.get("masked").asText());
            }
            if (pages++ == 0) {
                // A finding stored while the client pages through must show up once, on a later page.
                db.sql("INSERT INTO findings (job_id, object_id, detector, line, byte_offset, masked) "
                        + "SELECT job_id, id, 'US_SSN', 99, 999999, '***-**-0000' FROM job_objects "
                        + "WHERE job_id = '" + jobId + "' AND key = 'docs/plain-1.txt'");
                expected.add("docs/plain-1.txt|US_SSN|99|999999|***-**-0000");
            }
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);

        assertEquals(seen.size(), new HashSet<>(seen).size(), "no finding twice");
        assertEquals(expected, new HashSet<>(seen));
        assertTrue(pages > 3);

        JsonNode ssnOnly = app.get("/jobs/" + jobId + "/findings?detector=US_SSN&limit=1000").json();
        assertTrue(ssnOnly.get("findings").size() > 0);
        ssnOnly.get("findings").forEach(f -> assertEquals("US_SSN", f.get("detector").asText()));
        JsonNode oneKey = app.get("/jobs/" + jobId + "/findings?key=docs/plain-0.txt").json();
        oneKey.get("findings").forEach(f -> assertEquals("docs/plain-0.txt", f.get("key").asText()));
        assertTrue(oneKey.get("findings").size() > 0);

        JsonNode failed = app.get("/jobs/" + jobId + "/objects?status=failed").json();
        assertEquals(2, failed.get("objects").size());
        failed.get("objects").forEach(o -> assertTrue(o.hasNonNull("error"), o.toString()));
        JsonNode all = app.get("/jobs/" + jobId + "/objects?limit=1000").json();
        assertEquals(24, all.get("objects").size());
        assertTrue(all.get("next_cursor").isNull());
        all.get("objects").forEach(o -> {
            if (o.get("status").asText().equals("succeeded")) {
                assertFalse(o.has("error"));
            }
        });
    }

    @Test
    void paging_parameters_are_validated() {
        String jobId = completedScanOf("docs/plain-2");
        String otherJob = completedScanOf("docs/plain-1"); // 11 objects: a second page exists
        String foreignCursor = app.get("/jobs/" + otherJob + "/objects?limit=1").json().get("next_cursor").asText("");
        for (String[] call : new String[][] {
            {"/jobs/" + jobId + "/findings?limit=0", "400", "invalid_limit"},
            {"/jobs/" + jobId + "/findings?limit=1001", "400", "invalid_limit"},
            {"/jobs/" + jobId + "/findings?limit=ten", "400", "invalid_limit"},
            {"/jobs/" + jobId + "/findings?cursor=not-a-cursor", "400", "invalid_cursor"},
            {"/jobs/" + jobId + "/objects?cursor=" + foreignCursor, "400", "invalid_cursor"},
            {"/jobs/" + jobId + "/findings?detector=us_ssn", "400", "invalid_detector"},
            {"/jobs/" + jobId + "/objects?status=done", "400", "invalid_status"},
            {"/jobs/" + UUID.randomUUID() + "/findings", "404", "job_not_found"},
            {"/jobs/nope/objects", "400", "invalid_job_id"},
        }) {
            RunningScanner.Response r = app.get(call[0]);
            assertEquals(Integer.parseInt(call[1]), r.status(), call[0] + " " + r.body());
            assertEquals(call[2], r.json().get("error").asText(), call[0]);
        }
    }

    @Test
    void an_aborted_job_ends_aborted_and_its_queued_objects_are_never_scanned() throws Exception {
        String jobId = UUID.randomUUID().toString();
        db.sql("INSERT INTO jobs (job_id, bucket, prefix, step_function_status) VALUES ('" + jobId + "', '" + BUCKET
                        + "', 'docs/', 'SUCCEEDED')",
                "INSERT INTO job_objects (job_id, key, size) VALUES ('" + jobId + "', 'docs/plain-0.txt', 100), ('"
                        + jobId + "', 'docs/plain-2.txt', 100), ('" + jobId + "', 'docs/plain-4.txt', 100)");

        RunningScanner.Response aborted = app.postJson("/jobs/" + jobId + "/abort", "");

        assertEquals(202, aborted.status(), aborted.body());
        assertEquals("aborted", aborted.json().get("status").asText());
        assertEquals("ABORTED", aborted.json().get("step_function_status").asText());
        assertEquals(3, aborted.json().get("queued").asLong());
        // A message already on the queue for one of its objects is dropped, not scanned.
        String queueUrl = app.sqs.getQueueUrl(r -> r.queueName("s3-scanner-objects")).queueUrl();
        app.sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody("{\"job_id\":\"" + jobId
                + "\",\"bucket\":\"" + BUCKET + "\",\"key\":\"docs/plain-0.txt\",\"size\":100}").build());
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> queueIsDrained(queueUrl));
        JsonNode after = app.get("/jobs/" + jobId + "?real_time=true").json();
        assertEquals(3, after.get("queued").asLong());
        assertEquals(0, after.get("total_findings").asLong());
        assertEquals("Job aborted: aborted by request", after.get("status_message").asText());

        RunningScanner.Response again = app.postJson("/jobs/" + jobId + "/abort", "");
        assertEquals(409, again.status());
        assertEquals("job_finished", again.json().get("error").asText());
        assertEquals(409, app.postJson("/jobs/" + completedScanOf("docs/plain-3") + "/abort", "").status());
        assertEquals(404, app.postJson("/jobs/" + UUID.randomUUID() + "/abort", "").status());
    }

    @Test
    void refusals_of_the_http_layer_are_json_too() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String base = app.get("/health").status() == 200 ? baseUrl() : null;
        Object[][] calls = {
            {"GET", "/no/such/path", null, null, 404, "not_found"},
            {"DELETE", "/scan", null, null, 405, "method_not_allowed"},
            {"POST", "/scan", "text/plain", "{\"bucket\":\"" + BUCKET + "\"}", 415, "unsupported_media_type"},
            {"POST", "/scan", "application/json", "{\"bucket\":\"" + "x".repeat(70_000) + "\"}", 413, "payload_too_large"},
        };
        for (Object[] call : calls) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + call[1]))
                    .method((String) call[0], call[3] == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                            : java.net.http.HttpRequest.BodyPublishers.ofString((String) call[3]));
            if (call[2] != null) {
                request.header("Content-Type", (String) call[2]);
            }
            var response = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(call[4], response.statusCode(), call[0] + " " + call[1] + ": " + response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), call[1] + " " + response.statusCode() + " " + response.headers().map() + " " + response.body());
            assertEquals(call[5], new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("error").asText());
        }
    }

    private String baseUrl() {
        return app.baseUrl();
    }

    @Test
    void jobs_are_listed_newest_first_by_status_and_paged_without_duplicates() {
        String failed = UUID.randomUUID().toString();
        db.sql("INSERT INTO jobs (job_id, bucket, prefix, step_function_status, created_at) VALUES ('" + failed
                + "', 'gone', '', 'FAILED', now() - interval '1 day')");
        String newest = completedScanOf("docs/plain-5");

        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = app.get("/jobs?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("jobs").forEach(j -> {
                all.add(j.get("job_id").asText());
                assertTrue(j.has("status") && j.has("total") && j.has("step_function_status"), j.toString());
            });
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);

        assertEquals(all.size(), new HashSet<>(all).size(), "no job twice");
        assertEquals(newest, all.get(0));
        assertEquals(failed, all.get(all.size() - 1));
        JsonNode onlyFailed = app.get("/jobs?status=failed&limit=1000").json();
        onlyFailed.get("jobs").forEach(j -> assertEquals("failed", j.get("status").asText()));
        assertTrue(onlyFailed.toString().contains(failed));
        // The list answers like GET /jobs/{id} (cached by default): wait until the cache shows it done.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> app.get("/jobs/" + newest).json().get("status").asText().equals("completed"));
        JsonNode completed = app.get("/jobs?status=completed&limit=1000").json();
        assertTrue(completed.toString().contains(newest));
        completed.get("jobs").forEach(j -> assertEquals("completed", j.get("status").asText()));
        assertEquals("invalid_status", app.get("/jobs?status=done").json().get("error").asText());
        assertEquals("invalid_cursor", app.get("/jobs?cursor=" + java.util.Base64.getUrlEncoder()
                .encodeToString(("v1|findings|" + newest + "|5").getBytes())).json().get("error").asText());
    }

    /**
     * Generated hostile traffic: none of it may get a 5xx, and the rows stored before it must be
     * exactly as they were afterwards.
     */
    @Test
    void a_thousand_hostile_requests_get_no_5xx_and_change_no_stored_data() throws Exception {
        String jobId = completedScanOf("docs/plain-7");
        String before = storedDataFingerprint();
        java.util.Random r = new java.util.Random(20261123);
        String[] nasty = {"' OR '1'='1", "1; DROP TABLE jobs; --", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd",
                "%00", "%ff%fe", "\u0000", "${jndi:ldap://x}", "<script>alert(1)</script>", "%25%32%65", "-1",
                "99999999999999999999", "1e309", "NaN", "null", "[]", "{}", "true", "😀", "a".repeat(3000),
                jobId, jobId.toUpperCase(), " " + jobId, "00000000-0000-0000-0000-000000000000"};
        String[] paths = {"/scan", "/jobs", "/jobs/%s", "/jobs/%s/findings", "/jobs/%s/objects", "/jobs/%s/abort",
                "/health", "/%s", "/jobs/%s/%s", "/scan/%s"};
        String[] params = {"real_time", "limit", "cursor", "status", "key", "detector"};
        String[] methods = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
        String[] types = {"application/json", "text/plain", "application/xml", "multipart/form-data", "application/json; charset=latin1", ""};
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        int answered = 0;
        for (int n = 0; n < 1200; n++) {
            String path = String.format(paths[r.nextInt(paths.length)], pick(r, nasty), pick(r, nasty));
            StringBuilder query = new StringBuilder();
            for (int q = r.nextInt(4); q > 0; q--) {
                query.append(query.length() == 0 ? "?" : "&").append(pick(r, params)).append('=').append(pick(r, nasty));
            }
            String method = n % 3 == 0 ? "POST" : pick(r, methods);
            String body = switch (r.nextInt(8)) {
                case 0 -> "";
                case 1 -> "[".repeat(5000) + "]".repeat(5000);                                  // deep JSON
                case 2 -> "{\"bucket\": " + pick(r, new String[] {"1", "[]", "{}", "true", "null", "\"" + pick(r, nasty) + "\""}) + "}";
                case 3 -> "{\"bucket\": \"ok-bucket\", \"prefix\": " + pick(r, new String[] {"7", "[]", "\"" + "é".repeat(600) + "\""}) + "}";
                case 4 -> new String(randomBytes(r, 200), StandardCharsets.ISO_8859_1);
                case 5 -> "{\"bucket\": \"" + pick(r, nasty).replace("\"", "") + "\", \"extra\": {\"a\": [1, 2, {}]}}";
                case 6 -> "{\"bucket\": \"no-such-bucket-" + r.nextInt(1000) + "\"}";
                default -> pick(r, nasty);
            };
            String url = app.baseUrl() + encodeUnsafe(path + query);
            java.net.http.HttpRequest.Builder request;
            try {
                request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                        .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException e) {
                continue; // a URI the client itself refuses to send
            }
            String type = pick(r, types);
            if (!type.isEmpty()) {
                request.header("Content-Type", type);
            }
            boolean hugeHeader = r.nextInt(20) == 0;
            if (hugeHeader) {
                request.header("X-Huge", "h".repeat(20_000));
            }
            java.net.http.HttpResponse<String> response;
            try {
                response = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException closedUnderneath) {
                // After refusing a request line or headers (414, 431) the server closes that connection,
                // and a pooled connection may die under the next request: try it once on a new one.
                // A request the server itself drops fails here too.
                http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
                try {
                    response = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException e) {
                    throw new AssertionError("no answer to " + method + " " + url.substring(0, Math.min(200, url.length()))
                            + " body " + body.length() + " type " + type, e);
                }
            }
            answered++;
            assertTrue(response.statusCode() < 500, method + " " + url + " -> " + response.statusCode() + " " + response.body());
            // Any body is JSON; OPTIONS (allowed methods) and the codec's 431 for huge headers have none.
            if (!response.body().isEmpty()) {
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                        method + " " + url + " -> " + response.body());
            }
        }
        assertTrue(answered >= 1000, "answered " + answered);
        assertEquals(before, storedDataFingerprint());
    }

    private static String pick(java.util.Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }

    private static byte[] randomBytes(java.util.Random r, int n) {
        byte[] bytes = new byte[n];
        r.nextBytes(bytes);
        return bytes;
    }

    /** Percent-encodes what may not stand in a URI, leaving "%", "/" and "?&=" as sent. */
    private static String encodeUnsafe(String pathAndQuery) {
        StringBuilder out = new StringBuilder();
        for (byte b : pathAndQuery.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}#".indexOf(c) < 0) {
                out.append((char) c);
            } else {
                out.append(String.format("%%%02X", c));
            }
        }
        return out.toString();
    }

    /** A digest of every row stored so far (jobs, objects, findings). */
    private String storedDataFingerprint() throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT "
                     + "(SELECT md5(string_agg(job_id || bucket || prefix || step_function_status, ',' ORDER BY job_id)) FROM jobs), "
                     + "(SELECT md5(string_agg(id || key || status || findings_count, ',' ORDER BY id)) FROM job_objects), "
                     + "(SELECT md5(string_agg(id || detector || byte_offset || masked, ',' ORDER BY id)) FROM findings)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1) + rs.getString(2) + rs.getString(3);
        }
    }

    @Test
    void request_headers_and_parameters_are_not_echoed_as_response_headers() throws Exception {
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (String path : new String[] {"/jobs?limit=5&status=failed", "/jobs/" + UUID.randomUUID() + "?real_time=maybe"}) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.baseUrl() + path))
                    .header("X-Probe", "reflected?").build(), java.net.http.HttpResponse.BodyHandlers.ofString());

            assertTrue(response.headers().firstValue("X-Probe").isEmpty(), path + " " + response.headers().map());
            assertTrue(response.headers().firstValue("limit").isEmpty(), path + " " + response.headers().map());
            assertTrue(response.headers().firstValue("real_time").isEmpty(), path + " " + response.headers().map());
        }
    }

    @Test
    void the_openapi_document_describes_every_call() {
        RunningScanner.Response doc = app.get("/openapi.json");

        assertEquals(200, doc.status());
        JsonNode paths = doc.json().get("paths");
        assertTrue(paths.get("/scan").has("post"));
        assertTrue(paths.get("/jobs").has("get"));
        assertTrue(paths.get("/jobs/{job_id}").has("get"));
        assertTrue(paths.get("/jobs/{job_id}/findings").has("get"));
        assertTrue(paths.get("/jobs/{job_id}/objects").has("get"));
        assertTrue(paths.get("/jobs/{job_id}/abort").has("post"));
        assertTrue(paths.get("/jobs/{job_id}/deleted-objects").has("get"));
        assertTrue(paths.get("/jobs/{job_id}/deleted-objects").get("get").toString().contains("not_incremental"));
        assertTrue(paths.get("/buckets/{bucket}/findings").has("get"));
        assertTrue(paths.get("/schedules").has("post"));
        assertTrue(paths.get("/health").has("get"));
        assertTrue(paths.get("/jobs/{job_id}").get("get").toString().contains("real_time"));
    }

    @Test
    void health_names_each_dependency() {
        RunningScanner.Response health = app.get("/health");

        assertEquals(200, health.status(), health.body());
        assertEquals("UP", health.json().get("status").asText());
        assertEquals("UP", health.json().get("checks").get("database").asText());
        assertEquals("UP", health.json().get("checks").get("s3").asText());
        assertEquals("UP", health.json().get("checks").get("sqs").asText());
    }

    @Test
    void the_dead_letter_queue_is_listed_and_re_driven_and_its_failed_object_scanned_anew() {
        String jobId = completedScanOf("docs/plain-7");
        db.sql("UPDATE job_objects SET status = 'failed', error = 'cannot read object: gave up after 5 attempts'"
                + " WHERE job_id = '" + jobId + "' AND key = 'docs/plain-7.txt'");
        String dlq = app.sqs.getQueueUrl(b -> b.queueName("s3-scanner-objects-dlq")).queueUrl();
        app.sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("{\"job_id\":\"" + jobId + "\",\"bucket\":\"" + BUCKET
                + "\",\"key\":\"docs/plain-7.txt\",\"size\":1}"));

        JsonNode letters = app.get("/dead-letters?limit=10").json();
        JsonNode letter = letters.get("messages").get(0).get("objects").get(0);
        assertEquals(1, letters.get("messages").size(), letters.toString());
        assertEquals("docs/plain-7.txt", letter.get("key").asText());
        assertEquals("failed", letter.get("status").asText());
        assertEquals("cannot read object: gave up after 5 attempts", letter.get("error").asText());

        RunningScanner.Response redriven = app.postJson("/dead-letters/redrive", "");
        assertEquals(200, redriven.status(), redriven.body());
        assertEquals(1, redriven.json().get("redriven").asInt());
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> app.get("/jobs/" + jobId + "?real_time=true").json(),
                        st -> st.get("status").asText().equals("completed") && st.get("failed").asInt() == 0);
        assertEquals(0, app.get("/dead-letters").json().get("messages").size());
    }

    private String completedScanOf(String prefix) {
        String jobId = app.postJson("/scan", "{\"bucket\":\"" + BUCKET + "\",\"prefix\":\"" + prefix + "\"}")
                .json().get("job_id").asText();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> app.get("/jobs/" + jobId + "?real_time=true").json(),
                        s -> s.get("status").asText().equals("completed"));
        return jobId;
    }

    private boolean queueIsDrained(String queueUrl) {
        Map<QueueAttributeName, String> attributes = app.sqs.getQueueAttributes(GetQueueAttributesRequest.builder()
                .queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
                .build()).attributes();
        return attributes.values().stream().allMatch("0"::equals);
    }

    private void uploadFixtures() throws IOException {
        for (int i = 0; i < 20; i++) {
            Text text = new Text("docs/plain-" + i + ".txt");
            text.line("record " + i + " of the export, nothing to see");
            if (i % 2 == 0) {
                String ssn = ssn();
                text.plant("customer ssn: ", ssn, "US_SSN", "***-**-" + ssn.substring(7));
            }
            if (i % 3 == 0) {
                String email = "user" + i + "." + random.nextInt(1000) + "@example.com";
                text.plant("contact ", email, "EMAIL_ADDRESS", email.charAt(0) + "***@example.com");
            }
            if (i % 5 == 0) {
                text.plant("paid with ", "4111 1111 1111 1111", "CREDIT_CARD", "4111********1111");
            }
            if (i % 4 == 0) {
                String id = "AKIA" + base32(16);
                text.plant("aws_access_key_id = ", id, "AWS_ACCESS_KEY_ID", "AKIA" + "*".repeat(12) + id.substring(16));
            }
            text.line("end of record é€");
            put(text.key, text.bytes());
        }
        Text nested = new Text("docs/nested/deep/file.txt");
        String ssn = ssn();
        nested.plant("", ssn, "US_SSN", "***-**-" + ssn.substring(7));
        put(nested.key, nested.bytes());

        Text zipped = new Text("docs/archive.log.gz");
        zipped.line("2026-11-23T10:00:00Z INFO login");
        zipped.plant("2026-11-23T10:00:01Z INFO mail to ", "ops@example.org", "EMAIL_ADDRESS", "o***@example.org");
        put(zipped.key, gzip(zipped.bytes()));

        byte[] binary = new byte[4096];
        random.nextBytes(binary);
        binary[0] = 0;
        put("docs/image.bin", binary);
        put("docs/huge.txt", ("an ssn 123-45-6780 in a file too large to fetch\n").repeat(2000).getBytes(StandardCharsets.UTF_8));
        // Outside the prefix: never listed.
        put("other/outside.txt", ("ssn " + ssn() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void put(String key, byte[] content) {
        app.s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
    }

    private Set<List<Object>> storedFindings(String jobId) throws SQLException {
        Set<List<Object>> stored = new HashSet<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT o.key, f.detector, f.line, f.byte_offset, f.masked "
                     + "FROM findings f JOIN job_objects o ON o.id = f.object_id WHERE f.job_id = ?::uuid")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(List.of(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5)));
                }
            }
        }
        return stored;
    }

    private String error(String jobId, String key) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT error FROM job_objects WHERE job_id = ?::uuid AND key = ?")) {
            ps.setString(1, jobId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), key);
                return rs.getString(1);
            }
        }
    }

    private long countFindingsContaining(String raw) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM findings WHERE strpos(masked, ?) > 0")) {
            ps.setString(1, raw);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A generated, valid-looking SSN (area 100-665, no reserved group or serial). */
    private String ssn() {
        return String.format("%03d-%02d-%04d", 100 + random.nextInt(566), 10 + random.nextInt(90), 1000 + random.nextInt(9000));
    }

    private String base32(int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(random.nextInt(32)));
        }
        return s.toString();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** Builds an object's text line by line, noting where each planted value lands (line, byte offset). */
    private final class Text {
        final String key;
        final StringBuilder content = new StringBuilder();
        int lines;

        Text(String key) {
            this.key = key;
        }

        void line(String line) {
            content.append(line).append('\n');
            lines++;
        }

        void plant(String before, String value, String detector, String masked) {
            long offset = content.toString().getBytes(StandardCharsets.UTF_8).length
                    + before.getBytes(StandardCharsets.UTF_8).length;
            line(before + value);
            planted.add(List.of(key, detector, lines, offset, masked));
            rawValues.add(value);
        }

        byte[] bytes() {
            return content.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
