package scanner.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scanner.support.RunningScanner;
import scanner.support.TestDatabase;

/** The application started with SCANNER_API_KEY: every call but /health needs the key. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyEndToEndTest {

    private final String key = "key-" + UUID.randomUUID();
    private TestDatabase db;
    private RunningScanner app;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        db = TestDatabase.create();
        app = RunningScanner.start(db, dataDir, Map.of("scanner.apikey", key));
    }

    @AfterAll
    void stop() {
        RunningScanner.stop(app, db);
    }

    @Test
    void calls_without_the_key_are_401_and_with_it_pass() throws Exception {
        for (String path : new String[] {"/jobs", "/jobs/" + UUID.randomUUID(), "/jobs/" + UUID.randomUUID() + "/findings"}) {
            assertEquals(401, send("GET", path, null).statusCode(), path);
            assertEquals(401, send("GET", path, "Bearer wrong-" + key).statusCode(), path);
        }
        assertEquals(401, send("POST", "/scan", null).statusCode());
        assertEquals(200, send("GET", "/jobs", "Bearer " + key).statusCode());
        assertEquals(404, send("GET", "/jobs/" + UUID.randomUUID(), "Bearer " + key).statusCode());
    }

    @Test
    void health_needs_no_key() throws Exception {
        assertEquals(200, send("GET", "/health", null).statusCode());
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString("{\"bucket\":\"abc\"}"))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
