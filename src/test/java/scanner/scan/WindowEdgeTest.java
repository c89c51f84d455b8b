package scanner.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import scanner.detect.AllowList;
import scanner.detect.DetectorRegistry;
import scanner.detect.engine.DetectionEngine;

/**
 * Plants one value of each detector at every position across the two edges a window has (where
 * reporting stops, and where the bytes end) and checks it is found exactly once, at its place.
 */
class WindowEdgeTest {

    private static final DetectionEngine ENGINE = new DetectionEngine(DetectorRegistry.builtIn(), AllowList.EMPTY);
    private static final int WINDOW = 2 * (ENGINE.maxMatchLength() + 16) + 100;
    private static final int REPORT_EDGE = WINDOW - ENGINE.maxMatchLength() - 16;

    static Stream<String[]> samples() {
        return Stream.of(
                new String[] {"US_SSN", "219-09-9991"},
                new String[] {"CREDIT_CARD", "4111 1111 1111 1111"},
                new String[] {"EMAIL_ADDRESS", "jane.roe@example.org"},
                new String[] {"PHONE_NUMBER", "+44 20 7946 0958"},
                new String[] {"IBAN", "DE89 3704 0044 0532 0130 00"},
                new String[] {"AWS_ACCESS_KEY_ID", "AKIAQ2XZ7NDOEXAMPLE7"},
                new String[] {"GITHUB_TOKEN", "ghp_" + "aB3".repeat(12)},
                new String[] {"PRIVATE_KEY", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg\n-----END EC PRIVATE KEY-----"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void a_value_at_any_position_around_a_window_edge_is_found_once(String detector, String value) throws Exception {
        TextScanner scanner = new TextScanner(ENGINE, WINDOW, 100);
        List<Integer> positions = new ArrayList<>();
        for (int edge : new int[] {REPORT_EDGE, WINDOW}) {
            for (int p = edge - value.length() - 3; p <= edge + 3; p++) {
                positions.add(p);
            }
        }
        for (int position : positions) {
            String text = " ".repeat(position) + value + " ".repeat(WINDOW);

            List<Finding> findings = scanner.scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));

            assertEquals(1, findings.size(), detector + " at " + position + ": " + findings);
            assertEquals(detector, findings.get(0).detector());
            assertEquals(position, findings.get(0).offset(), detector + " offset");
        }
    }
}
