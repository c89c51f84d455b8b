package scanner.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    private static final Map<String, String> PROPERTIES = Map.of(
            "camel.server.host", "0.0.0.0", "camel.server.port", "18080",
            "camel.management.host", "127.0.0.1", "camel.management.port", "18081",
            "scanner.local.s3-port", "19000", "scanner.local.sqs-port", "19324",
            "scanner.db.password", "hunter2");

    @Test
    void a_taken_port_is_named_with_the_variable_that_moves_it() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            List<PortCheck.Listener> listeners = List.of(
                    new PortCheck.Listener("REST API", "SCANNER_HTTP_PORT", "127.0.0.1", taken.getLocalPort(), "", ""));

            PortCheck.PortInUseException e = assertThrows(PortCheck.PortInUseException.class,
                    () -> PortCheck.requireFree(listeners));

            assertTrue(e.getMessage().contains("Port " + taken.getLocalPort() + " (REST API) is already in use"), e.getMessage());
            assertTrue(e.getMessage().contains("SCANNER_HTTP_PORT"), e.getMessage());
            assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        }
    }

    @Test
    void free_ports_pass() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<PortCheck.Listener> listeners = List.of(new PortCheck.Listener("S3 endpoint", "SCANNER_LOCAL_S3_PORT",
                "127.0.0.1", port, "", ""));
        assertDoesNotThrow(() -> PortCheck.requireFree(listeners));
    }

    @Test
    void local_mode_listens_on_four_ports_and_aws_mode_on_two() {
        ScannerConfig local = ScannerConfig.from(key -> Optional.ofNullable(PROPERTIES.get(key)));
        assertEquals(List.of(18080, 18081, 19000, 19324),
                PortCheck.listeners(local, key -> Optional.ofNullable(PROPERTIES.get(key))).stream()
                        .map(PortCheck.Listener::port).toList());

        Map<String, String> aws = new java.util.HashMap<>(PROPERTIES);
        aws.put("scanner.mode", "aws");
        aws.put("scanner.db.url", "jdbc:postgresql://db/scanner");
        ScannerConfig awsConfig = ScannerConfig.from(key -> Optional.ofNullable(aws.get(key)));
        assertEquals(List.of("SCANNER_HTTP_PORT", "SCANNER_MANAGEMENT_PORT"),
                PortCheck.listeners(awsConfig, key -> Optional.ofNullable(aws.get(key))).stream()
                        .map(PortCheck.Listener::envVar).toList());
    }

    @Test
    void the_banner_says_where_everything_is_without_credentials() {
        ScannerConfig config = ScannerConfig.from(key -> Optional.ofNullable(PROPERTIES.get(key)));
        List<PortCheck.Listener> listeners = PortCheck.listeners(config, key -> Optional.ofNullable(PROPERTIES.get(key)));

        String banner = StartupBanner.text(config, listeners, Path.of("/srv/scanner data"),
                "jdbc:postgresql://localhost:5555/postgres?user=postgres&password=hunter2", true);

        assertTrue(banner.contains("REST API        http://localhost:18080"), banner);
        assertTrue(banner.contains("http://127.0.0.1:18081/observe/health"), banner);
        assertTrue(banner.contains("S3 endpoint     http://127.0.0.1:19000"), banner);
        assertTrue(banner.contains("SQS endpoint    http://127.0.0.1:19324"), banner);
        assertTrue(banner.contains("Data directory  /srv/scanner data"), banner);
        assertTrue(banner.contains("embedded PostgreSQL, jdbc:postgresql://localhost:5555/postgres"), banner);
        assertFalse(banner.contains("hunter2"), banner);
        assertTrue(banner.lines().count() <= 10, "a few lines: " + banner);
    }
}
