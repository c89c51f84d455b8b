package scanner.local;

import scanner.support.FreePorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import scanner.aws.AwsClients;
import scanner.config.ConfigurationException;
import scanner.config.ScannerConfig;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Local mode's S3 works whatever data directory a user gives: relative with {@code ./} (the
 * default), with {@code ..}, through a symbolic link, with spaces. Each case creates a bucket,
 * puts, lists and gets an object through the embedded S3 with the AWS SDK, and finds the object
 * on disk under the directory the user named.
 */
class LocalDataDirectoryTest {

    /** Relative cases live under target/, relative to the test's working directory (the project). */
    private static final String RUN = "target/data-dir-test-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    static Path temp;

    static Stream<String> dataDirectories() throws IOException {
        Path real = Files.createDirectories(temp.resolve("real"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);
        return Stream.of(
                "./" + RUN + "/dot",                       // the default's shape: ./data
                RUN + "/plain",
                RUN + "/missing/../dotdot",                // .. over a directory that does not exist yet
                "./" + RUN + "/a/./b/../c",
                link.toString(),                           // a symlinked directory
                link.resolve("below").toString(),          // a directory below a symlink
                temp.resolve("with space/data dir").toString(),
                temp.resolve("unicode-données").toString());
    }

    @ParameterizedTest
    @MethodSource("dataDirectories")
    void the_embedded_s3_serves_buckets_in_the_data_directory(String dataDir) throws Exception {
        ScannerConfig config = config(dataDir, Map.of("scanner.db.url", "jdbc:postgresql://unused/unused"));
        try (LocalServers servers = new LocalServers(config).startAll();
             S3Client s3 = AwsClients.s3("us-east-1", servers.s3Endpoint(), true)) {
            s3.createBucket(b -> b.bucket("demo"));
            s3.putObject(b -> b.bucket("demo").key("docs/people.csv"),
                    RequestBody.fromString("name,ssn\nalice,219-09-9991\n"));

            List<String> keys = s3.listObjectsV2(b -> b.bucket("demo").prefix("docs/")).contents().stream()
                    .map(S3Object::key).toList();
            String body = s3.getObjectAsBytes(b -> b.bucket("demo").key("docs/people.csv")).asUtf8String();

            assertEquals(List.of("docs/people.csv"), keys);
            assertEquals("name,ssn\nalice,219-09-9991\n", body);
            Path onDisk = Path.of(dataDir).resolve("s3/demo/docs/people.csv");
            assertTrue(Files.exists(onDisk), "the object is stored under the given directory: " + onDisk);
            assertEquals(Path.of(dataDir).resolve("s3").toRealPath(), servers.dataDir().resolve("s3"));
        }
    }

    @Test
    void the_embedded_postgres_runs_in_a_data_directory_with_spaces_and_dots() throws Exception {
        String dataDir = temp.resolve("pg data/x/..").resolve("./db dir").toString();
        ScannerConfig config = config(dataDir, Map.of());
        try (LocalServers servers = new LocalServers(config).startAll();
             Connection c = DriverManager.getConnection(servers.jdbcUrl(), "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("SHOW data_directory")) {
            rs.next();
            assertEquals(temp.resolve("pg data/db dir/postgres").toRealPath().toString(), rs.getString(1));
        }
    }

    @Test
    void a_data_directory_that_is_a_file_is_refused_with_the_setting_named() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-dir"), "x", StandardCharsets.UTF_8);
        ScannerConfig config = config(file.toString(), Map.of("scanner.db.url", "jdbc:postgresql://unused/unused"));

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new LocalServers(config).startAll());

        assertTrue(e.getMessage().contains("SCANNER_LOCAL_DATA_DIR"), e.getMessage());
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }

    private static ScannerConfig config(String dataDir, Map<String, String> extra) throws IOException {
        Map<String, String> properties = new HashMap<>(extra);
        properties.put("scanner.local.data-dir", dataDir);
        properties.put("scanner.local.s3-port", Integer.toString(FreePorts.next()));
        properties.put("scanner.local.sqs-port", Integer.toString(FreePorts.next()));
        return ScannerConfig.from(key -> Optional.ofNullable(properties.get(key)));
    }

}
