package scanner.config;

import scanner.wiring.Infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScannerConfigTest {

    private static final Pattern ENV_DEFAULT = Pattern.compile("\\{\\{env:([A-Z0-9_]+):(.*)}}");

    @Test
    void defaults_match_the_contract() throws IOException {
        ScannerConfig config = ScannerConfig.from(fromApplicationProperties(Map.of()));

        assertEquals(ScannerConfig.Mode.LOCAL, config.mode());
        assertEquals(Set.of(ScannerConfig.Role.values()), config.roles());
        assertEquals(9000, config.localS3Port());
        assertEquals(9324, config.localSqsPort());
        assertEquals(50L * 1024 * 1024, config.maxObjectSize());
        assertEquals(Duration.ofSeconds(60), config.refreshInterval());
        assertEquals("", config.dbUrl());
        assertEquals("postgres", config.dbUser());
    }

    @Test
    void every_key_the_code_reads_is_in_application_properties() throws IOException {
        Properties file = applicationProperties();
        Set<String> read = new HashSet<>();
        ScannerConfig.from(key -> {
            read.add(key);
            return Optional.ofNullable(file.getProperty(key)).map(ScannerConfigTest::envDefault);
        });
        // Placeholders the route builders use directly.
        read.add("scanner.sqs.wait-time-seconds");

        for (String key : read) {
            assertTrue(file.containsKey(key), key + " is read by the code but missing from application.properties");
        }
    }

    @Test
    void the_contract_environment_variables_are_the_overrides() throws IOException {
        Properties file = applicationProperties();
        Map<String, String> envByKey = new HashMap<>();
        for (String key : file.stringPropertyNames()) {
            Matcher m = ENV_DEFAULT.matcher(file.getProperty(key));
            if (m.matches()) {
                envByKey.put(key, m.group(1));
            }
        }
        assertEquals("SCANNER_MODE", envByKey.get("scanner.mode"));
        assertEquals("SCANNER_HTTP_PORT", envByKey.get("camel.server.port"));
        assertEquals("SCANNER_DB_URL", envByKey.get("scanner.db.url"));
        assertEquals("SCANNER_DB_USER", envByKey.get("scanner.db.user"));
        assertEquals("SCANNER_DB_PASSWORD", envByKey.get("scanner.db.password"));
        assertEquals("SCANNER_LOCAL_S3_PORT", envByKey.get("scanner.local.s3-port"));
        assertEquals("SCANNER_LOCAL_SQS_PORT", envByKey.get("scanner.local.sqs-port"));
        assertEquals("SCANNER_LOCAL_DATA_DIR", envByKey.get("scanner.local.data-dir"));
        assertEquals("SCANNER_REFRESH_INTERVAL", envByKey.get("scanner.refresh.interval"));
        assertEquals("SCANNER_MANAGEMENT_PORT", envByKey.get("camel.management.port"));
        assertEquals("SCANNER_MAX_OBJECT_SIZE", envByKey.get("scanner.scan.max-object-size"));
        assertEquals("SCANNER_ROLES", envByKey.get("scanner.roles"));
        assertEquals("SCANNER_API_KEY", envByKey.get("scanner.apikey"));
    }

    @Test
    void roles_select_route_groups() throws IOException {
        ScannerConfig config = ScannerConfig.from(fromApplicationProperties(Map.of("scanner.roles", "api, scanner")));

        assertEquals(Set.of(ScannerConfig.Role.API, ScannerConfig.Role.SCANNER), config.roles());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            scanner.mode                  | cloud   | scanner.mode
            scanner.roles                 | api,web | scanner.roles
            scanner.roles                 | ' , '   | scanner.roles
            scanner.local.s3-port         | 70000   | scanner.local.s3-port
            scanner.scan.max-object-size  | lots    | scanner.scan.max-object-size
            scanner.scan.max-object-size  | -5MB    | scanner.scan.max-object-size
            scanner.refresh.interval      | 60      | scanner.refresh.interval
            scanner.scan.concurrency      | 0       | scanner.scan.concurrency
            scanner.listing.page-size     | 5000    | scanner.listing.page-size
            """)
    void a_bad_value_is_refused_naming_its_key(String key, String value, String named) throws IOException {
        var e = assertThrows(ConfigurationException.class,
                () -> ScannerConfig.from(fromApplicationProperties(Map.of(key, value))));

        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void aws_mode_needs_a_database_url() {
        var e = assertThrows(ConfigurationException.class,
                () -> ScannerConfig.from(fromApplicationProperties(Map.of("scanner.mode", "aws"))));

        assertTrue(e.getMessage().contains("SCANNER_DB_URL"));
    }

    /** Nobody in by default: outside local mode the API needs a key, or an explicit SCANNER_API_AUTH=none. */
    @Test
    void outside_local_mode_the_api_does_not_start_without_a_key() throws IOException {
        Map<String, String> aws = Map.of("scanner.mode", "aws", "scanner.db.url", "jdbc:postgresql://db/scanner");
        var e = assertThrows(ConfigurationException.class,
                () -> Infrastructure.apiKeys(ScannerConfig.from(fromApplicationProperties(aws))));
        assertTrue(e.getMessage().contains("SCANNER_API_KEY"), e.getMessage());

        Map<String, String> keyed = new java.util.HashMap<>(aws);
        keyed.put("scanner.apikey", "a-key-of-thirty-two-characters-0");
        assertTrue(!Infrastructure.apiKeys(ScannerConfig.from(fromApplicationProperties(keyed))).isOpen());
        Map<String, String> open = new java.util.HashMap<>(aws);
        open.put("scanner.api.auth", "none");
        assertTrue(Infrastructure.apiKeys(ScannerConfig.from(fromApplicationProperties(open))).isOpen());
        Map<String, String> workers = new java.util.HashMap<>(aws);
        workers.put("scanner.roles", "lister,scanner");
        assertTrue(Infrastructure.apiKeys(ScannerConfig.from(fromApplicationProperties(workers))).isOpen(), "no API, no key needed");
        assertTrue(Infrastructure.apiKeys(ScannerConfig.from(fromApplicationProperties(Map.of()))).isOpen(), "local mode");
        assertThrows(ConfigurationException.class,
                () -> ScannerConfig.from(fromApplicationProperties(Map.of("scanner.api.auth", "off"))));
    }

    @ParameterizedTest
    @CsvSource({"50MB, 52428800", "512KB, 524288", "1GB, 1073741824", "1048576, 1048576", "10 mb, 10485760", "7B, 7"})
    void sizes_parse_in_binary_units(String text, long bytes) {
        assertEquals(bytes, ScannerConfig.parseSize(text));
    }

    @ParameterizedTest
    @CsvSource({"60s, 60000", "500ms, 500", "5m, 300000", "1h, 3600000"})
    void durations_parse_with_units(String text, long millis) {
        assertEquals(millis, ScannerConfig.parseDuration(text).toMillis());
    }

    /** The file's values with each {{env:NAME:default}} resolved to its default, overridden by {@code overrides}. */
    private static java.util.function.Function<String, Optional<String>> fromApplicationProperties(
            Map<String, String> overrides) throws IOException {
        Properties file = applicationProperties();
        return key -> overrides.containsKey(key)
                ? Optional.of(overrides.get(key))
                : Optional.ofNullable(file.getProperty(key)).map(ScannerConfigTest::envDefault);
    }

    private static String envDefault(String value) {
        Matcher m = ENV_DEFAULT.matcher(value);
        return m.matches() ? m.group(2) : value;
    }

    private static Properties applicationProperties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = ScannerConfigTest.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        return p;
    }
}
