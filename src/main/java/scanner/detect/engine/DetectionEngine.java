package scanner.detect.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import scanner.detect.AllowList;
import scanner.detect.Detector;

/**
 * Finds every detector's matches in one pass over a window of bytes. The straight path reads eight
 * bytes at a time and asks whether a keyword's anchor may be among them (a 64 KiB table of byte
 * pairs), whether the stretch of digits and separators open there holds enough digits for a number
 * detector, and whether an IBAN may start (both with SWAR arithmetic, see {@link Words}). Only a
 * word with a candidate is read again byte by byte, where the detectors' own checks run; so the cost
 * barely grows with the number of detectors.
 */
public final class DetectionEngine {

    static final char[] SEPARATORS = Words.SEPARATORS.toCharArray();

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
    /**
     * The fewest digits any digit-run detector takes (MAX_VALUE if there is none): also the digits in
     * one stretch of digits and separators (a "+" counting for {@link #PLUS_BONUS}) at which the
     * stretch is worth a closer look.
     */
    private final int minRunDigits;
    /** The eight-byte path may overlook stretches inside a word (see the constructor). */
    private final boolean wordsSkipStretches;
    private final int[] countryCodeDetectors;
    private final int[] everyWindowDetectors;
    private final AllowList allowList;
    private final int maxMatchLength;
    private final int maxLookBehind;

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
        int lookBehind = 0;
        for (int d = 0; d < this.detectors.size(); d++) {
            Detector detector = this.detectors.get(d);
            maxLength = Math.max(maxLength, detector.maxMatchLength());
            lookBehind = Math.max(lookBehind, detector.lookBehind());
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
        // The eight-byte path sees only stretches that touch a word's edge: one inside a word has at
        // most six digits, and with a "+" before them must still fall short of every detector.
        this.wordsSkipStretches = minRunDigits > 6 + PLUS_BONUS;
        this.countryCodeDetectors = countryCode.stream().mapToInt(Integer::intValue).toArray();
        this.everyWindowDetectors = everyWindow.stream().mapToInt(Integer::intValue).toArray();
        this.maxMatchLength = maxLength;
        this.maxLookBehind = lookBehind;
    }

    public int maxMatchLength() {
        return maxMatchLength;
    }

    /** The farthest any detector looks before its match (see {@link scanner.detect.Detector#lookBehind()}). */
    public int maxLookBehind() {
        return maxLookBehind;
    }

    /** A match in window coordinates. */
    public record Found(String detector, int start, int end, String masked) {
    }

    /** Receives matches in order of start; the engine has already removed duplicates and allow-listed values. */
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
        final long[] near = filter.nearAnchor;
        final int enough = minRunDigits;
        final int wordsEnd = wordsSkipStretches ? length - 8 : -1;
        final boolean ibans = countryCodeDetectors.length > 0;
        int digits = 0; // weight of the stretch of digits and separators that ends right before i
        int i = 0;
        while (i < length) {
            if (i > 1 && i <= wordsEnd) {
                // The straight path, eight bytes at a time: four table loads (every other pair) for
                // keywords; the stretch of digits carried across words and country codes found without a table.
                long word = Words.read(bytes, i);
                // NEAR_ANCHOR as a bit set of 8 KiB, which stays in the L1 cache (the full table is 64 KiB).
                int p0 = (int) (word >>> 48) & 0xffff;
                int p1 = (int) (word >>> 32) & 0xffff;
                int p2 = (int) (word >>> 16) & 0xffff;
                int p3 = (int) word & 0xffff;
                long flags = (near[p0 >>> 6] >>> p0) | (near[p1 >>> 6] >>> p1) | (near[p2 >>> 6] >>> p2) | (near[p3 >>> 6] >>> p3);
                if (digits == 0 && Words.weighty(word) == 0) {
                    // No stretch of digits open and no digit (or "+") to open one: only keywords matter.
                    if ((flags & 1) != 0) {
                        keywordsNear(bytes, text, i, word, length, reporter);
                    }
                    i += 8;
                    continue;
                }
                long classes = Words.classify(word);
                long weights = classes & Words.WEIGHT;
                long breaks = ~classes & Words.IN_RUN; // bytes that end a stretch
                // The stretch open before the word grows by the word's first bytes, up to its first break.
                int reached = digits + Long.bitCount(weights & ~(-1L >>> Long.numberOfLeadingZeros(breaks | 1)));
                // A digit after two capitals: the capitals of bytes i-2..i+5 lined up under each
                // byte's two predecessors (for the last byte, i+6 is taken as a capital: rare enough).
                long wordDigits = classes & Words.DIGIT;
                long capitals = ibans && wordDigits != 0 ? Words.capitals(Words.read(bytes, i - 2)) : 0; // most words hold no digit
                long ibanStarts = capitals & ((capitals << 8) | 0xff) & wordDigits;
                if ((((enough - 1 - reached) >>> 31) | ibanStarts) == 0) {
                    if ((flags & 1) != 0) {
                        keywordsNear(bytes, text, i, word, length, reporter);
                    }
                    // Stretches inside the word are too short to matter; the one at its end stays open.
                    digits = breaks == 0 ? reached : Long.bitCount(weights & ((1L << (Long.numberOfTrailingZeros(breaks) - 4)) - 1));
                    i += 8;
                    continue;
                }
            }
            long next = bytewise(bytes, text, i, Math.min(i + 8, length), length, digits, reporter);
            i = (int) (next >>> 32);
            digits = (int) next;
        }
        reporter.flush();
    }

    /**
     * Bytes {@code [from, to)} one at a time, with every check: returns the position to go on from
     * (past {@code to} when a stretch of digits went on beyond it) and the digit count there, packed.
     */
    private long bytewise(byte[] bytes, Latin1Text text, int from, int to, int length, int digits, Reporter reporter) {
        byte[] pairs = filter.pairs;
        for (int i = from; i < to; i++) {
            int pairIndex = ((i > 0 ? bytes[i - 1] & 0xff : 0) << 8) | (bytes[i] & 0xff);
            int entry = pairs[pairIndex];
            digits = (digits + (entry & KeywordFilter.WEIGHT)) & -((entry >>> 2) & 1); // IN_RUN is bit 2
            if ((entry & KeywordFilter.KEYWORD) != 0) {
                keywordsAt(bytes, text, pairIndex, i - 1, length, reporter);
            }
            if ((entry & KeywordFilter.COUNTRY) != 0 && countryCodeDetectors.length > 0) {
                countryCode(text, i, reporter);
            }
            if (digits >= minRunDigits) {
                return (long) numbers(bytes, text, i, length, reporter) << 32; // a byte outside numbers: count 0
            }
        }
        return ((long) to << 32) | digits;
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

    /**
     * The word at {@code i} has near-anchor pairs at some even offsets 2k: an anchor ends at 2k (the
     * flagged pair is the one after it) or at 2k+1 (the flagged pair is the anchor). Checks both.
     */
    private void keywordsNear(byte[] bytes, Latin1Text text, int i, long word, int length, Reporter reporter) {
        long[] near = filter.nearAnchor;
        byte[] pairs = filter.pairs;
        for (int k = 0; k < 4; k++) {
            int pair = (int) (word >>> (48 - 16 * k)) & 0xffff;
            if ((near[pair >>> 6] & (1L << pair)) == 0) {
                continue;
            }
            int q = i + 2 * k;
            int before = ((bytes[q - 1] & 0xff) << 8) | (bytes[q] & 0xff);
            if ((pairs[before] & KeywordFilter.KEYWORD) != 0) {
                keywordsAt(bytes, text, before, q - 1, length, reporter);
            }
            if ((pairs[pair] & KeywordFilter.KEYWORD) != 0) {
                keywordsAt(bytes, text, pair, q, length, reporter);
            }
        }
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

    /**
     * Drops matches outside the report range, allow-listed values and repeats (two triggers, one
     * value: same detector, same start), and hands the rest to the sink in order of start.
     */
    private final class Reporter implements Detector.MatchSink {
        private final Sink sink;
        private final int reportFrom;
        private final int reportBefore;
        private final List<Found> kept = new ArrayList<>();
        int detector;

        Reporter(Sink sink, int reportFrom, int reportBefore) {
            this.sink = sink;
            this.reportFrom = reportFrom;
            this.reportBefore = reportBefore;
        }

        @Override
        public void match(int start, int end, String raw, String masked) {
            if (start < reportFrom || start >= reportBefore || allowList.allows(raw)) {
                return;
            }
            kept.add(new Found(detectors.get(detector).id(), start, end, masked));
        }

        /** Sorting (stable: the first report of a repeat wins) puts repeats side by side. */
        void flush() {
            kept.sort(BY_START_THEN_DETECTOR);
            Found previous = null;
            for (Found f : kept) {
                if (previous == null || f.start() != previous.start() || !f.detector().equals(previous.detector())) {
                    sink.found(f.detector(), f.start(), f.end(), f.masked());
                }
                previous = f;
            }
        }
    }

    private static final Comparator<Found> BY_START_THEN_DETECTOR =
            Comparator.comparingInt(Found::start).thenComparing(Found::detector);
}
