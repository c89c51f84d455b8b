package scanner.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static scanner.formats.Samples.EMAIL;
import static scanner.formats.Samples.SSN;
import static scanner.formats.Samples.entries;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scanner.formats.Samples;
import scanner.support.RunningScanner;
import scanner.support.TestDatabase;
import software.amazon.awssdk.core.sync.RequestBody;

/** A bucket holding every format the scanner reads (and some it refuses), scanned through the API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormatsEndToEndTest {

    private static final String BUCKET = "formats";
    private TestDatabase db;
    private RunningScanner app;
    /** key → what the scan must find there: "DETECTOR@location". */
    private final Map<String, String> expected = new HashMap<>();

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        db = TestDatabase.create();
        app = RunningScanner.start(db, dataDir, Map.of("scanner.scan.max-findings-per-object", "5"));
        app.s3.createBucket(b -> b.bucket(BUCKET));
        String ssnLine = "ssn " + SSN + "\n";
        put("text/customers.csv", ("id,name,ssn\n1,Jane," + SSN + "\n").getBytes(), "US_SSN@text/customers.csv");
        put("text/config.json", ("{\"contact\": \"" + EMAIL + "\"}").getBytes(), "EMAIL_ADDRESS@text/config.json");
        put("text/data.xml", ("<person><ssn>" + SSN + "</ssn></person>").getBytes(), "US_SSN@text/data.xml");
        put("text/app.yaml", ("owner:\n  email: " + EMAIL + "\n").getBytes(), "EMAIL_ADDRESS@text/app.yaml");
        put("text/app.log", ("2026-12-01 INFO user " + EMAIL + " logged in\n").getBytes(), "EMAIL_ADDRESS@text/app.log");
        put("text/Main.java", ("class Main { String key = \"" + Samples.AWS_KEY_ID + "\"; }").getBytes(),
                "AWS_ACCESS_KEY_ID@text/Main.java");
        put("text/old.log.gz", Samples.gzip(ssnLine.getBytes()), "US_SSN@text/old.log.gz");
        put("archives/exports.zip", Samples.zip(entries("2024/customers.csv", ssnLine,
                        "2024/nested.zip", Samples.zip(entries("deep/contacts.txt", EMAIL)))),
                "US_SSN@archives/exports.zip!/2024/customers.csv",
                "EMAIL_ADDRESS@archives/exports.zip!/2024/nested.zip!/deep/contacts.txt");
        put("archives/backup.tar.gz", Samples.gzip(Samples.tar(entries("home/notes.txt", ssnLine))),
                "US_SSN@archives/backup.tar.gz!/home/notes.txt");
        put("docs/letter.docx", Samples.docx("Dear Jane,", "your SSN is " + SSN), "US_SSN@docs/letter.docx");
        put("docs/sheet.xlsx", Samples.xlsx(new String[][] {{"email"}, {EMAIL}}), "EMAIL_ADDRESS@docs/sheet.xlsx!Customers");
        put("docs/deck.pptx", Samples.pptx("Call HR, SSN " + SSN), "US_SSN@docs/deck.pptx!slide 1");
        put("docs/memo.odt", Samples.odt("Mail " + EMAIL), "EMAIL_ADDRESS@docs/memo.odt");
        put("docs/report.pdf", Samples.pdf("SSN " + SSN, null), "US_SSN@docs/report.pdf");
        put("refused/locked.zip", Samples.zip(entries("a.csv", ssnLine), true));
        put("refused/locked.pdf", Samples.pdf("SSN " + SSN, "pw"));
        put("refused/photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        put("many/ssns.txt", ssnLine.repeat(8).getBytes(StandardCharsets.UTF_8),
                "US_SSN@many/ssns.txt", "US_SSN@many/ssns.txt", "US_SSN@many/ssns.txt", "US_SSN@many/ssns.txt",
                "US_SSN@many/ssns.txt");
    }

    private void put(String key, byte[] content, String... findings) {
        app.s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
        if (findings.length > 0) {
            expected.put(key, String.join(",", findings));
        }
    }

    @AfterAll
    void stop() {
        RunningScanner.stop(app, db);
    }

    /** What the application logs (log4j2, in this JVM) while it is open. */
    static final class LogCapture implements AutoCloseable {
        private final org.apache.logging.log4j.core.LoggerContext context =
                (org.apache.logging.log4j.core.LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
        private final java.io.StringWriter out = new java.io.StringWriter();
        private final org.apache.logging.log4j.core.appender.WriterAppender appender;

        LogCapture() {
            appender = org.apache.logging.log4j.core.appender.WriterAppender.newBuilder().setName("capture").setTarget(out)
                    .setLayout(org.apache.logging.log4j.core.layout.PatternLayout.createDefaultLayout()).build();
            appender.start();
            context.getConfiguration().getRootLogger().addAppender(appender, null, null);
            context.updateLoggers();
        }

        synchronized String text() {
            return out.toString();
        }

        @Override
        public void close() {
            context.getConfiguration().getRootLogger().removeAppender("capture");
            context.updateLoggers();
            appender.stop();
        }
    }

    @Test
    void every_format_is_scanned_and_each_finding_names_its_location() {
        String jobId;
        JsonNode done;
        String log;
        try (LogCapture capture = new LogCapture()) {
            jobId = app.postJson("/scan", "{\"bucket\":\"" + BUCKET + "\"}").json().get("job_id").asText();
            done = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> app.get("/jobs/" + jobId + "?real_time=true").json(),
                            s -> s.get("status").asText().equals("completed"));
            // the completion line is written just after the commit the status already shows
            log = await().atMost(Duration.ofSeconds(10)).until(capture::text, t -> t.contains("Job " + jobId + " completed"));
        }

        // One line per state change and per failed object, with the job id; no raw value anywhere.
        assertTrue(log.contains("Scan " + jobId + " of s3://" + BUCKET + "/ accepted"), log);
        assertTrue(log.contains("Job " + jobId + ": object refused/photo.png failed: unsupported format: image"), log);
        assertTrue(log.contains("Job " + jobId + " completed: 18 objects scanned, 3 failed"), log);
        for (String raw : new String[] {SSN, EMAIL, Samples.AWS_KEY_ID}) {
            assertTrue(!log.contains(raw), "a raw value reached the log: " + raw);
        }

        assertEquals(18, done.get("total").asLong());
        assertEquals(3, done.get("failed").asLong());
        Map<String, java.util.List<String>> found = new HashMap<>();
        for (JsonNode f : app.get("/jobs/" + jobId + "/findings?limit=1000").json().get("findings")) {
            found.computeIfAbsent(f.get("key").asText(), k -> new java.util.ArrayList<>())
                    .add(f.get("detector").asText() + "@" + f.get("location").asText());
            assertTrue(f.get("line").asInt() >= 1);
        }
        Map<String, java.util.List<String>> wanted = new HashMap<>();
        expected.forEach((key, list) -> wanted.put(key, java.util.List.of(list.split(","))));
        found.values().forEach(l -> l.sort(null));
        wanted.replaceAll((k, l) -> l.stream().sorted().toList());
        assertEquals(wanted, found);

        Map<String, String> reasons = new HashMap<>();
        for (JsonNode o : app.get("/jobs/" + jobId + "/objects?status=failed").json().get("objects")) {
            reasons.put(o.get("key").asText(), o.get("error").asText());
        }
        assertEquals(Set.of("refused/locked.zip", "refused/locked.pdf", "refused/photo.png"), new HashSet<>(reasons.keySet()));
        assertTrue(reasons.get("refused/locked.zip").startsWith("encrypted: "), reasons.toString());
        assertTrue(reasons.get("refused/locked.pdf").startsWith("encrypted: "), reasons.toString());
        assertEquals("unsupported format: image", reasons.get("refused/photo.png"));

        JsonNode many = null;
        for (JsonNode o : app.get("/jobs/" + jobId + "/objects?status=succeeded&limit=1000").json().get("objects")) {
            if (o.get("key").asText().equals("many/ssns.txt")) {
                many = o;
            } else {
                assertEquals(false, o.get("findings_truncated").asBoolean(), o.toString());
            }
        }
        assertEquals(5, many.get("findings").asInt());
        assertEquals(true, many.get("findings_truncated").asBoolean());
        assertEquals(3, many.get("findings_dropped").asLong());
    }

    @Test
    void the_openapi_document_describes_locations_and_truncation() {
        String doc = app.get("/openapi.json").body();
        assertTrue(doc.contains("location") && doc.contains("exports.zip!/2024/customers.csv"), "location");
        assertTrue(doc.contains("findings_truncated") && doc.contains("findings_dropped"), "truncation");
    }
}
