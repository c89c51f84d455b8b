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
        // three pages of three keys per execution: a listing of a few dozen objects runs as a chain
        app = new AwsModeApp(dir, sqs -> endpoint, java.util.Map.of("scanner.sfn.pages-per-execution", "3"));
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

    private JsonNode stats() throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                URI.create(endpoint + "/test/stats")).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The executions of one job's chain, as the double saw them. */
    private java.util.List<JsonNode> executionsOf(String job) throws Exception {
        java.util.List<JsonNode> chain = new java.util.ArrayList<>();
        stats().get("executions").forEach(e -> {
            if (e.get("arn").asText().contains(":scan-" + job)) {
                chain.add(e);
            }
        });
        chain.sort(java.util.Comparator.comparingInt(e -> e.get("generation").asInt()));
        return chain;
    }

    /**
     * 40 objects in pages of 3 are 14 pages; at 3 pages an execution, 5 executions. Each stays far
     * below a quota lowered to 60 history events (AWS: 25,000), the job follows the chain to its
     * last execution, records every one, and stays RUNNING across each hand-over.
     */
    @Test
    void a_long_listing_runs_as_a_chain_of_executions_each_within_the_history_quota() throws Exception {
        app.bucket("node-chain", 40);
        hook("/test/quota?events=60");
        try {
            String job = app.accepted("/scan", "{\"bucket\":\"node-chain\"}").get("job_id").asText();
            java.util.Set<String> stages = new java.util.HashSet<>();
            JsonNode done = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        JsonNode s = app.get("/jobs/" + job + "?real_time=true");
                        stages.add(s.get("step_function_status").asText() + "/" + s.get("status").asText());
                        return s;
                    }, s -> s.get("status").asText().equals("completed"));

            assertEquals(40, done.get("total").asInt());
            assertEquals(20, done.get("total_findings").asInt());
            assertEquals("SUCCEEDED", done.get("step_function_status").asText());
            assertTrue(stages.stream().noneMatch(st -> st.startsWith("FAILED") || st.startsWith("SUCCEEDED/listing")), stages.toString());
            java.util.List<JsonNode> chain = executionsOf(job);
            assertEquals(5, chain.size(), chain.toString());
            for (JsonNode e : chain) {
                assertEquals("SUCCEEDED", e.get("status").asText(), e.toString());
                assertTrue(e.get("events").asInt() <= 60, e.toString());
            }
            assertEquals(chain.get(4).get("arn").asText(), done.get("execution_arn").asText(), "the job follows the chain");
            assertEquals(java.util.List.of(chain.get(0).get("arn").asText(), chain.get(1).get("arn").asText(), chain.get(2).get("arn").asText(),
                    chain.get(3).get("arn").asText(), chain.get(4).get("arn").asText()), app.chain(job));
        } finally {
            hook("/test/quota?events=25000");
        }
    }

    /** The double is faithful: an execution whose history outgrows the quota fails as AWS fails it, and the job with it. */
    @Test
    void an_execution_past_the_history_quota_fails_with_states_runtime() throws Exception {
        app.bucket("node-quota", 12);
        hook("/test/quota?events=15");
        try {
            String job = app.accepted("/scan", "{\"bucket\":\"node-quota\"}").get("job_id").asText();
            JsonNode failed = app.awaitStatus(job, s -> s.get("status").asText().equals("failed"));
            assertEquals("FAILED", failed.get("step_function_status").asText());
            assertTrue(failed.get("status_message").asText().contains("maximum number of history events"), failed.toString());
            assertTrue(failed.get("status_message").asText().contains("States.Runtime"), failed.toString());
        } finally {
            hook("/test/quota?events=25000");
        }
    }

    /** The machine's Retry runs as written: a transient page error and a timed-out task are each tried again. */
    @Test
    void a_transient_page_error_and_a_timed_out_task_are_retried_by_the_machine() throws Exception {
        app.bucket("node-retried", 10);
        hook("/test/fail-tasks?count=2&error=Listing.Transient");
        String first = app.accepted("/scan", "{\"bucket\":\"node-retried\"}").get("job_id").asText();
        JsonNode done = app.awaitStatus(first, s -> s.get("status").asText().equals("completed"));
        assertEquals(10, done.get("total").asInt());
        assertEquals(5, done.get("total_findings").asInt());

        hook("/test/time-out-tasks?count=1");
        String second = app.accepted("/scan", "{\"bucket\":\"node-retried\",\"prefix\":\"k/\"}").get("job_id").asText();
        JsonNode again = app.awaitStatus(second, s -> s.get("status").asText().equals("completed"));
        assertEquals(10, again.get("total").asInt());
        assertEquals("SUCCEEDED", again.get("step_function_status").asText());
    }

    /** Abort while the listing is being handed to a successor: the successor's next task ends it, nothing more is listed. */
    @Test
    void abort_during_a_hand_over_ends_the_chain() throws Exception {
        app.bucket("node-abort-chain", 30);
        hook("/test/hold-successors?on=true");
        try {
            String job = app.accepted("/scan", "{\"bucket\":\"node-abort-chain\"}").get("job_id").asText();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> executionsOf(job).size() == 2);
            assertEquals(202, app.post("/jobs/" + job + "/abort", null).statusCode());
            hook("/test/hold-successors?on=false");

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    executionsOf(job).stream().noneMatch(e -> e.get("status").asText().equals("RUNNING")));
            JsonNode aborted = app.get("/jobs/" + job + "?real_time=true");
            assertEquals("aborted", aborted.get("status").asText());
            assertEquals("ABORTED", aborted.get("step_function_status").asText());
            assertEquals(9, aborted.get("total").asInt(), "the first execution's three pages of three, nothing after");
        } finally {
            hook("/test/hold-successors?on=false");
        }
    }

    /** The application stops in the middle of a chain and starts again: the job completes, exact. */
    @Test
    void a_restart_in_the_middle_of_a_chain_completes_the_job_exactly() throws Exception {
        app.bucket("node-restart", 30);
        hook("/test/hold-successors?on=true");
        String job = app.accepted("/scan", "{\"bucket\":\"node-restart\"}").get("job_id").asText();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> executionsOf(job).size() == 2);
            app.restart();
        } finally {
            hook("/test/hold-successors?on=false");
        }
        JsonNode done = app.awaitStatus(job, s -> s.get("status").asText().equals("completed"));
        assertEquals(30, done.get("total").asInt());
        assertEquals(15, done.get("total_findings").asInt());
        assertEquals(4, executionsOf(job).size());
    }
}
