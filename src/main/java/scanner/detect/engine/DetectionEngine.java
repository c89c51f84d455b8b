package scanner.detect.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import scanner.detect.AllowList;
import scanner.detect.Detector;

/**
 * Finds every detector's matches in one pass over a window of bytes. A 64 KiB table indexed by
 * the last two bytes tells the loop where anything may start (a keyword's anchor, a digit run
 * long enough to matter, an IBAN); a detector's own checks run only there, so the cost barely
 * grows with the number of detectors.
 */
public final class DetectionEngine {

    private static final byte DIGIT = 1;
    private static final byte SEPARATOR = 2;
    private static final char[] SEPARATORS = {' ', '-', '.', '(', ')', '+', '/'};

    /** Separators allowed between two digits of one run, e.g. ") " in "(555) 123-4567". */
    private static final int MAX_GAP = 2;

    /**
     * A run right after "+" (an international phone number) counts this many digits more toward a
     * detector's minimum: its country code stands in for the national digits it does not repeat.
     */
    static final int PLUS_BONUS = 2;

    private final List<Detector> detectors;
    private final KeywordFilter filter;
    private final byte[] classes = new byte[256];
    /** keyword id → detector indexes. */
    private final int[][] keywordDetectors;
    private final int[] digitRunDetectors;
    private final int minRunDigits;
    private final int[] countryCodeDetectors;
    private final int[] everyWindowDetectors;
    /** Some keyword holds a digit, so the inside of digit runs must be checked for keywords too. */
    private final boolean keywordsTouchRuns;
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
        Set<String> codes = new HashSet<>();
        int minDigits = Integer.MAX_VALUE;
        int maxLength = 0;
        for (int d = 0; d < this.detectors.size(); d++) {
            Detector detector = this.detectors.get(d);
            maxLength = Math.max(maxLength, detector.maxMatchLength());
            switch (detector.trigger()) {
                case KEYWORD -> {
                    for (String word : detector.keywords()) {
                        int id = words.indexOf(word);
                        if (id < 0) {
                            words.add(word);
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
                case COUNTRY_CODE -> {
                    countryCode.add(d);
                    codes.addAll(detector.countryCodes());
                }
                case EVERY_WINDOW -> everyWindow.add(d);
            }
        }
        this.filter = new KeywordFilter(words);
        if (!digitRun.isEmpty()) {
            filter.markRunStarts();
        }
        filter.markCountryCodes(codes);
        for (int c = '0'; c <= '9'; c++) {
            classes[c] = DIGIT;
        }
        for (char c : SEPARATORS) {
            classes[c] = SEPARATOR;
        }
        // A run is resumed right after its last digit, so only a keyword holding a digit can start inside one.
        this.keywordsTouchRuns = words.stream().anyMatch(w -> w.chars().anyMatch(Character::isDigit));
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
        final byte[] pairs = filter.pairs;
        final byte[] classes = this.classes;
        // A run of n digits spans at least n bytes: it may qualify only if the byte n-1 ahead of its
        // first digit is a digit or a separator (a "+" before it lowers n, see PLUS_BONUS).
        final int reach = digitRunDetectors.length > 0 ? Math.max(0, minRunDigits - 1 - PLUS_BONUS) : 0;
        final int fastEnd = length - reach;
        int prev = 0;
        int i = 0;
        while (i < length) {
            // The straight path: two table loads and one rarely-taken branch per byte.
            for (; i < fastEnd; i++) {
                int b = bytes[i] & 0xff;
                int pair = pairs[(prev << 8) | b];
                prev = b;
                int ahead = classes[bytes[i + reach] & 0xff];
                int qualifyingRun = (pair >>> 1) & (ahead | (ahead >>> 1)) & 1; // RUN_START, then digit or separator ahead
                if (((pair & (KeywordFilter.KEYWORD | KeywordFilter.COUNTRY)) | qualifyingRun) != 0) {
                    break;
                }
            }
            if (i >= length) {
                break;
            }
            if (i >= fastEnd) {
                prev = bytes[i] & 0xff; // the last few bytes, where the look-ahead would run off the end
            }
            int last = handle(bytes, text, i, length, reporter);
            if (last > i) {
                prev = bytes[last] & 0xff;
            }
            i = last + 1;
        }
    }

    /** Whatever position {@code i} may start; returns the last position it consumed. */
    private int handle(byte[] bytes, Latin1Text text, int i, int length, Reporter reporter) {
        int pairIndex = ((i > 0 ? bytes[i - 1] & 0xff : 0) << 8) | (bytes[i] & 0xff);
        int pair = filter.pairs[pairIndex];
        if ((pair & KeywordFilter.KEYWORD) != 0) {
            keywordsAt(bytes, text, pairIndex, i - 1, length, reporter);
        }
        if ((pair & KeywordFilter.COUNTRY) != 0 && countryCodeDetectors.length > 0) {
            countryCode(text, i, reporter);
        }
        if ((pair & KeywordFilter.RUN_START) != 0) {
            return digitRun(bytes, text, i, length, reporter) - 1;
        }
        return i;
    }

    /** Compares in full the keywords anchored at the pair that ends at {@code anchorEnd}. */
    private void keywordsAt(byte[] bytes, Latin1Text text, int pairIndex, int anchorStart, int length, Reporter reporter) {
        int[] anchored = filter.anchoredAt(pairIndex);
        if (anchored == null) {
            return;
        }
        for (int keyword : anchored) {
            int start = filter.keywords[keyword].length == 1 ? anchorStart + 1 : anchorStart - filter.anchorOffset[keyword];
            if (filter.matchesAt(keyword, bytes, start, length)) {
                for (int d : keywordDetectors[keyword]) {
                    verify(d, text, start, start + filter.keywords[keyword].length, reporter);
                }
            }
        }
    }

    /**
     * Consumes a run of digits (at most {@link #MAX_GAP} separators between two digits) starting at
     * {@code first}, offers it to the digit-run detectors, and returns the position after its last digit.
     */
    private int digitRun(byte[] bytes, Latin1Text text, int first, int length, Reporter reporter) {
        int digits = 0;
        int last = first;
        for (int i = first; i < length; i++) {
            byte cls = classes[bytes[i] & 0xff];
            if (cls == DIGIT) {
                digits++;
                last = i;
            } else if (cls != SEPARATOR || i - last > MAX_GAP) {
                break;
            }
            if (keywordsTouchRuns && i > first) {
                int pairIndex = ((bytes[i - 1] & 0xff) << 8) | (bytes[i] & 0xff);
                if ((filter.pairs[pairIndex] & KeywordFilter.KEYWORD) != 0) {
                    keywordsAt(bytes, text, pairIndex, i - 1, length, reporter);
                }
            }
        }
        if (first > 0 && bytes[first - 1] == '+') {
            digits += PLUS_BONUS;
        }
        if (digits >= minRunDigits) {
            for (int d : digitRunDetectors) {
                if (digits >= detectors.get(d).minDigits()) {
                    verify(d, text, first, last + 1, reporter);
                }
            }
        }
        return last + 1;
    }

    /** Every match in a whole text (tests and small inputs). */
    public List<Found> findAll(CharSequence ascii) {
        byte[] bytes = ascii.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        List<Found> found = new ArrayList<>();
        scan(bytes, bytes.length, 0, bytes.length, (id, s, e, m) -> found.add(new Found(id, s, e, m)));
        found.sort(Comparator.comparingInt(Found::start));
        return found;
    }

    /** Two capital letters right before the digit at {@code digit}, at a word start: IBAN-shaped. */
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
