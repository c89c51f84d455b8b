package scanner.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shipped listing state machine (CI also runs asl-validator on it): the callback task puts on
 * the listing queue every field a page needs, loops while the page says it is truncated, carries
 * the same fields into the next iteration, and ends FAILED with the error and cause it caught.
 */
class ListingStateMachineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode definition() throws IOException {
        try (InputStream in = ListingStateMachineTest.class.getResourceAsStream("/statemachine/listing.asl.json")) {
            return JSON.readTree(in);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next().replace(".$", ""));
        }
        return names;
    }

    @Test
    void the_task_message_carries_every_field_the_listing_reads() throws IOException {
        JsonNode task = definition().get("States").get("ListPage");

        assertEquals("arn:aws:states:::sqs:sendMessage.waitForTaskToken", task.get("Resource").asText());
        assertEquals(Set.of("job_id", "bucket", "prefix", "continuation_token", "execution_arn", "task_token"),
                fieldNames(task.get("Parameters").get("MessageBody")));
        assertEquals("$$.Task.Token", task.get("Parameters").get("MessageBody").get("task_token.$").asText());
        assertEquals("$$.Execution.Id", task.get("Parameters").get("MessageBody").get("execution_arn.$").asText());
    }

    /** Every field a page reads is carried to the next page, and into a successor execution's input. */
    @Test
    void the_loop_and_the_successor_carry_the_execution_input() throws IOException {
        JsonNode states = definition().get("States");
        Set<String> read = new HashSet<>();
        states.get("ListPage").get("Parameters").get("MessageBody").fields()
                .forEachRemaining(f -> read.add(f.getValue().asText()));
        read.add(states.get("ListPage").get("Parameters").get("QueueUrl.$").asText());
        read.remove("$$.Task.Token");
        read.remove("$$.Execution.Id");
        read.add("$.pages_per_execution");

        Set<String> counted = fieldNames(states.get("CountPage").get("Parameters"));
        Set<String> successor = fieldNames(states.get("ContinueAsNewExecution").get("Parameters").get("Input"));
        for (String path : read) {
            assertTrue(counted.contains(path.substring(2)), path + " is not carried into the next page");
            assertTrue(successor.contains(path.substring(2)), path + " is not carried into the successor execution");
        }
        assertEquals("$.page.next_continuation_token", states.get("CountPage").get("Parameters").get("continuation_token.$").asText());
        assertEquals("States.MathAdd($.pages, 1)", states.get("CountPage").get("Parameters").get("pages.$").asText());
        assertEquals(0, states.get("ContinueAsNewExecution").get("Parameters").get("Input").get("pages").asInt());
        assertEquals("arn:aws:states:::states:startExecution", states.get("ContinueAsNewExecution").get("Resource").asText());
        assertEquals("$$.StateMachine.Id", states.get("ContinueAsNewExecution").get("Parameters").get("StateMachineArn.$").asText());
        assertEquals("$.handover", states.get("ContinueAsNewExecution").get("OutputPath").asText());
    }

    @Test
    void a_caught_error_ends_the_execution_failed_with_its_error_and_cause() throws IOException {
        JsonNode states = definition().get("States");
        JsonNode fail = states.get(states.get("ListPage").get("Catch").get(0).get("Next").asText());

        assertEquals("Fail", fail.get("Type").asText());
        assertEquals("$.error.Error", fail.get("ErrorPath").asText());
        assertEquals("$.error.Cause", fail.get("CausePath").asText());
        assertTrue(definition().get("TimeoutSeconds").asInt() > 0, "the state machine owns the timeout");
    }

    @Test
    void the_iam_policies_are_valid_json_with_statements() throws IOException {
        for (String name : new String[] {"application-policy.json", "api-policy.json", "state-machine-policy.json", "state-machine-trust.json"}) {
            JsonNode policy = JSON.readTree(Files.readString(Path.of("iam", name)));
            assertEquals("2012-10-17", policy.get("Version").asText(), name);
            assertTrue(policy.get("Statement").size() > 0, name);
        }
        // API pods list buckets and drive executions, but never read a scanned object.
        String api = Files.readString(Path.of("iam", "api-policy.json"));
        assertTrue(!api.contains("s3:GetObject") && !api.contains("s3:*") && !api.contains("\"*\"]") , api);
        assertTrue(Files.readString(Path.of("iam", "application-policy.json")).contains("s3:GetObject"));
    }
}
