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
    private static final int CONTEXT = Math.max(16, ENGINE.maxLookBehind());
    private static final int WINDOW = 2 * (ENGINE.maxMatchLength() + CONTEXT) + 100;
    private static final int REPORT_EDGE = WINDOW - ENGINE.maxMatchLength() - CONTEXT;
    private static final String BODY = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgVcB/UNPxalR9zDYAjQIf"
            + "jojUDiQuGnSJrFEEzZPT/92hRANCAASc7UJtgnF/abqWM60T3XNJEzBv5ez9TdwK";

    /** Each built-in detector's sample: the text before the value (its evidence), and the value. */
    static final java.util.Map<String, String[]> SAMPLES = java.util.Map.ofEntries(
            java.util.Map.entry("US_SSN", new String[] {"", "219-09-9991"}),
            java.util.Map.entry("CREDIT_CARD", new String[] {"", "4111 1111 1111 1111"}),
            java.util.Map.entry("EMAIL_ADDRESS", new String[] {"", "jane.roe@example.org"}),
            java.util.Map.entry("PHONE_NUMBER", new String[] {"", "+44 20 7946 0958"}),
            // blank-grouped: its evidence is the phone word 20 bytes before it
            java.util.Map.entry("PHONE_NUMBER (word before)", new String[] {"Tel.                ", "202 456 1111"}),
            java.util.Map.entry("IBAN", new String[] {"", "DE89 3704 0044 0532 0130 00"}),
            java.util.Map.entry("AWS_ACCESS_KEY_ID", new String[] {"", "AKIAQ2XZ7NDOEXAMPLE7"}),
            // the context word 49 bytes before the key (the key must end within 100 bytes of it)
            java.util.Map.entry("AWS_SECRET_ACCESS_KEY", new String[] {"aws_secret_access_key" + " ".repeat(36) + "= ",
                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE12"}),
            java.util.Map.entry("GITHUB_TOKEN", new String[] {"", "ghp_" + "aB3".repeat(12)}),
            java.util.Map.entry("JWT", new String[] {"", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyNDIiLCJpYXQiOjE3MDAwMDAwMDB9."
                    + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"}),
            java.util.Map.entry("SLACK_TOKEN", new String[] {"", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"}),
            java.util.Map.entry("STRIPE_KEY", new String[] {"", "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"}),
            java.util.Map.entry("GOOGLE_API_KEY", new String[] {"", "AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"}),
            java.util.Map.entry("PRIVATE_KEY", new String[] {"", "-----BEGIN EC PRIVATE KEY-----\n" + BODY
                    + "\n-----END EC PRIVATE KEY-----"}));

    @org.junit.jupiter.api.Test
    void every_built_in_detector_has_a_sample() {
        java.util.Set<String> sampled = new java.util.HashSet<>();
        SAMPLES.keySet().forEach(k -> sampled.add(k.split(" ")[0]));
        java.util.Set<String> ids = new java.util.HashSet<>();
        DetectorRegistry.builtIn().forEach(d -> ids.add(d.id()));
        assertEquals(ids, sampled);
    }

    static Stream<String> samples() {
        return SAMPLES.keySet().stream().sorted();
    }

    /** The value at every position across both edges; its evidence lies before it, across the edge too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void a_value_at_any_position_around_a_window_edge_is_found_once(String sample) throws Exception {
        String detector = sample.split(" ")[0];
        String before = SAMPLES.get(sample)[0];
        String value = SAMPLES.get(sample)[1];
        TextScanner scanner = new TextScanner(ENGINE, WINDOW, 100);
        List<Integer> positions = new ArrayList<>();
        for (int edge : new int[] {REPORT_EDGE, WINDOW}) {
            // up to CONTEXT past the edge: where the edge would fall if less context were kept
            for (int p = Math.max(before.length(), edge - value.length() - 3); p <= edge + CONTEXT + 3; p++) {
                positions.add(p);
            }
        }
        for (int position : positions) {
            String text = " ".repeat(position - before.length()) + before + value + " ".repeat(WINDOW);

            List<Finding> findings = scanner.scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));

            assertEquals(1, findings.size(), detector + " at " + position + ": " + findings);
            assertEquals(detector, findings.get(0).detector());
            assertEquals(position, findings.get(0).offset(), detector + " offset");
        }
    }
}
