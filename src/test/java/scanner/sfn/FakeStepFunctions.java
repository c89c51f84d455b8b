package scanner.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A test double of Step Functions, not AWS: an HTTP server speaking the service's JSON protocol
 * (StartExecution, DescribeExecution, StopExecution, SendTaskSuccess, SendTaskFailure) that runs
 * the loop of statemachine/listing.asl.json by hand: a task message per page on the listing
 * queue, the next page while {@code is_truncated}, retries of {@code Listing.Transient}, FAILED
 * with the error and cause of any other failure. Tests can hold the first task, time an
 * execution out, or lose callbacks.
 */
final class FakeStepFunctions implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One execution and the task it waits on. */
    static final class Execution {
        final String arn;
        final ObjectNode input;
        volatile String status = "RUNNING";
        volatile String error;
        volatile String cause;
        volatile String token;
        volatile ObjectNode pendingTask;
        int retries;

        Execution(String arn, ObjectNode input) {
            this.arn = arn;
            this.input = input;
        }
    }

    private final HttpServer server;
    private final SqsClient sqs;
    final Map<String, Execution> executions = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile boolean holdTasks;
    volatile boolean loseCallbacks;
    volatile boolean refuseStarts;

    FakeStepFunctions(SqsClient sqs) throws IOException {
        this.sqs = sqs;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Execution only() {
        return executions.values().iterator().next();
    }

    /** Sends the tasks held back while {@link #holdTasks} was set. */
    void release() {
        holdTasks = false;
        for (Execution e : executions.values()) {
            if (e.pendingTask != null && e.status.equals("RUNNING")) {
                send(e, e.pendingTask);
            }
        }
    }

    void timeOut(Execution e) {
        e.status = "TIMED_OUT";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            calls.add(operation);
            ObjectNode response = JSON.createObjectNode();
            int status = 200;
            switch (operation) {
                case "StartExecution" -> {
                    if (refuseStarts) {
                        byte[] refusal = "{\"__type\":\"StateMachineDoesNotExist\",\"message\":\"State Machine Does Not Exist\"}"
                                .getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                        exchange.sendResponseHeaders(400, refusal.length);
                        exchange.getResponseBody().write(refusal);
                        return;
                    }
                    String machine = request.get("stateMachineArn").asText();
                    String name = request.get("name").asText();
                    String arn = machine.replace(":stateMachine:", ":execution:") + ":" + name;
                    Execution e = executions.computeIfAbsent(arn, a -> {
                        Execution created = new Execution(a, (ObjectNode) readTree(request.get("input").asText()));
                        task(created, created.input.get("continuation_token"));
                        return created;
                    });
                    response.put("executionArn", e.arn);
                    response.put("startDate", System.currentTimeMillis() / 1000.0);
                }
                case "DescribeExecution" -> {
                    Execution e = executions.get(request.get("executionArn").asText());
                    if (e == null) {
                        status = 400;
                        response.put("__type", "ExecutionDoesNotExist");
                    } else {
                        response.put("executionArn", e.arn);
                        response.put("status", e.status);
                        response.put("startDate", System.currentTimeMillis() / 1000.0);
                        if (e.error != null) {
                            response.put("error", e.error);
                            response.put("cause", e.cause);
                        }
                    }
                }
                case "StopExecution" -> {
                    Execution e = executions.get(request.get("executionArn").asText());
                    if (e != null && e.status.equals("RUNNING")) {
                        e.status = "ABORTED";
                    }
                    response.put("stopDate", System.currentTimeMillis() / 1000.0);
                }
                case "SendTaskSuccess", "SendTaskFailure" -> {
                    Execution e = byToken(request.get("taskToken").asText());
                    if (e == null || !e.status.equals("RUNNING")) {
                        status = 400;
                        response.put("__type", "TaskTimedOut");
                    } else if (!loseCallbacks) {
                        answered(e, operation, request);
                    }
                }
                default -> {
                    status = 400;
                    response.put("__type", "UnknownOperationException");
                }
            }
            byte[] body = response.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void answered(Execution e, String operation, JsonNode request) {
        e.token = null;
        if (operation.equals("SendTaskSuccess")) {
            JsonNode page = readTree(request.get("output").asText());
            if (page.get("is_truncated").asBoolean()) {
                task(e, page.get("next_continuation_token"));
            } else {
                e.status = "SUCCEEDED";
            }
        } else if (request.get("error").asText().equals("Listing.Transient") && e.retries++ < 5) {
            send(e, e.pendingTask); // the state machine's Retry
        } else {
            e.error = request.get("error").asText();
            e.cause = request.path("cause").asText(null);
            e.status = "FAILED"; // the Catch, then the Fail state's ErrorPath and CausePath
        }
    }

    private void task(Execution e, JsonNode continuationToken) {
        ObjectNode body = JSON.createObjectNode();
        body.put("job_id", e.input.get("job_id").asText());
        body.put("bucket", e.input.get("bucket").asText());
        body.put("prefix", e.input.get("prefix").asText());
        body.set("continuation_token", continuationToken == null ? JSON.nullNode() : continuationToken);
        e.pendingTask = body;
        if (!holdTasks) {
            send(e, body);
        }
    }

    private void send(Execution e, ObjectNode task) {
        String token = UUID.randomUUID().toString();
        e.token = token;
        ObjectNode message = task.deepCopy();
        message.put("task_token", token);
        sqs.sendMessage(b -> b.queueUrl(e.input.get("listing_queue_url").asText()).messageBody(message.toString()));
    }

    private Execution byToken(String token) {
        for (Execution e : executions.values()) {
            if (token.equals(e.token)) {
                return e;
            }
        }
        return null;
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    List<String> calls(String operation) {
        List<String> matching = new ArrayList<>();
        for (String call : calls) {
            if (call.equals(operation)) {
                matching.add(call);
            }
        }
        return matching;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
