package scanner.sfn;

import scanner.support.FreePorts;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.camel.main.Main;
import scanner.Application;
import scanner.aws.AwsClients;
import scanner.config.ScannerConfig;
import scanner.local.LocalServers;
import scanner.support.TestDatabase;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The application in aws mode with a state machine, against S3 and SQS servers of the test's own
 * and a Step Functions endpoint given by the test (a test double, never AWS), with HTTP helpers.
 */
final class AwsModeApp implements AutoCloseable {

    static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:s3-scanner-listing";
    private static final ObjectMapper JSON = new ObjectMapper();

    final TestDatabase db;
    final LocalServers servers;
    final S3Client s3;
    final SqsClient sqs;
    private Main app;
    private final int httpPort;
    private final HttpClient http = HttpClient.newHttpClient();

    /** Starts the servers, then the application with the Step Functions endpoint {@code sfnEndpoint(sqs)} gives. */
    AwsModeApp(Path dir, Function<SqsClient, String> sfnEndpoint) throws Exception {
        this(dir, sfnEndpoint, Map.of());
    }

    private final Map<String, String> overrides = new HashMap<>();

    /** As above, with further settings ({@code extra}) for the application. */
    AwsModeApp(Path dir, Function<SqsClient, String> sfnEndpoint, Map<String, String> extra) throws Exception {
        db = TestDatabase.create();
        Map<String, String> local = Map.of("scanner.db.url", db.url(), "scanner.local.data-dir", dir.toString(),
                "scanner.local.s3-port", Integer.toString(FreePorts.next()), "scanner.local.sqs-port", Integer.toString(FreePorts.next()));
        servers = new LocalServers(ScannerConfig.from(k -> Optional.ofNullable(local.get(k)))).startAll();
        s3 = AwsClients.s3("us-east-1", servers.s3Endpoint(), true);
        sqs = AwsClients.sqs("us-east-1", servers.sqsEndpoint(), true);
        AwsClients.createQueues(sqs, "sfn-objects", "sfn-objects-dlq", 5, 60);
        sqs.createQueue(b -> b.queueName("sfn-listing"));
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");

        httpPort = FreePorts.next();
        overrides.put("scanner.mode", "aws");
        overrides.put("scanner.api.auth", "none"); // these tests are about the listing, not the API key
        overrides.put("scanner.db.url", db.url());
        overrides.put("scanner.db.user", db.user());
        overrides.put("scanner.aws.s3-endpoint", servers.s3Endpoint());
        overrides.put("scanner.aws.sqs-endpoint", servers.sqsEndpoint());
        overrides.put("scanner.aws.sfn-endpoint", sfnEndpoint.apply(sqs));
        overrides.put("scanner.aws.state-machine-arn", MACHINE);
        overrides.put("scanner.sqs.queue", "sfn-objects");
        overrides.put("scanner.sqs.dead-letter-queue", "sfn-objects-dlq");
        overrides.put("scanner.sqs.listing-queue", "sfn-listing");
        overrides.put("scanner.sqs.wait-time-seconds", "1");
        overrides.put("scanner.listing.page-size", "3");
        overrides.put("scanner.sfn.reconcile-interval", "300ms");
        overrides.put("camel.server.port", Integer.toString(httpPort));
        overrides.put("camel.server.host", "127.0.0.1");
        overrides.put("camel.management.port", Integer.toString(FreePorts.next()));
        overrides.put("camel.management.host", "127.0.0.1");
        overrides.putAll(extra);
        app = Application.create(overrides);
        app.start();
    }

    /** Every execution of the job's listing chain, as the application recorded them. */
    java.util.List<String> chain(String job) throws Exception {
        java.util.List<String> chain = new java.util.ArrayList<>();
        try (var c = db.dataSource().getConnection(); var ps = c.prepareStatement(
                "SELECT execution_arn FROM job_executions WHERE job_id = ?::uuid ORDER BY started_at, execution_arn")) {
            ps.setString(1, job);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    chain.add(rs.getString(1));
                }
            }
        }
        return chain;
    }

    /** Stops the application (its listing tasks stay on the queue, its executions in Step Functions) and starts it again. */
    void restart() throws Exception {
        app.stop();
        app = Application.create(overrides);
        app.start();
    }

    /** The application with the Java Step Functions double, which {@code sfn} receives. */
    static AwsModeApp withFake(Path dir, java.util.function.Consumer<FakeStepFunctions> sfn) throws Exception {
        return new AwsModeApp(dir, sqs -> {
            try {
                FakeStepFunctions fake = new FakeStepFunctions(sqs);
                sfn.accept(fake);
                return fake.endpoint();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    org.apache.camel.CamelContext context() {
        return app.getCamelContext();
    }

    void bucket(String name, int objects) {
        s3.createBucket(b -> b.bucket(name));
        for (int i = 0; i < objects; i++) {
            String key = "k/" + i;
            String body = i % 2 == 0 ? "ssn 219-09-" + (1000 + i) + "\n" : "nothing\n";
            s3.putObject(b -> b.bucket(name).key(key), RequestBody.fromString(body));
        }
    }

    JsonNode awaitStatus(String job, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/jobs/" + job + "?real_time=true"), condition);
    }

    JsonNode get(String path) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(uri(path)).GET()).body());
    }

    /** POST /scan (or another call answered 202) with a JSON body. */
    JsonNode accepted(String path, String body) throws Exception {
        HttpResponse<String> response = post(path, body);
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }


    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
        s3.close();
        sqs.close();
        servers.close();
        db.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }
}
