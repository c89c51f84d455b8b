package scanner.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scanner.support.RunningScanner;
import scanner.support.TestDatabase;

/** With management authentication on, Jolokia needs a password; probes and Prometheus do not. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementAuthTest {

    private TestDatabase db;
    private RunningScanner app;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"), "user.hawtio = s3cret,admin\nrole.admin = *\n");
        db = TestDatabase.create();
        app = RunningScanner.start(db, dir.resolve("data"), Map.of(
                "camel.management.authentication-enabled", "true",
                "camel.management.basic-properties-file", users.toString()));
    }

    @AfterAll
    void stop() {
        RunningScanner.stop(app, db);
    }

    @Test
    void jolokia_needs_the_password_and_probes_and_metrics_do_not() {
        assertEquals(401, app.getManagement("/observe/jolokia/version").status());
        assertEquals(401, app.getManagement("/observe/jolokia/version", "hawtio", "wrong").status());
        assertEquals(200, app.getManagement("/observe/jolokia/version", "hawtio", "s3cret").status());
        assertEquals(200, app.getManagement("/observe/metrics").status());
        assertEquals(200, app.getManagement("/observe/health/live").status());
    }

    /** With the management credentials, an operator's route operations work, by POST only. */
    @Test
    void route_operations_need_the_credentials_and_post() {
        String route = "org.apache.camel:context=s3-scanner,type=routes,name=\\\"scan-api-health\\\"";
        String dump = "{\"type\":\"exec\",\"mbean\":\"" + route + "\",\"operation\":\"dumpRouteStatsAsXml(boolean,boolean)\","
                + "\"arguments\":[false,false]}";
        assertEquals(401, app.postManagement("/observe/jolokia", dump, null, null).status());
        RunningScanner.Response done = app.postManagement("/observe/jolokia", dump, "hawtio", "s3cret");
        assertEquals(200, done.status(), done.body());
        assertTrue(done.body().contains("\"status\":200"), done.body());
        assertEquals(405, app.getManagement("/observe/jolokia/exec/org.apache.camel:context=s3-scanner,type=routes,"
                + "name=%22scan-api-health%22/dumpRouteStatsAsXml(boolean,boolean)/false/false", "hawtio", "s3cret").status());
    }

    /** Even with credentials, Jolokia's policy (jolokia-access.xml) allows route operations and nothing else. */
    @Test
    void the_policy_allows_route_operations_and_refuses_everything_else() {
        String heartbeat = "org.apache.camel:context=s3-scanner,type=routes,name=\\\"scanner-heartbeat\\\"";
        for (String operation : List.of("suspend()", "resume()")) {
            RunningScanner.Response done = exec(heartbeat, operation);
            assertTrue(done.body().contains("\"status\":200"), done.body());
        }
        for (String[] refused : List.of(
                new String[] {"com.sun.management:type=DiagnosticCommand", "vmVersion()"},
                new String[] {"com.sun.management:type=HotSpotDiagnostic", "dumpHeap(java.lang.String,boolean)"},
                new String[] {"org.apache.camel:context=s3-scanner,type=context,name=\\\"s3-scanner\\\"", "stop()"})) {
            RunningScanner.Response answer = exec(refused[0], refused[1]);
            assertTrue(answer.body().contains("\"status\":403"), answer.body());
            assertTrue(!answer.body().contains("JDK"), "no VM details leak: " + answer.body());
        }
    }

    private RunningScanner.Response exec(String mbean, String operation) {
        String arguments = operation.startsWith("dumpHeap") ? ",\"arguments\":[\"/tmp/h.hprof\",true]" : "";
        return app.postManagement("/observe/jolokia", "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\""
                + operation + "\"" + arguments + "}", "hawtio", "s3cret");
    }
}
