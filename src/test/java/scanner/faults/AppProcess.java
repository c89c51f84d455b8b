package scanner.faults;

import scanner.support.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application as a separate process (the same classes the jar holds, started with
 * {@code java scanner.Application}), configured by environment alone, so that it can be killed
 * with SIGKILL or stopped with SIGTERM exactly as an operator's or Kubernetes' signal would.
 */
final class AppProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> env;
    private final Path log;
    private final int httpPort;
    private Process process;
    private int starts;

    /** Free ports for API, management, S3 and SQS; {@code extra} overrides or adds variables. */
    AppProcess(Path dataDir, String dbUrl, Map<String, String> extra) throws IOException {
        env = new HashMap<>();
        httpPort = FreePorts.next();
        env.put("SCANNER_HTTP_PORT", Integer.toString(httpPort));
        env.put("SCANNER_HTTP_HOST", "127.0.0.1");
        env.put("SCANNER_MANAGEMENT_PORT", Integer.toString(FreePorts.next()));
        env.put("SCANNER_MANAGEMENT_HOST", "127.0.0.1");
        env.put("SCANNER_LOCAL_S3_PORT", Integer.toString(FreePorts.next()));
        env.put("SCANNER_LOCAL_SQS_PORT", Integer.toString(FreePorts.next()));
        env.put("SCANNER_LOCAL_DATA_DIR", dataDir.toString());
        env.put("SCANNER_DB_URL", dbUrl);
        env.put("SCANNER_SQS_WAIT_TIME_SECONDS", "1");
        env.put("SCANNER_LISTING_POLL_INTERVAL", "200ms");
        env.put("SCANNER_REFRESH_INTERVAL", "5s");
        env.putAll(extra);
        Files.createDirectories(dataDir);
        // Kept after the run (CI shows them when a fault test fails).
        Path logs = Files.createDirectories(Path.of("target", "fault-logs"));
        log = logs.resolve(dataDir.getFileName() + "-" + System.currentTimeMillis() + ".log");
    }

    int s3Port() {
        return Integer.parseInt(env.get("SCANNER_LOCAL_S3_PORT"));
    }

    int sqsPort() {
        return Integer.parseInt(env.get("SCANNER_LOCAL_SQS_PORT"));
    }

    /** Starts the process and waits until its API answers. */
    AppProcess start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "scanner.Application");
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        starts++;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue() + "; log: " + tail());
            }
            try {
                if (get("/health").statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("the application did not answer within 90 s; log: " + tail());
    }

    /** SIGKILL: nothing runs after it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Kubernetes sends it, then waits for the process to end on its own. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the application did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    String metrics() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env.get("SCANNER_MANAGEMENT_PORT")
                + "/observe/metrics")).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        return JSON.readTree(get(path).body());
    }

    JsonNode postJson(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    String tail() {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }


}
