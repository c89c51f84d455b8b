package scanner.sfn;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scanner.Application;
import scanner.aws.AwsClients;
import scanner.config.ScannerConfig;
import scanner.local.LocalServers;
import scanner.support.TestDatabase;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * aws mode with a state machine, end to end: the application against S3 and SQS servers of the
 * test's own and a Step Functions test double (not AWS) that runs the listing loop; every page
 * goes through its own task token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepFunctionsListingTest {

    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:s3-scanner-listing";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestDatabase db;
    private LocalServers servers;
    private S3Client s3;
    private SqsClient sqs;
    private FakeStepFunctions sfn;
    private Main app;
    private int httpPort;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        db = TestDatabase.create();
        Map<String, String> local = Map.of("scanner.db.url", db.url(), "scanner.local.data-dir", dir.toString(),
                "scanner.local.s3-port", Integer.toString(freePort()), "scanner.local.sqs-port", Integer.toString(freePort()));
        servers = new LocalServers(ScannerConfig.from(k -> Optional.ofNullable(local.get(k)))).startAll();
        s3 = AwsClients.s3("us-east-1", servers.s3Endpoint(), true);
        sqs = AwsClients.sqs("us-east-1", servers.sqsEndpoint(), true);
        AwsClients.createQueues(sqs, "sfn-objects", "sfn-objects-dlq", 5, 60);
        sqs.createQueue(b -> b.queueName("sfn-listing"));
        sfn = new FakeStepFunctions(sqs);
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");

        httpPort = freePort();
        Map<String, String> overrides = new HashMap<>();
        overrides.put("scanner.mode", "aws");
        overrides.put("scanner.db.url", db.url());
        overrides.put("scanner.db.user", db.user());
        overrides.put("scanner.aws.s3-endpoint", servers.s3Endpoint());
        overrides.put("scanner.aws.sqs-endpoint", servers.sqsEndpoint());
        overrides.put("scanner.aws.sfn-endpoint", sfn.endpoint());
        overrides.put("scanner.aws.state-machine-arn", MACHINE);
        overrides.put("scanner.sqs.queue", "sfn-objects");
        overrides.put("scanner.sqs.dead-letter-queue", "sfn-objects-dlq");
        overrides.put("scanner.sqs.listing-queue", "sfn-listing");
        overrides.put("scanner.sqs.wait-time-seconds", "1");
        overrides.put("scanner.listing.page-size", "3");
        overrides.put("scanner.sfn.reconcile-interval", "300ms");
        overrides.put("camel.server.port", Integer.toString(httpPort));
        overrides.put("camel.server.host", "127.0.0.1");
        overrides.put("camel.management.port", Integer.toString(freePort()));
        overrides.put("camel.management.host", "127.0.0.1");
        app = Application.create(overrides);
        app.start();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.stop();
        }
        sfn.close();
        s3.close();
        sqs.close();
        servers.close();
        db.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private void bucket(String name, int objects) {
        s3.createBucket(b -> b.bucket(name));
        for (int i = 0; i < objects; i++) {
            String key = "k/" + i;
            String body = i % 2 == 0 ? "ssn 219-09-" + (1000 + i) + "\n" : "nothing\n";
            s3.putObject(b -> b.bucket(name).key(key), RequestBody.fromString(body));
        }
    }

    @Test
    void each_page_goes_through_its_own_task_and_the_job_completes_with_its_execution() throws Exception {
        bucket("pages", 8);
        sfn.executions.clear();
        sfn.calls.clear();

        JsonNode accepted = post("/scan", "{\"bucket\":\"pages\"}");
        String job = accepted.get("job_id").asText();
        JsonNode done = awaitStatus(job, s -> s.get("status").asText().equals("completed"));

        assertEquals(MACHINE.replace(":stateMachine:", ":execution:") + ":scan-" + job, accepted.get("execution_arn").asText());
        assertEquals(accepted.get("execution_arn").asText(), done.get("execution_arn").asText());
        assertEquals("SUCCEEDED", done.get("step_function_status").asText());
        assertEquals(8, done.get("total").asInt());
        assertEquals(4, done.get("total_findings").asInt());
        assertEquals(3, sfn.calls("SendTaskSuccess").size(), "three pages of three, three and two keys");
        assertEquals("SUCCEEDED", sfn.only().status);
    }

    @Test
    void a_failing_page_ends_the_execution_and_the_job_failed_with_the_reason() throws Exception {
        s3.createBucket(b -> b.bucket("vanishes"));
        sfn.executions.clear();
        sfn.holdTasks = true;

        String job = post("/scan", "{\"bucket\":\"vanishes\"}").get("job_id").asText();
        s3.deleteBucket(b -> b.bucket("vanishes"));
        sfn.release();
        JsonNode failed = awaitStatus(job, s -> s.get("status").asText().equals("failed"));

        assertEquals("FAILED", failed.get("step_function_status").asText());
        assertTrue(failed.get("status_message").asText().contains("The specified bucket does not exist"), failed.toString());
        assertEquals("Listing.Failed", sfn.only().error);
    }

    @Test
    void abort_stops_the_execution() throws Exception {
        bucket("aborted", 2);
        sfn.executions.clear();
        sfn.holdTasks = true;

        String job = post("/scan", "{\"bucket\":\"aborted\"}").get("job_id").asText();
        HttpResponse<String> abort = send(HttpRequest.newBuilder(uri("/jobs/" + job + "/abort"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(202, abort.statusCode(), abort.body());
        assertEquals("ABORTED", sfn.only().status);
        assertEquals("aborted", get("/jobs/" + job + "?real_time=true").get("status").asText());
        sfn.release(); // a task that arrives anyway ends the execution and lists nothing
        await().atMost(Duration.ofSeconds(20)).until(() -> sfn.only().token == null || !sfn.only().status.equals("RUNNING"));
        assertEquals(0, get("/jobs/" + job + "?real_time=true").get("total").asInt());
    }

    @Test
    void an_execution_that_times_out_is_reconciled_to_a_failed_job() throws Exception {
        bucket("slow", 1);
        sfn.executions.clear();
        sfn.holdTasks = true;

        String job = post("/scan", "{\"bucket\":\"slow\"}").get("job_id").asText();
        sfn.timeOut(sfn.only());
        JsonNode timedOut = awaitStatus(job, s -> s.get("status").asText().equals("failed"));

        assertEquals("TIMED_OUT", timedOut.get("step_function_status").asText());
        assertTrue(timedOut.get("status_message").asText().contains("timed out"), timedOut.toString());
        sfn.holdTasks = false;
    }

    @Test
    void an_execution_that_cannot_start_fails_the_job_and_answers_503() throws Exception {
        bucket("refused", 1);
        sfn.refuseStarts = true;
        try {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/scan")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"bucket\":\"refused\"}")));

            assertEquals(503, response.statusCode(), response.body());
            JsonNode error = JSON.readTree(response.body());
            assertEquals("step_functions_unavailable", error.get("error").asText());
            assertTrue(error.get("message").asText().contains("State Machine Does Not Exist"), response.body());
            String job = error.get("message").asText().replaceAll(".*\\(job ([0-9a-f-]+)\\)$", "$1");
            assertEquals("FAILED", get("/jobs/" + job + "?real_time=true").get("step_function_status").asText());
        } finally {
            sfn.refuseStarts = false;
        }
    }

    private JsonNode awaitStatus(String job, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/jobs/" + job + "?real_time=true"), condition);
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(uri(path)).GET()).body());
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
