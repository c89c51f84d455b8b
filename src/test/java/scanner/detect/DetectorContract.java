package scanner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import scanner.detect.engine.DetectionEngine;
import scanner.detect.engine.Latin1Text;

/** What every detector promises for a true positive and a false positive, checked through the engine. */
final class DetectorContract {

    private DetectorContract() {
    }

    /**
     * Found exactly once, at its place, after the engine's pre-filter fired for this detector, and
     * masked so the raw value cannot be read back.
     */
    static DetectionEngine.Found assertFinds(Detector detector, String value) {
        for (String[] around : new String[][] {{"prefix text ", " suffix text"}, {"", ""}, {"k=", "\n"}, {"\"", "\","}}) {
            String text = around[0] + value + around[1];
            Counting counting = new Counting(detector);
            List<DetectionEngine.Found> matches = scanner.detect.engine.EngineSearch.findAll(new DetectionEngine(List.of(counting), AllowList.EMPTY), text);
            assertTrue(counting.calls.get() > 0, "pre-filter must fire on " + value);
            assertEquals(1, matches.size(), "matches of " + value + " in [" + text + "]: " + matches);
            DetectionEngine.Found match = matches.get(0);
            assertEquals(detector.id(), match.detector());
            assertEquals(value, text.substring(match.start(), match.end()));
            assertMasked(value, match.masked());
            assertTrue(match.end() - match.start() <= detector.maxMatchLength(), "longer than maxMatchLength");
        }
        return Samples.find(detector, "prefix text " + value + " suffix text").get(0);
    }

    /**
     * The mask hides something, never holds the value, and keeps no run of 9 of its characters
     * that mixes letters and digits (labels such as "ENCRYPTED" may stay; secret material may not).
     */
    static void assertMasked(String value, String masked) {
        assertFalse(masked.contains(value), "mask reveals " + value);
        assertTrue(masked.contains("*") || masked.contains("[redacted]"), "mask hides nothing: " + masked);
        for (int i = 0; i + 9 <= value.length(); i++) {
            String piece = value.substring(i, i + 9);
            if (piece.chars().allMatch(Character::isLetterOrDigit) && piece.chars().anyMatch(Character::isDigit)
                    && piece.chars().anyMatch(Character::isLetter)) {
                assertFalse(masked.contains(piece), "mask keeps too much of the value: " + masked);
            }
        }
    }

    static void assertIgnores(Detector detector, String text) {
        assertEquals(List.of(), Samples.find(detector, text), "should not match: " + text);
    }

    /** Counts how often the engine hands the detector a candidate. */
    static final class Counting implements Detector {
        final Detector inner;
        final AtomicInteger calls = new AtomicInteger();

        Counting(Detector inner) {
            this.inner = inner;
        }

        @Override public String id() { return inner.id(); }
        @Override public Trigger trigger() { return inner.trigger(); }
        @Override public List<String> keywords() { return inner.keywords(); }
        @Override public int minDigits() { return inner.minDigits(); }
        @Override public java.util.Collection<String> countryCodes() { return inner.countryCodes(); }
        @Override public int maxMatchLength() { return inner.maxMatchLength(); }

        @Override
        public void verify(Latin1Text text, int start, int end, MatchSink sink) {
            calls.incrementAndGet();
            inner.verify(text, start, end, sink);
        }
    }
}
