package scanner.detect.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import scanner.detect.AllowList;
import scanner.detect.Detector;

/**
 * Finds every detector's matches in one pass over a window of bytes. A keyword automaton and a
 * digit-run tracker share the loop; a detector's own checks run only around its triggers, so the
 * cost barely grows with the number of detectors.
 */
public final class DetectionEngine {

    private static final byte OTHER = 0;
    private static final byte DIGIT = 1;
    private static final byte SEPARATOR = 2;
    private static final byte[] CLASS = new byte[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            CLASS[c] = DIGIT;
        }
        for (char c : new char[] {' ', '-', '.', '(', ')', '+', '/'}) {
            CLASS[c] = SEPARATOR;
        }
    }

    /** Separators allowed between two digits of one run, e.g. ") " in "(555) 123-4567". */
    private static final int MAX_GAP = 2;

    private final List<Detector> detectors;
    private final KeywordAutomaton keywords;
    /** keyword id → detector indexes. */
    private final int[][] keywordDetectors;
    private final int[] digitRunDetectors;
    private final int minRunDigits;
    private final int[] countryCodeDetectors;
    private final int[] everyWindowDetectors;
    private final AllowList allowList;
    private final int maxMatchLength;

    public DetectionEngine(List<Detector> detectors, AllowList allowList) {
        this.detectors = List.copyOf(detectors);
        this.allowList = allowList;
        List<String> words = new ArrayList<>();
        List<List<Integer>> owners = new ArrayList<>();
        List<Integer> digitRun = new ArrayList<>();
        List<Integer> countryCode = new ArrayList<>();
        List<Integer> everyWindow = new ArrayList<>();
        int minDigits = Integer.MAX_VALUE;
        int maxLength = 0;
        for (int d = 0; d < this.detectors.size(); d++) {
            Detector detector = this.detectors.get(d);
            maxLength = Math.max(maxLength, detector.maxMatchLength());
            switch (detector.trigger()) {
                case KEYWORD -> {
                    for (String word : detector.keywords()) {
                        int id = words.indexOf(word.toLowerCase(java.util.Locale.ROOT));
                        if (id < 0) {
                            words.add(word.toLowerCase(java.util.Locale.ROOT));
                            owners.add(new ArrayList<>());
                            id = words.size() - 1;
                        }
                        if (!owners.get(id).contains(d)) {
                            owners.get(id).add(d);
                        }
                    }
                }
                case DIGIT_RUN -> {
                    digitRun.add(d);
                    minDigits = Math.min(minDigits, detector.minDigits());
                }
                case COUNTRY_CODE -> countryCode.add(d);
                case EVERY_WINDOW -> everyWindow.add(d);
            }
        }
        this.keywords = new KeywordAutomaton(words);
        this.keywordDetectors = owners.stream().map(o -> o.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        this.digitRunDetectors = digitRun.stream().mapToInt(Integer::intValue).toArray();
        this.minRunDigits = minDigits;
        this.countryCodeDetectors = countryCode.stream().mapToInt(Integer::intValue).toArray();
        this.everyWindowDetectors = everyWindow.stream().mapToInt(Integer::intValue).toArray();
        this.maxMatchLength = maxLength;
    }

    public int maxMatchLength() {
        return maxMatchLength;
    }

    public List<Detector> detectors() {
        return detectors;
    }

    /** A match in window coordinates. */
    public record Found(String detector, int start, int end, String masked) {
    }

    /** Receives matches; the engine has already removed duplicates and allow-listed values. */
    public interface Sink {
        void found(String detector, int start, int end, String masked);
    }

    /**
     * Scans {@code bytes[0, length)} and reports matches that start in {@code [reportFrom, reportBefore)}.
     */
    public void scan(byte[] bytes, int length, int reportFrom, int reportBefore, Sink sink) {
        Latin1Text text = new Latin1Text(bytes, 0, length);
        Reporter reporter = new Reporter(sink, reportFrom, reportBefore);
        for (int d : everyWindowDetectors) {
            verify(d, text, 0, length, reporter);
        }
        final char[] next = keywords.next;
        final int[][] keywordMatches = keywords.matches;
        final boolean digitRuns = digitRunDetectors.length > 0 || countryCodeDetectors.length > 0;
        int state = 0;
        int runStart = -1;
        int runDigits = 0;
        int lastDigit = -10;
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xff;
            state = next[(state << 8) | b];
            int[] hits = keywordMatches[state];
            if (hits != null) {
                for (int keyword : hits) {
                    int start = i + 1 - keywords.keywordLength[keyword];
                    for (int d : keywordDetectors[keyword]) {
                        verify(d, text, start, i + 1, reporter);
                    }
                }
            }
            if (!digitRuns) {
                continue;
            }
            byte cls = CLASS[b];
            if (cls == DIGIT) {
                if (i - lastDigit > MAX_GAP + 1) {
                    if (runStart >= 0) {
                        endRun(text, runStart, lastDigit + 1, runDigits, reporter);
                    }
                    runStart = i;
                    runDigits = 0;
                    if (countryCodeDetectors.length > 0) {
                        countryCode(text, i, reporter);
                    }
                }
                runDigits++;
                lastDigit = i;
            } else if (cls == OTHER && runStart >= 0) {
                endRun(text, runStart, lastDigit + 1, runDigits, reporter);
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            endRun(text, runStart, lastDigit + 1, runDigits, reporter);
        }
    }

    /** Every match in a whole text (tests and small inputs). */
    public List<Found> findAll(CharSequence ascii) {
        byte[] bytes = ascii.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        List<Found> found = new ArrayList<>();
        scan(bytes, bytes.length, 0, bytes.length, (id, s, e, m) -> found.add(new Found(id, s, e, m)));
        found.sort(java.util.Comparator.comparingInt(Found::start));
        return found;
    }

    private void endRun(Latin1Text text, int start, int end, int digits, Reporter reporter) {
        if (digits < minRunDigits) {
            return;
        }
        for (int d : digitRunDetectors) {
            if (digits >= detectors.get(d).minDigits()) {
                verify(d, text, start, end, reporter);
            }
        }
    }

    /** Two capital letters right before the first digit of a run, at a word start: IBAN-shaped. */
    private void countryCode(Latin1Text text, int digit, Reporter reporter) {
        int c1 = text.byteAt(digit - 2);
        int c2 = text.byteAt(digit - 1);
        if (c1 >= 'A' && c1 <= 'Z' && c2 >= 'A' && c2 <= 'Z' && !isWordChar(text.byteAt(digit - 3))) {
            for (int d : countryCodeDetectors) {
                verify(d, text, digit - 2, digit, reporter);
            }
        }
    }

    private void verify(int d, Latin1Text text, int start, int end, Reporter reporter) {
        reporter.detector = d;
        detectors.get(d).verify(text, start, end, reporter);
    }

    static boolean isWordChar(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
    }

    /** Drops matches outside the report range, repeats (two triggers, one value) and allow-listed values. */
    private final class Reporter implements Detector.MatchSink {
        private final Sink sink;
        private final int reportFrom;
        private final int reportBefore;
        private final Set<Long> seen = new HashSet<>();
        int detector;

        Reporter(Sink sink, int reportFrom, int reportBefore) {
            this.sink = sink;
            this.reportFrom = reportFrom;
            this.reportBefore = reportBefore;
        }

        @Override
        public void match(int start, int end, String raw, String masked) {
            if (start < reportFrom || start >= reportBefore) {
                return;
            }
            if (!seen.add(((long) detector << 32) | start)) {
                return;
            }
            if (allowList.allows(raw)) {
                return;
            }
            sink.found(detectors.get(detector).id(), start, end, masked);
        }
    }
}
