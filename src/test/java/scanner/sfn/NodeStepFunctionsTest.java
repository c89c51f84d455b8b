package scanner.sfn;

import scanner.support.FreePorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped state machine (statemachine/listing.asl.json) run by the aws-local-stepfunctions
 * interpreter behind a small Node server that speaks the Step Functions JSON protocol
 * (src/test/node/sfn-local; a test double, not AWS): the page loop, the Catch to FAILED and
 * StopExecution, each driven by the application in aws mode. `.ci/run` installs its npm package.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeStepFunctionsTest {

    private static final Path SERVER = Path.of("src/test/node/sfn-local");
    private Process node;
    private String endpoint;
    private AwsModeApp app;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(SERVER.resolve("node_modules/aws-local-stepfunctions")),
                "aws-local-stepfunctions is not installed: npm install --prefix src/test/node/sfn-local (.ci/run does)");
        int port = FreePorts.next();
        endpoint = "http://127.0.0.1:" + port;
        node = new ProcessBuilder("node", "server.mjs", Integer.toString(port),
                Path.of("src/main/resources/statemachine/listing.asl.json").toAbsolutePath().toString())
                .directory(SERVER.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sfn-local.log").toFile()).start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                return hook("/test/release").statusCode() == 200;
            } catch (java.io.IOException notYet) {
                return false;
            }
        });
        app = new AwsModeApp(dir, sqs -> endpoint);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (node != null) {
            node.destroy();
        }
    }

    private HttpResponse<String> hook(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(endpoint + path)).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_shipped_definition_loops_page_by_page_until_the_job_completes() throws Exception {
        app.bucket("node-pages", 8);

        JsonNode accepted = app.accepted("/scan", "{\"bucket\":\"node-pages\"}");
        JsonNode done = app.awaitStatus(accepted.get("job_id").asText(), s -> s.get("status").asText().equals("completed"));

        assertEquals("SUCCEEDED", done.get("step_function_status").asText());
        assertEquals(8, done.get("total").asInt());
        assertEquals(4, done.get("total_findings").asInt());
        assertTrue(done.get("execution_arn").asText().endsWith(":scan-" + accepted.get("job_id").asText()));
    }

    @Test
    void a_failing_page_is_caught_and_the_execution_ends_failed_with_its_cause() throws Exception {
        app.s3.createBucket(b -> b.bucket("node-vanishes"));
        hook("/test/hold");
        String job = app.accepted("/scan", "{\"bucket\":\"node-vanishes\"}").get("job_id").asText();
        app.s3.deleteBucket(b -> b.bucket("node-vanishes"));
        hook("/test/release");

        JsonNode failed = app.awaitStatus(job, s -> s.get("status").asText().equals("failed"));

        assertEquals("FAILED", failed.get("step_function_status").asText());
        assertTrue(failed.get("status_message").asText().contains("The specified bucket does not exist"), failed.toString());
        assertTrue(failed.get("status_message").asText().contains("Listing.Failed"), failed.toString());
    }

    @Test
    void abort_stops_the_execution() throws Exception {
        app.bucket("node-aborted", 2);
        hook("/test/hold");
        String job = app.accepted("/scan", "{\"bucket\":\"node-aborted\"}").get("job_id").asText();

        assertEquals(202, app.post("/jobs/" + job + "/abort", null).statusCode());
        hook("/test/release");

        JsonNode aborted = app.get("/jobs/" + job + "?real_time=true");
        assertEquals("aborted", aborted.get("status").asText());
        assertEquals("ABORTED", aborted.get("step_function_status").asText());
    }

    @Test
    void an_execution_that_times_out_ends_the_job_failed_timed_out() throws Exception {
        app.bucket("node-slow", 1);
        hook("/test/hold");
        JsonNode accepted = app.accepted("/scan", "{\"bucket\":\"node-slow\"}");
        hook("/test/time-out?arn=" + java.net.URLEncoder.encode(accepted.get("execution_arn").asText(),
                java.nio.charset.StandardCharsets.UTF_8));

        JsonNode timedOut = app.awaitStatus(accepted.get("job_id").asText(), s -> s.get("status").asText().equals("failed"));
        hook("/test/release"); // the task that never ran arrives now, for a job no longer listing

        assertEquals("TIMED_OUT", timedOut.get("step_function_status").asText());
        assertEquals(0, app.get("/jobs/" + accepted.get("job_id").asText() + "?real_time=true").get("total").asInt());
    }

    @Test
    void a_lost_final_callback_leaves_the_job_completed_even_when_the_execution_then_times_out() throws Exception {
        app.bucket("node-lost", 2);
        hook("/test/lose-callbacks?on=true");
        try {
            JsonNode accepted = app.accepted("/scan", "{\"bucket\":\"node-lost\"}");
            String job = accepted.get("job_id").asText();
            app.awaitStatus(job, s -> s.get("status").asText().equals("completed"));
            hook("/test/time-out?arn=" + java.net.URLEncoder.encode(accepted.get("execution_arn").asText(),
                    java.nio.charset.StandardCharsets.UTF_8));

            // the listing's own record of its last page stands through the reconciler's rounds
            org.awaitility.Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> app.get("/jobs/" + job + "?real_time=true").get("status").asText().equals("completed"));
            assertEquals("SUCCEEDED", app.get("/jobs/" + job + "?real_time=true").get("step_function_status").asText());
        } finally {
            hook("/test/lose-callbacks?on=false");
        }
    }
}
