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

    /** Byte classes, as bits: what the scan loop must look at for each byte value. */
    private static final byte DIGIT = 1;
    private static final byte SEPARATOR = 2;
    private static final byte SECOND = 4;
    private static final byte SINGLE = 8;
    private static final char[] SEPARATORS = {' ', '-', '.', '(', ')', '+', '/'};

    /**
     * A run right after "+" (an international phone number) counts this many digits more toward a
     * detector's minimum: its country code stands in for the national digits it does not repeat.
     */
    static final int PLUS_BONUS = 2;

    /** Separators allowed between two digits of one run, e.g. ") " in "(555) 123-4567". */
    private static final int MAX_GAP = 2;

    private final List<Detector> detectors;
    private final KeywordFilter filter;
    private final byte[] classes = new byte[256];
    /** Some keyword begins with a digit or a separator, so runs must be checked for keywords too. */
    private final boolean keywordsTouchRuns;
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
                case COUNTRY_CODE -> countryCode.add(d);
                case EVERY_WINDOW -> everyWindow.add(d);
            }
        }
        this.filter = new KeywordFilter(words);
        boolean digitRuns = !digitRun.isEmpty() || !countryCode.isEmpty();
        for (int c = 0; c < 256; c++) {
            boolean digit = c >= '0' && c <= '9';
            if (digit && digitRuns) {
                classes[c] |= DIGIT;
            }
            if (filter.secondByte[c]) {
                classes[c] |= SECOND;
            }
            if (filter.singleByte[c]) {
                classes[c] |= SINGLE;
            }
        }
        for (char c : SEPARATORS) {
            classes[c] |= SEPARATOR;
        }
        this.keywordsTouchRuns = words.stream().anyMatch(w -> !w.isEmpty() && (Character.isDigit(w.charAt(0))
                || new String(SEPARATORS).indexOf(w.charAt(0)) >= 0 || (w.length() > 1 && Character.isDigit(w.charAt(1)))));
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
        final byte[] classes = this.classes;
        final long[] bigrams = filter.bigrams;
        int prev = 0;
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xff;
            // The bigram test runs on every byte without a branch of its own: only real hits
            // (well under 1% of positions) and digits (which come in runs) leave the straight path.
            int bigram = (prev << 8) | b;
            prev = b;
            if ((bigrams[bigram >>> 6] & (1L << bigram)) != 0 && i > 0) {
                keywordsAt(bytes, text, bigram >>> 8, b, i - 1, length, reporter);
            }
            byte cls = classes[b];
            if ((cls & (DIGIT | SINGLE)) == 0) {
                continue;
            }
            if ((cls & DIGIT) != 0) {
                i = digitRun(bytes, text, i, length, reporter) - 1;
                prev = bytes[i] & 0xff;
            } else {
                for (int keyword : filter.single[b]) {
                    dispatch(keyword, text, i, i + 1, reporter);
                }
            }
        }
    }

    /** Compares in full the keywords that begin with the bigram the filter let through. */
    private void keywordsAt(byte[] bytes, Latin1Text text, int first, int second, int start, int length, Reporter reporter) {
        for (int keyword : filter.startingWith(first)) {
            if (filter.secondMatches(keyword, second) && filter.matchesAt(keyword, bytes, start, length)) {
                dispatch(keyword, text, start, start + filter.keywords[keyword].length, reporter);
            }
        }
    }

    private void dispatch(int keyword, Latin1Text text, int start, int end, Reporter reporter) {
        for (int d : keywordDetectors[keyword]) {
            verify(d, text, start, end, reporter);
        }
    }

    /**
     * Consumes a run of digits (at most {@link #MAX_GAP} separators between two digits) starting at
     * {@code first}, offers it to the digit-run detectors, and returns the position after its last digit.
     */
    private int digitRun(byte[] bytes, Latin1Text text, int first, int length, Reporter reporter) {
        int digits = 0;
        int last = first;
        int i = first;
        while (i < length) {
            byte cls = classes[bytes[i] & 0xff];
            if ((cls & DIGIT) != 0) {
                digits++;
                last = i;
            } else if ((cls & SEPARATOR) == 0 || i - last > MAX_GAP) {
                break;
            }
            if (keywordsTouchRuns && i > first && filter.mayStart(bytes[i - 1] & 0xff, bytes[i] & 0xff)) {
                keywordsAt(bytes, text, bytes[i - 1] & 0xff, bytes[i] & 0xff, i - 1, length, reporter);
            }
            i++;
        }
        if (countryCodeDetectors.length > 0) {
            countryCode(text, first, reporter);
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
        found.sort(java.util.Comparator.comparingInt(Found::start));
        return found;
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
