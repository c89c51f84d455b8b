package scanner.listing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import scanner.scan.ScanMessages;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * The application's side of the listing state machine: the execution's name and input for a job,
 * the answers to its tasks (SendTaskSuccess/SendTaskFailure: the aws2-step-functions component
 * has no such operation), and what a finished execution means for the job.
 */
public class StepFunctionsListing {

    private static final ObjectMapper JSON = scanner.config.Json.MAPPER;
    /** Step Functions caps an error cause at 32,768 characters and an error name at 256. */
    private static final int MAX_CAUSE = 32_000;

    /** Pages per execution before it continues as a new one: ten history events a page, 25,000 at most. */
    public static final int DEFAULT_PAGES_PER_EXECUTION = 1000;

    private final SfnClient sfn;
    private final String listingQueueUrl;
    private final int pagesPerExecution;

    public StepFunctionsListing(SfnClient sfn, String listingQueueUrl) {
        this(sfn, listingQueueUrl, DEFAULT_PAGES_PER_EXECUTION);
    }

    public StepFunctionsListing(SfnClient sfn, String listingQueueUrl, int pagesPerExecution) {
        this.sfn = sfn;
        this.listingQueueUrl = listingQueueUrl;
        this.pagesPerExecution = pagesPerExecution;
    }

    /** The execution a finished one handed the listing over to ({"continued_as": arn} output), or null. */
    public static String continuedAs(DescribeExecutionResponse described) {
        String output = described.output();
        if (output == null || output.isBlank()) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(output);
            return node != null && node.hasNonNull("continued_as") ? node.get("continued_as").asText() : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /** One name per job, so that a retried request cannot start a second execution. */
    public static String executionName(String jobId) {
        return "scan-" + jobId;
    }

    /** The execution's input: the first task's fields, and where to put the tasks. */
    public String input(String jobId, String bucket, String prefix) {
        ObjectNode input = JSON.createObjectNode();
        input.put("job_id", jobId);
        input.put("bucket", bucket);
        input.put("prefix", prefix);
        input.putNull("continuation_token");
        input.put("listing_queue_url", listingQueueUrl);
        input.put("pages", 0);
        input.put("pages_per_execution", pagesPerExecution);
        input.put("generation", 0);
        return input.toString();
    }

    /** The page is recorded and enqueued: the state machine loops while it was truncated. */
    public void taskSucceeded(ListingTask task, ListingPage page) {
        ObjectNode output = JSON.createObjectNode();
        if (page.nextToken() == null) {
            output.putNull("next_continuation_token");
        } else {
            output.put("next_continuation_token", page.nextToken());
        }
        output.put("is_truncated", page.nextToken() != null);
        sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output(output.toString()));
    }

    /**
     * The page could not be listed: {@code Listing.Transient} (retried by the state machine) or
     * {@code Listing.Failed} (caught: the execution ends FAILED with this cause).
     */
    public void taskFailed(ListingTask task, Exception e) {
        String error = ScanMessages.isPermanentListingError(e) ? "Listing.Failed" : "Listing.Transient";
        fail(task, error, ScanMessages.listingFailure(e));
    }

    /** The job is no longer listing (aborted, or gone): the execution ends. */
    public void taskStopped(ListingTask task) {
        fail(task, "Listing.Stopped", "The job is no longer listing");
    }

    private void fail(ListingTask task, String error, String cause) {
        String bounded = cause.length() > MAX_CAUSE ? cause.substring(0, MAX_CAUSE) : cause;
        sfn.sendTaskFailure(b -> b.taskToken(task.taskToken()).error(error).cause(bounded));
    }

    /** The reason recorded for a job whose execution failed, timed out or was aborted. */
    public static String reason(DescribeExecutionResponse execution) {
        String status = execution.statusAsString().toUpperCase(Locale.ROOT);
        String error = execution.error();
        String cause = execution.cause();
        if (status.equals("TIMED_OUT")) {
            return "The Step Functions execution timed out";
        }
        if (status.equals("ABORTED")) {
            return "The Step Functions execution was stopped";
        }
        if (error == null && cause == null) {
            return null;
        }
        return (cause != null && !cause.isBlank() ? cause : error) + (error != null ? " (" + error + ")" : "");
    }
}
