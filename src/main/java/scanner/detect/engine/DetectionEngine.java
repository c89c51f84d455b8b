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
 * the last two bytes tells the loop where anything may start (a keyword's anchor, an IBAN's country
 * code) and keeps count of the digits in the current stretch of digits and separators, so number
 * detectors are asked only about stretches with enough digits. A detector's own checks run only at
 * those rare positions, so the cost barely grows with the number of detectors.
 */
public final class DetectionEngine {

    static final char[] SEPARATORS = {' ', '-', '.', '(', ')', '+', '/'};

    /** Separators allowed between two digits of one run, e.g. ") " in "(555) 123-4567". */
    static final int MAX_GAP = 2;

    /**
     * A run right after "+" (an international phone number) counts this many digits more toward a
     * detector's minimum: its country code stands in for the national digits it does not repeat.
     */
    static final int PLUS_BONUS = KeywordFilter.PLUS_WEIGHT;

    private final List<Detector> detectors;
    private final KeywordFilter filter;
    /** keyword id → detector indexes. */
    private final int[][] keywordDetectors;
    private final int[] digitRunDetectors;
    private final int minRunDigits;
    /**
     * Digits in one stretch of digits and separators (a "+" counting for {@link #PLUS_BONUS}) at
     * which the stretch is worth a closer look.
     */
    private final int enoughDigits;
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
        filter.markRunBytes(SEPARATORS);
        filter.markCountryCodes(codes);
        this.keywordDetectors = owners.stream().map(o -> o.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        this.digitRunDetectors = digitRun.stream().mapToInt(Integer::intValue).toArray();
        this.minRunDigits = minDigits;
        this.enoughDigits = digitRun.isEmpty() ? Integer.MAX_VALUE : minDigits;
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
        final int enough = enoughDigits;
        int prev = 0;       // the previous byte
        int before = 0;     // the previous pair's entry
        int digits = 0;     // digits since the last byte that cannot be part of a number
        int i = 0;
        while (i < length) {
            // The straight path: one table load, a little arithmetic and one rarely-taken branch per byte.
            for (; i < length; i++) {
                int b = bytes[i] & 0xff;
                int entry = pairs[(prev << 8) | b];
                prev = b;
                digits = (digits + (entry & KeywordFilter.WEIGHT)) & -((entry >>> 2) & 1); // IN_RUN is bit 2
                int iban = (before >>> 4) & entry & KeywordFilter.DIGIT; // COUNTRY is bit 4: a country code, then a digit
                before = entry;
                if (((entry & KeywordFilter.KEYWORD) | iban | (digits >= enough ? 1 : 0)) != 0) {
                    break;
                }
            }
            if (i >= length) {
                break;
            }
            if ((before & KeywordFilter.KEYWORD) != 0) {
                keywordsAt(bytes, text, ((i > 0 ? bytes[i - 1] & 0xff : 0) << 8) | prev, i - 1, length, reporter);
            }
            if (i >= 2 && (before & KeywordFilter.DIGIT) != 0
                    && (pairs[((bytes[i - 2] & 0xff) << 8) | (bytes[i - 1] & 0xff)] & KeywordFilter.COUNTRY) != 0) {
                countryCode(text, i, reporter);
            }
            if (digits >= enough) {
                i = numbers(bytes, text, i, length, reporter);
                // bytes[i] cannot be part of a number: the state restarts there
                prev = bytes[i - 1] & 0xff;
                before = 0;
                digits = 0;
                continue;
            }
            i++;
        }
    }

    /**
     * The stretch of digits and separators around {@code at} holds enough digits for some detector:
     * offers each of its runs to the digit-run detectors, checks keywords in the part of the stretch
     * the main loop has not read yet, and returns the position after the stretch.
     */
    private int numbers(byte[] bytes, Latin1Text text, int at, int length, Reporter reporter) {
        byte[] pairs = filter.pairs;
        int start = at;
        while (start > 0 && (pairs[bytes[start - 1] & 0xff] & KeywordFilter.IN_RUN) != 0) {
            start--;
        }
        int end = at + 1;
        while (end < length) {
            int entry = pairs[((bytes[end - 1] & 0xff) << 8) | (bytes[end] & 0xff)];
            if ((entry & KeywordFilter.IN_RUN) == 0) {
                break;
            }
            if ((entry & KeywordFilter.KEYWORD) != 0) {
                keywordsAt(bytes, text, ((bytes[end - 1] & 0xff) << 8) | (bytes[end] & 0xff), end - 1, length, reporter);
            }
            end++;
        }
        for (int j = start; j < end; ) {
            j = (pairs[bytes[j] & 0xff] & KeywordFilter.DIGIT) != 0 ? digitRun(bytes, text, j, end, reporter) : j + 1;
        }
        return end;
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
     * {@code first} and ending before {@code end}, offers it to the digit-run detectors, and returns
     * the position after its last digit.
     */
    private int digitRun(byte[] bytes, Latin1Text text, int first, int end, Reporter reporter) {
        byte[] pairs = filter.pairs;
        int digits = 0;
        int last = first;
        for (int i = first; i < end; i++) {
            int entry = pairs[bytes[i] & 0xff]; // the pair (NUL, byte) holds the byte's class
            if ((entry & KeywordFilter.DIGIT) != 0) {
                digits++;
                last = i;
            } else if ((entry & KeywordFilter.IN_RUN) == 0 || i - last > MAX_GAP) {
                break;
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
