package scanner.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.main.Main;
import scanner.Application;
import scanner.aws.AwsClients;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole application in local mode, started in this JVM on free ports with its own database
 * and data directory, plus clients that reach it as a user would: HTTP, and the AWS SDK pointed
 * at its embedded S3 and SQS endpoints.
 */
public final class RunningScanner implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Main main;
    private final int httpPort;
    private final int managementPort;
    private final int s3Port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final S3Client s3;
    public final SqsClient sqs;

    private RunningScanner(Main main, int httpPort, int managementPort, int s3Port, int sqsPort) {
        this.main = main;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.s3Port = s3Port;
        this.s3 = AwsClients.s3("us-east-1", "http://127.0.0.1:" + s3Port, true);
        this.sqs = AwsClients.sqs("us-east-1", "http://127.0.0.1:" + sqsPort, true);
    }

    /** Starts the application; {@code extra} overrides any property (e.g. timing knobs). */
    public static RunningScanner start(TestDatabase db, Path dataDir, Map<String, String> extra) throws Exception {
        int httpPort = FreePorts.next();
        int managementPort = FreePorts.next();
        int s3Port = FreePorts.next();
        int sqsPort = FreePorts.next();
        Map<String, String> overrides = new HashMap<>();
        if (db != null) {
            overrides.put("scanner.db.url", db.url());
            overrides.put("scanner.db.user", db.user());
        }
        overrides.put("camel.server.port", Integer.toString(httpPort));
        overrides.put("camel.server.host", "127.0.0.1");
        overrides.put("camel.management.port", Integer.toString(managementPort));
        overrides.put("camel.management.host", "127.0.0.1");
        overrides.put("scanner.local.s3-port", Integer.toString(s3Port));
        overrides.put("scanner.local.sqs-port", Integer.toString(sqsPort));
        overrides.put("scanner.local.data-dir", dataDir.toString());
        overrides.put("scanner.sqs.wait-time-seconds", "1");
        overrides.put("scanner.listing.poll-interval", "200ms");
        overrides.putAll(extra);
        Main main = Application.create(overrides);
        try {
            main.start();
        } catch (Exception | Error e) {
            Application.stopLocalServers(main);
            throw e;
        }
        return new RunningScanner(main, httpPort, managementPort, s3Port, sqsPort);
    }

    /** The embedded S3 endpoint, for tools other than the SDK. */
    /** Stops the application, then drops its database; either may be null (a start that failed). */
    public static void stop(RunningScanner app, TestDatabase db) {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
    }

    public org.apache.camel.CamelContext camelContext() {
        return main.getCamelContext();
    }

    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    public int managementPort() {
        return managementPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET());
    }

    public Response getManagement(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET());
    }

    /** A management call with HTTP basic credentials. */
    public Response getManagement(String path, String user, String password) {
        String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .header("Authorization", "Basic " + basic).GET());
    }

    /** A management call: POST of a JSON body, with credentials when {@code user} is not null and extra headers. */
    public Response postManagement(String path, String body, String user, String password, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    public Response postJson(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).DELETE());
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        s3.close();
        sqs.close();
        try {
            main.stop();
        } finally {
            Application.stopLocalServers(main);
        }
    }


    /** An HTTP answer. */
    public record Response(int status, String contentType, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
