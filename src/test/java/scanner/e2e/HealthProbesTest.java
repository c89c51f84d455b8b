package scanner.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scanner.support.RunningScanner;
import scanner.support.TestDatabase;

/**
 * The database goes away: readiness (and GET /health) say DOWN naming it, liveness stays UP so
 * Kubernetes does not restart the pod; when it comes back, the pod is ready again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthProbesTest {

    private TestDatabase db;
    private RunningScanner app;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        db = TestDatabase.create();
        app = RunningScanner.start(db, dataDir, Map.of());
    }

    @AfterAll
    void stop() {
        db.allowConnections(true);
        if (app != null) {
            app.close();
        }
        db.close();
    }

    @Test
    void a_database_outage_makes_the_pod_unready_not_dead() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> app.getManagement("/observe/health/ready").status() == 200);
        JsonNode up = app.get("/health").json();
        assertEquals("UP", up.get("status").asText());
        assertEquals("UP", up.get("checks").get("database").asText());

        db.allowConnections(false);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> app.getManagement("/observe/health/ready").status() == 503);
        assertEquals(200, app.getManagement("/observe/health/live").status(), "liveness ignores dependencies");
        RunningScanner.Response health = app.get("/health");
        assertEquals(503, health.status());
        assertTrue(health.json().get("checks").get("database").asText().startsWith("DOWN"), health.body());
        assertEquals("UP", health.json().get("checks").get("s3").asText());
        assertEquals("UP", health.json().get("checks").get("sqs").asText());
        String details = app.getManagement("/observe/health/ready?data=true").body();
        assertTrue(details.contains("database"), details);

        db.allowConnections(true);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> app.getManagement("/observe/health/ready").status() == 200);
        assertEquals("UP", app.get("/health").json().get("status").asText());
    }
}
