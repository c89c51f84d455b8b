package scanner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** What every detector promises for a true positive and a false positive. */
final class DetectorContract {

    private DetectorContract() {
    }

    /** Found exactly once, at its place, with the pre-filter firing, masked so the raw value cannot be read back. */
    static Detector.Match assertFinds(Detector detector, String value) {
        String text = "prefix text " + value + " suffix text";
        assertTrue(detector.mayContain(text), "pre-filter must fire on " + value);
        List<Detector.Match> matches = Samples.find(detector, text);
        assertEquals(1, matches.size(), "matches of " + value + ": " + matches);
        Detector.Match match = matches.get(0);
        assertEquals(value, text.substring(match.start(), match.end()));
        assertFalse(match.masked().contains(value), "mask reveals " + value);
        assertTrue(match.masked().contains("*"), "mask hides nothing: " + match.masked());
        assertTrue(match.end() - match.start() <= detector.maxMatchLength(), "longer than maxMatchLength");
        return match;
    }

    static void assertIgnores(Detector detector, String text) {
        assertEquals(List.of(), Samples.find(detector, text), "should not match: " + text);
    }
}
