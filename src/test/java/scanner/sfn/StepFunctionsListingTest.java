package scanner.sfn;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * aws mode with a state machine, end to end, against a Java Step Functions test double whose
 * hooks reach the corners: a refused start, a held task, a timed-out execution. (NodeStepFunctionsTest
 * runs the shipped definition itself.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepFunctionsListingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private FakeStepFunctions sfn;
    private AwsModeApp app;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        app = AwsModeApp.withFake(dir, fake -> sfn = fake);
    }

    @AfterAll
    void stop() {
        app.close();
        sfn.close();
    }

    @Test
    void each_page_goes_through_its_own_task_and_the_job_completes_with_its_execution() throws Exception {
        app.bucket("pages", 8);
        sfn.executions.clear();
        sfn.calls.clear();

        JsonNode accepted = app.accepted("/scan", "{\"bucket\":\"pages\"}");
        String job = accepted.get("job_id").asText();
        JsonNode done = app.awaitStatus(job, s -> s.get("status").asText().equals("completed"));

        assertEquals(AwsModeApp.MACHINE.replace(":stateMachine:", ":execution:") + ":scan-" + job,
                accepted.get("execution_arn").asText());
        assertEquals(accepted.get("execution_arn").asText(), done.get("execution_arn").asText());
        assertEquals("SUCCEEDED", done.get("step_function_status").asText());
        assertEquals(8, done.get("total").asInt());
        assertEquals(4, done.get("total_findings").asInt());
        assertEquals(3, sfn.calls("SendTaskSuccess").size(), "three pages of three, three and two keys");
        assertEquals("SUCCEEDED", sfn.only().status);
    }

    @Test
    void a_failing_page_ends_the_execution_and_the_job_failed_with_the_reason() throws Exception {
        app.s3.createBucket(b -> b.bucket("vanishes"));
        sfn.executions.clear();
        sfn.holdTasks = true;

        String job = app.accepted("/scan", "{\"bucket\":\"vanishes\"}").get("job_id").asText();
        app.s3.deleteBucket(b -> b.bucket("vanishes"));
        sfn.release();
        JsonNode failed = app.awaitStatus(job, s -> s.get("status").asText().equals("failed"));

        assertEquals("FAILED", failed.get("step_function_status").asText());
        assertTrue(failed.get("status_message").asText().contains("The specified bucket does not exist"), failed.toString());
        assertEquals("Listing.Failed", sfn.only().error);
    }

    @Test
    void abort_stops_the_execution() throws Exception {
        app.bucket("aborted", 2);
        sfn.executions.clear();
        sfn.holdTasks = true;

        String job = app.accepted("/scan", "{\"bucket\":\"aborted\"}").get("job_id").asText();
        HttpResponse<String> abort = app.post("/jobs/" + job + "/abort", null);

        assertEquals(202, abort.statusCode(), abort.body());
        assertEquals("ABORTED", sfn.only().status);
        assertEquals("aborted", app.get("/jobs/" + job + "?real_time=true").get("status").asText());
        sfn.release(); // a task that arrives anyway ends the execution and lists nothing
        await().atMost(Duration.ofSeconds(20)).until(() -> sfn.only().token == null || !sfn.only().status.equals("RUNNING"));
        assertEquals(0, app.get("/jobs/" + job + "?real_time=true").get("total").asInt());
    }

    @Test
    void an_execution_that_times_out_is_reconciled_to_a_failed_job() throws Exception {
        app.bucket("slow", 1);
        sfn.executions.clear();
        sfn.holdTasks = true;

        String job = app.accepted("/scan", "{\"bucket\":\"slow\"}").get("job_id").asText();
        sfn.timeOut(sfn.only());
        JsonNode timedOut = app.awaitStatus(job, s -> s.get("status").asText().equals("failed"));

        assertEquals("TIMED_OUT", timedOut.get("step_function_status").asText());
        assertTrue(timedOut.get("status_message").asText().contains("timed out"), timedOut.toString());
        sfn.holdTasks = false;
    }

    @Test
    void an_execution_that_cannot_start_fails_the_job_and_answers_503() throws Exception {
        app.bucket("refused", 1);
        sfn.refuseStarts = true;
        try {
            HttpResponse<String> response = app.post("/scan", "{\"bucket\":\"refused\"}");

            assertEquals(503, response.statusCode(), response.body());
            JsonNode error = JSON.readTree(response.body());
            assertEquals("step_functions_unavailable", error.get("error").asText());
            assertTrue(error.get("message").asText().contains("State Machine Does Not Exist"), response.body());
            String job = error.get("message").asText().replaceAll(".*\\(job ([0-9a-f-]+)\\)$", "$1");
            assertEquals("FAILED", app.get("/jobs/" + job + "?real_time=true").get("step_function_status").asText());
        } finally {
            sfn.refuseStarts = false;
        }
    }
}
