package scanner.faults;

import scanner.support.FreePorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scanner.aws.AwsClients;
import scanner.config.ScannerConfig;
import scanner.local.LocalServers;
import scanner.support.TestDatabase;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Faults injected into the application running as its own process, each ending with the job
 * completed and exact by itself: {@code total} equals the objects uploaded, every object finished,
 * every planted value found once. Recovery times are printed (see the README).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionTest {

    private static final String BUCKET = "faults";
    private static final int OBJECTS = 300;
    /** Short leases and sweeps so a recovery takes seconds, not minutes. */
    private static final Map<String, String> QUICK_RECOVERY = Map.of(
            "SCANNER_CLAIM_LEASE", "6s",
            "SCANNER_REQUEUE_INTERVAL", "2s",
            "SCANNER_REQUEUE_AFTER", "8s");

    @TempDir
    Path temp;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        cleanup.clear();
    }

    /**
     * Work units of five objects and one consumer: scanning takes seconds, not a blink, so a fault
     * after 60 objects lands while most are still to be scanned (the tests check that it did).
     */
    private static final Map<String, String> SLOW_SCANNING = Map.of("SCANNER_LISTING_PAGE_SIZE", "5", "SCANNER_SCAN_CONCURRENCY", "1");

    /** What the JVM exits with after running its shutdown hooks on SIGTERM. */
    private static final int SIGTERM_EXIT_CODE = 143;

    @Test
    void kill_9_during_listing_then_restart_completes_exact() throws Exception {
        Scenario s = new Scenario("kill-listing", Map.of("SCANNER_LISTING_PAGE_SIZE", "5"));
        String job = s.startScan();
        s.awaitStatus(job, st -> st.get("total").asLong() >= 100, Duration.ofSeconds(60));
        s.app.kill();
        assertEquals("RUNNING", s.listingStage(job), "the fault must land while the job is listing");

        long restarted = System.nanoTime();
        s.app.start();
        s.awaitCompleted(job, restarted);
    }

    @Test
    void kill_9_during_scanning_then_restart_completes_exact() throws Exception {
        Scenario s = new Scenario("kill-scanning", SLOW_SCANNING);
        String job = s.startScan();
        s.awaitStatus(job, st -> st.get("succeeded").asLong() >= 60, Duration.ofSeconds(60));
        s.app.kill();
        assertTrue(s.countObjects(job, "queued") + s.countObjects(job, "processing") > 0,
                "the fault must land while objects are still to be scanned");

        long restarted = System.nanoTime();
        s.app.start();
        s.awaitCompleted(job, restarted);
    }

    @Test
    void sigterm_during_scanning_leaves_nothing_processing_and_a_restart_completes_exact() throws Exception {
        Scenario s = new Scenario("sigterm-scanning", SLOW_SCANNING);
        String job = s.startScan();
        s.awaitStatus(job, st -> st.get("succeeded").asLong() >= 60, Duration.ofSeconds(60));
        int exitCode = s.app.terminate();

        assertEquals(SIGTERM_EXIT_CODE, exitCode, "a graceful stop ends as the JVM does on SIGTERM (128 + 15)");
        assertEquals(0, s.countObjects(job, "processing"), "a graceful stop releases every object it held");
        assertTrue(s.countObjects(job, "queued") > 0, "the fault must land while objects are still to be scanned");
        long restarted = System.nanoTime();
        s.app.start();
        s.awaitCompleted(job, restarted);
    }

    @Test
    void messages_purged_from_the_queue_are_sent_again_from_the_database() throws Exception {
        // Small pages and one consumer: while the listing runs, the queue is purged again and again,
        // so most work units vanish before any scanner sees them.
        Scenario s = new Scenario("purged-queue", Map.of("SCANNER_SCAN_CONCURRENCY", "1", "SCANNER_LISTING_PAGE_SIZE", "2"));
        String job = s.startScan();
        try (SqsClient sqs = AwsClients.sqs("us-east-1", "http://127.0.0.1:" + s.app.sqsPort(), true)) {
            String url = sqs.getQueueUrl(b -> b.queueName("s3-scanner-objects")).queueUrl();
            while (s.listingStage(job).equals("RUNNING")) {
                sqs.purgeQueue(b -> b.queueUrl(url));
            }
        }
        long purged = System.nanoTime();
        s.awaitCompleted(job, purged);
        assertTrue(s.app.log().contains("missing from the queue"), "the sweep says what it re-enqueued");
        String requeued = s.app.metrics().lines().filter(l -> l.startsWith("scanner_requeued_objects_total"))
                .findFirst().orElseThrow(() -> new AssertionError("no scanner_requeued_objects_total metric"));
        assertTrue(Double.parseDouble(requeued.substring(requeued.lastIndexOf(' ') + 1)) > 0, requeued);
    }

    @Test
    void s3_answering_503_for_a_while_fails_no_object() throws Exception {
        // aws mode against S3 and SQS servers of the test's own, S3 behind a proxy that answers
        // 503 SlowDown to half of the requests while the fault lasts.
        Path dir = temp.resolve("s3-503");
        TestDatabase db = TestDatabase.create();
        cleanup.add(db);
        Map<String, String> local = new HashMap<>();
        local.put("scanner.db.url", db.url());
        local.put("scanner.local.data-dir", dir.resolve("servers").toString());
        local.put("scanner.local.s3-port", Integer.toString(FreePorts.next()));
        local.put("scanner.local.sqs-port", Integer.toString(FreePorts.next()));
        LocalServers servers = new LocalServers(ScannerConfig.from(k -> java.util.Optional.ofNullable(local.get(k)))).startAll();
        cleanup.add(servers);
        SlowDownProxy proxy = new SlowDownProxy(servers.s3Endpoint());
        cleanup.add(proxy);
        try (SqsClient sqs = AwsClients.sqs("us-east-1", servers.sqsEndpoint(), true)) {
            AwsClients.createQueues(sqs, "faults-objects", "faults-objects-dlq", 5, 60);
        }
        Map<String, String> env = new HashMap<>(QUICK_RECOVERY);
        env.putAll(Map.of("SCANNER_MODE", "aws", "SCANNER_AWS_S3_ENDPOINT", proxy.endpoint(),
                "SCANNER_AWS_SQS_ENDPOINT", servers.sqsEndpoint(), "SCANNER_SQS_QUEUE", "faults-objects",
                "SCANNER_SQS_DLQ", "faults-objects-dlq", "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "SCANNER_LISTING_PAGE_SIZE", "50"));
        env.put("SCANNER_API_AUTH", "none"); // this case is about S3 errors, not the API key
        AppProcess app = new AppProcess(dir.resolve("app"), db.url(), env).start();
        cleanup.add(app);
        Scenario s = new Scenario(app, db, AwsClients.s3("us-east-1", servers.s3Endpoint(), true));

        proxy.failHalf(true);
        String job = s.startScan();
        s.awaitStatus(job, st -> st.get("succeeded").asLong() >= 60, Duration.ofSeconds(120));
        proxy.failHalf(false);
        long healed = System.nanoTime();

        s.awaitCompleted(job, healed);
        assertTrue(proxy.refused() > 20, "the proxy refused " + proxy.refused() + " requests");
    }

    @Test
    void postgresql_stopped_for_20_seconds_during_scanning() throws Exception {
        assumeTrue(TestDatabase.isLocalCluster(), "needs the PostgreSQL cluster on 127.0.0.1:5432 and pg_ctlcluster");
        Scenario s = new Scenario("postgres-down", Map.of());
        String job = s.startScan();
        s.awaitStatus(job, st -> st.get("succeeded").asLong() >= 60, Duration.ofSeconds(60));

        long stopped = System.nanoTime();
        TestDatabase.stopLocalCluster();
        try {
            long asked = System.nanoTime();
            HttpResponse<String> during = s.app.get("/jobs/" + job + "?real_time=true");
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
            assertEquals(503, during.statusCode(), during.body());
            assertTrue(during.body().contains("\"error\":\"database_unavailable\""), during.body());
            assertTrue(tookMillis < 10_000, "answered in " + tookMillis + " ms, not a hang");
            TimeUnit.SECONDS.sleep(20); // the outage itself: nothing to wait for but time
        } finally {
            TestDatabase.startLocalCluster();
        }
        s.awaitCompleted(job, stopped);
    }

    /** One application, its database and bucket of planted objects. */
    private final class Scenario {
        final AppProcess app;
        final TestDatabase db;
        final S3Client s3;
        final String name;
        /** key, detector, offset of every planted value. */
        final Set<String> planted = new HashSet<>();
        final List<String> rawValues = new ArrayList<>();

        Scenario(String name, Map<String, String> env) throws Exception {
            this.name = name;
            db = TestDatabase.create();
            cleanup.add(db);
            Map<String, String> all = new HashMap<>(QUICK_RECOVERY);
            all.putAll(env);
            app = new AppProcess(temp.resolve(name), db.url(), all).start();
            cleanup.add(app);
            s3 = AwsClients.s3("us-east-1", "http://127.0.0.1:" + app.s3Port(), true);
            cleanup.add(s3);
            upload();
        }

        Scenario(AppProcess app, TestDatabase db, S3Client s3) throws Exception {
            this.name = "aws";
            this.app = app;
            this.db = db;
            this.s3 = s3;
            cleanup.add(s3);
            upload();
        }

        /** OBJECTS small objects; every fifth holds an SSN, every seventh an e-mail address. */
        private void upload() throws Exception {
            s3.createBucket(b -> b.bucket(BUCKET));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> puts = new ArrayList<>();
                for (int i = 0; i < OBJECTS; i++) {
                    String key = String.format(Locale.ROOT, "data/%04d.txt", i);
                    StringBuilder text = new StringBuilder("record ").append(i).append('\n');
                    if (i % 5 == 0) {
                        String ssn = String.format(Locale.ROOT, "%03d-%02d-%04d", 100 + i % 500, 10 + i % 80, 1000 + i);
                        plant(key, "US_SSN", text.append("ssn: ").length());
                        text.append(ssn).append('\n');
                        rawValues.add(ssn);
                    }
                    if (i % 7 == 0) {
                        plant(key, "EMAIL_ADDRESS", text.append("contact: ").length());
                        text.append("user").append(i).append("@example.com\n");
                        rawValues.add("user" + i + "@example.com");
                    }
                    String body = text.toString();
                    puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(body))));
                }
                for (Future<?> put : puts) {
                    put.get();
                }
            } finally {
                pool.shutdown();
            }
        }

        private void plant(String key, String detector, int offset) {
            planted.add(key + " " + detector + " " + offset);
        }

        String startScan() throws Exception {
            JsonNode accepted = app.postJson("/scan", "{\"bucket\":\"" + BUCKET + "\",\"prefix\":\"data/\"}");
            return accepted.get("job_id").asText();
        }

        JsonNode status(String job) throws Exception {
            return app.getJson("/jobs/" + job + "?real_time=true");
        }

        void awaitStatus(String job, Predicate<JsonNode> condition, Duration patience) throws Exception {
            long deadline = System.nanoTime() + patience.toNanos();
            JsonNode last = null;
            while (System.nanoTime() < deadline) {
                try {
                    last = status(job);
                    if (last.has("total") && condition.test(last)) {
                        return;
                    }
                } catch (IOException notAnswering) {
                    // restarting or the database is down: keep asking
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
            throw new AssertionError(name + ": condition not met within " + patience + "; last status " + last
                    + "\nlog: " + app.tail());
        }

        /** Waits for completion, prints the recovery time, and checks the job is exact. */
        void awaitCompleted(String job, long faultEndedNanos) throws Exception {
            awaitStatus(job, st -> st.get("status").asText().equals("completed"), Duration.ofSeconds(150));
            System.out.printf(Locale.ROOT, "fault %s: completed %.1f s after recovery began%n", name,
                    (System.nanoTime() - faultEndedNanos) / 1e9);
            JsonNode status = status(job);
            assertEquals(OBJECTS, status.get("total").asLong(), status.toString());
            assertEquals(OBJECTS, status.get("succeeded").asLong() + status.get("failed").asLong(), status.toString());
            assertEquals(0, status.get("failed").asLong(), status.toString());
            assertEquals(planted.size(), status.get("total_findings").asLong(), status.toString());

            List<String> found = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = app.getJson("/jobs/" + job + "/findings?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
                for (JsonNode f : page.get("findings")) {
                    found.add(f.get("key").asText() + " " + f.get("detector").asText() + " " + f.get("offset").asLong());
                }
                cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            } while (cursor != null);
            assertEquals(found.size(), new HashSet<>(found).size(), "no finding twice");
            assertEquals(planted, new HashSet<>(found));
            String log = app.log();
            for (String raw : rawValues) {
                assertTrue(!log.contains(raw), "a raw planted value reached the log: " + raw);
            }
            assertTrue(log.contains("Job " + job + " completed: " + OBJECTS + " objects scanned"), "one line when the job completes");
        }

        String listingStage(String job) throws Exception {
            try (var c = db.dataSource().getConnection();
                 var ps = c.prepareStatement("SELECT step_function_status FROM jobs WHERE job_id = ?::uuid")) {
                ps.setString(1, job);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        }

        long countObjects(String job, String status) throws Exception {
            try (var c = db.dataSource().getConnection();
                 var ps = c.prepareStatement("SELECT count(*) FROM job_objects WHERE job_id = ?::uuid AND status = ?")) {
                ps.setString(1, job);
                ps.setString(2, status);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }
}
