package scanner.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scanner.jobs.JobRepository;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * The reconciler route with Step Functions' DescribeExecution replaced by a mock endpoint
 * (AdviceWith): each answer and what it changes in jobs and in the API, and a throttling error that
 * changes nothing until the next round.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcilerRouteTest {

    private FakeStepFunctions sfn;
    private AwsModeApp app;
    private MockEndpoint describe;
    /** What the mocked DescribeExecution answers: a response, or an exception to throw. */
    private final AtomicReference<Object> answer = new AtomicReference<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        app = AwsModeApp.withFake(dir, fake -> sfn = fake);
        AdviceWith.adviceWith(app.context(), "sfn-reconcile-executions",
                a -> a.weaveByToUri("aws2-step-functions:*").replace().to("mock:describe-execution"));
        describe = app.context().getEndpoint("mock:describe-execution", MockEndpoint.class);
        describe.whenAnyExchangeReceived(exchange -> {
            Object next = answer.get();
            if (next instanceof Exception e) {
                throw e;
            }
            exchange.getMessage().setBody(next);
        });
    }

    @AfterAll
    void stop() {
        app.close();
        sfn.close();
    }

    private String runningJobWithExecution() throws Exception {
        JobRepository jobs = new JobRepository(app.db.dataSource());
        UUID id = UUID.randomUUID();
        jobs.create(id, "bucket", "", null);
        jobs.setExecutionArn(id, "arn:aws:states:us-east-1:123456789012:execution:s3-scanner-listing:scan-" + id);
        return id.toString();
    }

    @ParameterizedTest
    @CsvSource({
            "SUCCEEDED, , , completed, No objects found to scan",
            "FAILED, Listing.Failed, Access Denied, failed, Access Denied (Listing.Failed)",
            "TIMED_OUT, , , failed, timed out",
            "ABORTED, , , aborted, stopped"})
    void each_end_of_an_execution_is_recorded(String status, String error, String cause, String jobStatus,
                                               String message) throws Exception {
        answer.set(DescribeExecutionResponse.builder().status(status).error(error).cause(cause).build());
        String job = runningJobWithExecution();

        JsonNode reconciled = app.awaitStatus(job, s -> !s.get("step_function_status").asText().equals("RUNNING"));

        assertEquals(status, reconciled.get("step_function_status").asText());
        assertEquals(jobStatus, reconciled.get("status").asText());
        assertTrue(reconciled.get("status_message").asText().contains(message), reconciled.toString());
    }

    @Test
    void a_throttled_describe_changes_nothing_and_the_next_round_records_the_end() throws Exception {
        answer.set(SfnException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded").build())
                .build());
        int before = describe.getReceivedCounter();
        String job = runningJobWithExecution();
        // three rounds of the reconciler meet the throttling error
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> describe.getReceivedCounter() >= before + 3);

        assertEquals("RUNNING", app.get("/jobs/" + job + "?real_time=true").get("step_function_status").asText());
        assertEquals("listing", app.get("/jobs/" + job + "?real_time=true").get("status").asText());

        answer.set(DescribeExecutionResponse.builder().status("FAILED").error("States.Timeout").cause("Task timed out").build());
        JsonNode failed = app.awaitStatus(job, s -> s.get("status").asText().equals("failed"));
        assertTrue(failed.get("status_message").asText().contains("Task timed out"), failed.toString());
    }
}
