package scanner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scanner.config.ConfigurationException;
import scanner.detect.engine.DetectionEngine;

class DetectorSettingsTest {

    @Test
    void a_custom_detector_with_keywords_is_found_and_masked() {
        DetectionEngine engine = DetectorSettings.engine(
                "[{\"id\": \"ACME_TOKEN\", \"pattern\": \"acme_[a-z0-9]{32}\", \"keywords\": [\"acme_\"]}]", "[]");
        String token = "acme_" + Samples.random("abcdefghij0123456789", 32);

        List<DetectionEngine.Found> found = scanner.detect.engine.EngineSearch.findAll(engine, "config token=" + token + "\n");

        assertEquals(1, found.size());
        assertEquals("ACME_TOKEN", found.get(0).detector());
        DetectorContract.assertMasked(token, found.get(0).masked());
    }

    @Test
    void a_custom_detector_without_keywords_runs_on_every_window() {
        DetectionEngine engine = DetectorSettings.engine("[{\"id\": \"TICKET\", \"pattern\": \"TCK-[0-9]{6}\"}]", "[]");

        assertEquals(List.of("TICKET", "TICKET"),
                scanner.detect.engine.EngineSearch.findAll(engine, "TCK-123456 and TCK-654321").stream().map(DetectionEngine.Found::detector).toList());
    }

    /** (a+)+$ on a long run of a's then a "b" backtracks for ever; here it costs its time budget, once per region. */
    @Test
    void a_catastrophic_pattern_is_stopped_by_its_time_budget() {
        DetectionEngine engine = DetectorSettings.engine(
                "[{\"id\": \"SLOW\", \"pattern\": \"(a+)+$\", \"keywords\": [\"key\"], \"max_length\": 200}]",
                "[\"regex:(x+x+)+y\"]");
        String text = "key " + "a".repeat(60) + "b\nnext line with 219-09-9991\n";

        List<DetectionEngine.Found> found = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(10), () -> scanner.detect.engine.EngineSearch.findAll(engine, text));

        assertEquals(List.of("US_SSN"), found.stream().map(DetectionEngine.Found::detector).toList(),
                "the rest of the text is still scanned");
        AllowList slow = new AllowList(List.of("regex:(x+x+)+y"));
        assertEquals(false, org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> slow.allows("x".repeat(40))), "a value a slow pattern cannot judge is reported");
    }

    @Test
    void the_allow_list_takes_exact_values_and_patterns() {
        DetectionEngine engine = DetectorSettings.engine("[]", "[\"219-09-9991\", \"regex:.*@example\\\\.com\"]");

        List<DetectionEngine.Found> found = scanner.detect.engine.EngineSearch.findAll(engine, "219-09-9992 219-09-9991 ops@example.com ops@example.org");

        assertEquals(List.of("US_SSN", "EMAIL_ADDRESS"), found.stream().map(DetectionEngine.Found::detector).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\": \"X\"}",                                                   // not an array
        "[{\"id\": \"lower\", \"pattern\": \"x\"}]",                         // bad id
        "[{\"id\": \"US_SSN\", \"pattern\": \"x\"}]",                        // taken id
        "[{\"id\": \"BAD_RE\", \"pattern\": \"(\"}]",                        // invalid regex
        "[{\"id\": \"NO_RE\"}]",                                             // no pattern
        "[{\"id\": \"LONG\", \"pattern\": \"x\", \"max_length\": 100000}]", // unbounded
        "[{\"id\": \"KW\", \"pattern\": \"x\", \"keywords\": [\"\"]}]",      // empty keyword
        "not json",
    })
    void bad_custom_detectors_are_refused_naming_the_setting(String json) {
        var e = assertThrows(ConfigurationException.class, () -> DetectorSettings.engine(json, "[]"));
        assertTrue(e.getMessage().startsWith("scanner.detectors.custom"), e.getMessage());
    }

    @Test
    void a_bad_allow_list_is_refused() {
        assertThrows(ConfigurationException.class, () -> DetectorSettings.engine("[]", "[\"regex:(\"]"));
        assertThrows(ConfigurationException.class, () -> DetectorSettings.engine("[]", "[1]"));
    }
}
