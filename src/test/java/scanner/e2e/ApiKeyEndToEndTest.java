package scanner.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scanner.support.RunningScanner;
import scanner.support.TestDatabase;

/**
 * The application started with API keys: two admin keys (one being rotated out), a read key, and
 * a key file. Every call but /health needs a key; a read key only reads; no key in a query string.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyEndToEndTest {

    private final String key = "key-" + UUID.randomUUID();
    private final String oldKey = "old-" + UUID.randomUUID();
    private final String readKey = "read-" + UUID.randomUUID();
    private final String fileAdminKey = "file-admin-" + UUID.randomUUID();
    private final String fileReadKey = "file-read-" + UUID.randomUUID();
    private TestDatabase db;
    private RunningScanner app;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        db = TestDatabase.create();
        Path keys = java.nio.file.Files.writeString(dataDir.resolve("api-keys"),
                "# mounted from a Secret\nadmin " + fileAdminKey + "\nread  " + fileReadKey + "\n");
        app = RunningScanner.start(db, dataDir.resolve("data"), Map.of("scanner.apikey", key + "," + oldKey,
                "scanner.api.read-keys", readKey, "scanner.api.keys-file", keys.toString()));
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
    void every_configured_key_opens_the_api_while_keys_are_rotated() throws Exception {
        for (String k : new String[] {key, oldKey, readKey, fileAdminKey, fileReadKey}) {
            assertEquals(200, send("GET", "/jobs", "Bearer " + k).statusCode(), k);
        }
    }

    @Test
    void a_read_key_reads_but_cannot_start_abort_redrive_or_delete() throws Exception {
        for (String k : new String[] {readKey, fileReadKey}) {
            HttpResponse<String> scan = send("POST", "/scan", "Bearer " + k);
            assertEquals(403, scan.statusCode(), scan.body());
            assertTrue(scan.body().contains("\"error\":\"forbidden\""), scan.body());
            assertEquals(403, send("POST", "/jobs/" + UUID.randomUUID() + "/abort", "Bearer " + k).statusCode());
            assertEquals(403, send("POST", "/dead-letters/redrive", "Bearer " + k).statusCode());
            assertEquals(403, send("DELETE", "/schedules/" + UUID.randomUUID(), "Bearer " + k).statusCode());
            assertEquals(200, send("GET", "/schedules", "Bearer " + k).statusCode());
        }
        // an admin key gets past the check (the bucket does not exist: 404, not 401 or 403)
        assertEquals(404, send("POST", "/scan", "Bearer " + fileAdminKey).statusCode());
    }

    @Test
    void a_key_in_the_query_string_is_not_accepted() throws Exception {
        assertEquals(401, send("GET", "/jobs?api_key=" + key, null).statusCode());
        assertEquals(401, send("GET", "/jobs?access_token=" + key, null).statusCode());
    }

    @Test
    void answers_are_never_cached_nor_sniffed() throws Exception {
        for (HttpResponse<String> answer : List.of(send("GET", "/jobs", "Bearer " + key), send("GET", "/jobs", null),
                send("GET", "/no/such/path", "Bearer " + key), send("GET", "/health", null))) {
            assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(null), answer.uri().toString());
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(null), answer.uri().toString());
        }
    }

    /** Local mode is a workstation's: the API and management ports answer on loopback only. */
    @Test
    void local_mode_listens_on_loopback_only() throws Exception {
        java.net.InetAddress outside = null;
        for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                if (nic.isUp() && !address.isLoopbackAddress() && address instanceof java.net.Inet4Address) {
                    outside = address;
                }
            }
        }
        int port = URI.create(app.baseUrl()).getPort();
        try (java.net.Socket inside = new java.net.Socket("127.0.0.1", port)) {
            assertTrue(inside.isConnected());
        }
        if (outside != null) { // a machine with no other interface has nothing else to listen on
            java.net.InetAddress address = outside;
            for (int p : new int[] {port, app.managementPort()}) {
                assertThrows(java.net.ConnectException.class, () -> new java.net.Socket(address, p).close(),
                        "port " + p + " answers on " + address);
            }
        }
        assertEquals(Map.of("camel.server.host", "127.0.0.1", "camel.management.host", "127.0.0.1"),
                scanner.Application.loopbackInLocalMode(Map.of(), Map.of()));
        assertEquals(Map.of(), scanner.Application.loopbackInLocalMode(Map.of("scanner.mode", "aws"), Map.of()));
        assertEquals(Map.of("camel.management.host", "127.0.0.1"),
                scanner.Application.loopbackInLocalMode(Map.of(), Map.of("SCANNER_HTTP_HOST", "0.0.0.0")));
    }

    private static final String SCAN_ROUTE = "org.apache.camel:context=s3-scanner,type=routes,name=\\\"sqs-scan-batch\\\"";

    /** Without management credentials (the default) Jolokia reads, and nothing else. */
    @Test
    void an_unauthenticated_caller_cannot_stop_or_suspend_a_route() {
        String read = "{\"type\":\"read\",\"mbean\":\"" + SCAN_ROUTE + "\",\"attribute\":\"State\"}";
        RunningScanner.Response state = app.postManagement("/observe/jolokia", read, null, null);
        assertEquals(200, state.status(), state.body());
        assertTrue(state.body().contains("\"value\":\"Started\""), state.body());

        for (String operation : new String[] {"stop()", "suspend()"}) {
            String exec = "{\"type\":\"exec\",\"mbean\":\"" + SCAN_ROUTE + "\",\"operation\":\"" + operation + "\"}";
            RunningScanner.Response refused = app.postManagement("/observe/jolokia", exec, null, null);
            assertEquals(403, refused.status(), refused.body());
            // a bulk request hiding the operation behind a read
            assertEquals(403, app.postManagement("/observe/jolokia", "[" + read + "," + exec + "]", null, null).status());
        }
        RunningScanner.Response overGet = app.getManagement(
                "/observe/jolokia/exec/org.apache.camel:context=s3-scanner,type=routes,name=%22sqs-scan-batch%22/stop()");
        assertEquals(405, overGet.status(), overGet.body());
        // A page of another site, in an operator's browser, cannot even read.
        assertEquals(403, app.postManagement("/observe/jolokia", read, null, null, "Origin", "https://evil.example").status());

        assertTrue(app.postManagement("/observe/jolokia", read, null, null).body().contains("\"value\":\"Started\""),
                "the route still runs");
        assertEquals(200, app.getManagement("/observe/jolokia/version").status());
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
