package scanner.detect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import scanner.bench.Corpus;
import scanner.detect.AllowList;
import scanner.detect.CustomDetector;
import scanner.detect.Detector;
import scanner.detect.DetectorRegistry;

/**
 * The engine's pre-filter is exact: over realistic text and over text made of little but
 * near-misses, it reports what a plain reference reports that offers every detector every one of
 * its triggers (each keyword occurrence, each digit run, each country code followed by a digit).
 */
class DetectionEngineTest {

    private static final List<Detector> DETECTORS = new ArrayList<>(DetectorRegistry.with(List.of(
            new CustomDetector("EMPLOYEE_ID", Pattern.compile("EMP-\\d{6}"), List.of("EMP-"), 16),
            new CustomDetector("ORDER_REF", Pattern.compile("77\\d{4}-[A-Z]{3}"), List.of("77"), 16))));

    /** Pieces that are, or nearly are, what the detectors look for. */
    private static final String[] PIECES = {
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "12", "555", "4111", "1111", "219", "09", "9991",
        " ", " ", "-", ".", "(", ")", "+", "/", "  ", "--", ",", ":", "\n", "_", "=", "*", "T", "Z",
        "DE", "89", "GB", "AT", "NO", "FR", "IT", "de", "a", "x", "AKIA", "ASIA", "aws", "AWS", "secret", "SECRET",
        "ghp_", "xoxb-", "sk_live_", "AIza", "eyJ", "@", "example.org", "jane", "-----BEGIN", " PRIVATE KEY-----",
        "EMP-", "77", "ABC", "+44 ", "+1 ", "(555) ", "2026-11-23", "10.0.0.1",
    };

    @Test
    void finds_what_a_reference_offering_every_trigger_finds_in_realistic_text() {
        for (long seed = 1; seed <= 3; seed++) {
            assertSameFindings(new String(Corpus.generate(512 * 1024, seed), StandardCharsets.ISO_8859_1), "corpus seed " + seed);
        }
    }

    @Test
    void finds_what_a_reference_offering_every_trigger_finds_in_near_misses() {
        int findings = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            StringBuilder text = new StringBuilder();
            while (text.length() < 20_000) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            findings += assertSameFindings(text.toString(), "near-miss seed " + seed);
        }
        assertTrue(findings > 100, "the near-miss texts should hold real findings too, found " + findings);
    }

    @Test
    void a_plus_at_the_end_of_a_digit_free_word_counts_toward_the_number_after_it() {
        // Seven digits after "+" weigh nine: the "+" may close an eight-byte word that has no digit.
        Detector anyRun = new Detector() {
            @Override public String id() { return "RUN"; }
            @Override public Trigger trigger() { return Trigger.DIGIT_RUN; }
            @Override public int minDigits() { return 9; }
            @Override public int maxMatchLength() { return 32; }
            @Override public void verify(Latin1Text text, int start, int end, MatchSink sink) {
                sink.match(start, end, text.substring(start, end), "run");
            }
        };
        DetectionEngine engine = new DetectionEngine(List.of(anyRun), AllowList.EMPTY);
        for (int shift = 0; shift < 16; shift++) {
            String text = "words and more words ".substring(0, shift) + "call +1234567 now, or write to us, thanks";
            List<DetectionEngine.Found> found = EngineSearch.findAll(engine, text);
            assertEquals(1, found.size(), "shift " + shift + ": " + found);
            assertEquals(text.indexOf('+') + 1, found.get(0).start(), "shift " + shift);
        }
    }

    private static int assertSameFindings(String text, String what) {
        DetectionEngine engine = new DetectionEngine(DETECTORS, AllowList.EMPTY);
        Set<String> expected = reference(text);
        Set<String> actual = new TreeSet<>();
        EngineSearch.findAll(engine, text).forEach(f -> actual.add(describe(f.start(), f.detector(), f.end(), f.masked())));
        Set<String> missed = new TreeSet<>(expected);
        missed.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        assertEquals(Set.of(), missed, what + ": missed by the engine");
        assertEquals(Set.of(), extra, what + ": reported by the engine only");
        return actual.size();
    }

    private static String describe(int start, String detector, int end, String masked) {
        return String.format(Locale.ROOT, "%08d %s %d %s", start, detector, end, masked);
    }

    /** Every detector at every trigger, the slow and obvious way. */
    private static Set<String> reference(String string) {
        byte[] bytes = string.getBytes(StandardCharsets.ISO_8859_1);
        Latin1Text text = new Latin1Text(bytes, 0, bytes.length);
        Set<String> found = new TreeSet<>();
        for (Detector detector : DETECTORS) {
            Detector.MatchSink sink = (start, end, raw, masked) -> found.add(describe(start, detector.id(), end, masked));
            switch (detector.trigger()) {
                case KEYWORD -> {
                    for (String keyword : detector.keywords()) {
                        boolean anyCase = keyword.equals(keyword.toLowerCase(Locale.ROOT));
                        for (int p = 0; p + keyword.length() <= bytes.length; p++) {
                            if (keywordAt(bytes, p, keyword, anyCase)) {
                                detector.verify(text, p, p + keyword.length(), sink);
                            }
                        }
                    }
                }
                case DIGIT_RUN -> {
                    for (int p = 0; p < bytes.length; ) {
                        p = isDigit(bytes[p]) ? run(bytes, p, text, detector, sink) : p + 1;
                    }
                }
                case COUNTRY_CODE -> {
                    for (int p = 0; p + 2 < bytes.length; p++) {
                        String code = string.substring(p, p + 2);
                        if (detector.countryCodes().contains(code) && isDigit(bytes[p + 2])
                                && (p == 0 || !DetectionEngine.isWordChar(bytes[p - 1] & 0xff))) {
                            detector.verify(text, p, p + 2, sink);
                        }
                    }
                }
                case EVERY_WINDOW -> detector.verify(text, 0, bytes.length, sink);
            }
        }
        return found;
    }

    /** Offers the run of digits starting at {@code first}; returns the position after its last digit. */
    private static int run(byte[] bytes, int first, Latin1Text text, Detector detector, Detector.MatchSink sink) {
        int digits = 0;
        int last = first;
        for (int i = first; i < bytes.length; i++) {
            if (isDigit(bytes[i])) {
                digits++;
                last = i;
            } else if (!isSeparator(bytes[i]) || i - last > DetectionEngine.MAX_GAP) {
                break;
            }
        }
        if (first > 0 && bytes[first - 1] == '+') {
            digits += DetectionEngine.PLUS_BONUS;
        }
        if (digits >= detector.minDigits()) {
            detector.verify(text, first, last + 1, sink);
        }
        return last + 1;
    }

    private static boolean keywordAt(byte[] bytes, int p, String keyword, boolean anyCase) {
        for (int j = 0; j < keyword.length(); j++) {
            int b = bytes[p + j] & 0xff;
            if (anyCase && b >= 'A' && b <= 'Z') {
                b += 32;
            }
            if (b != keyword.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isSeparator(byte b) {
        for (char c : DetectionEngine.SEPARATORS) {
            if (b == c) {
                return true;
            }
        }
        return false;
    }
}
