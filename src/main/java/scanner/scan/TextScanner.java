package scanner.scan;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import scanner.detect.Detector;

/**
 * Runs detectors over an object's content as a stream, in fixed windows that overlap by the
 * longest possible match, so memory stays bounded whatever the object's size and a match across
 * a window edge is reported once.
 *
 * <p>Bytes are read as ISO-8859-1, so offsets are byte offsets of the (decompressed) content.
 */
public final class TextScanner {

    static final int DEFAULT_WINDOW = 64 * 1024;
    private static final int SNIFF_BYTES = 8 * 1024;
    /** Characters kept before each window so look-behind boundaries see what precedes a match. */
    private static final int CONTEXT = 16;

    private final List<Detector> detectors;
    private final int window;
    private final int overlap;
    private final int maxFindings;

    public TextScanner(List<Detector> detectors, int maxFindings) {
        this(detectors, DEFAULT_WINDOW, maxFindings);
    }

    TextScanner(List<Detector> detectors, int window, int maxFindings) {
        this.detectors = List.copyOf(detectors);
        this.overlap = detectors.stream().mapToInt(Detector::maxMatchLength).max().orElse(0);
        if (window <= 2 * (overlap + CONTEXT)) {
            throw new IllegalArgumentException("window " + window + " must exceed the overlap " + overlap);
        }
        this.window = window;
        this.maxFindings = maxFindings;
    }

    /** The findings in {@code content}, in order of offset; gzip is decompressed first. */
    public List<Finding> scan(InputStream content) throws IOException, UnsupportedContentException {
        BufferedInputStream in = new BufferedInputStream(content, SNIFF_BYTES * 2);
        InputStream text = isGzip(in) ? gunzip(in) : in;
        try {
            return scanText(text);
        } catch (ZipException e) {
            throw new UnsupportedContentException("corrupt gzip data", e);
        }
    }

    private List<Finding> scanText(InputStream in) throws IOException, UnsupportedContentException {
        List<Finding> findings = new ArrayList<>();
        byte[] buf = new byte[window];
        char[] chars = new char[window];
        int filled = 0;        // bytes of buf in use
        long bufStart = 0;     // offset of buf[0] in the content
        int line = 1;          // line number at buf[minStart]
        int minStart = 0;      // buf[0..minStart) is context already scanned by the previous window
        boolean sniffed = false;
        boolean eof = false;
        while (!eof) {
            int n = in.readNBytes(buf, filled, window - filled);
            eof = filled + n < window;
            filled += n;
            if (!sniffed) {
                sniff(buf, Math.min(filled, SNIFF_BYTES));
                sniffed = true;
            }
            for (int i = 0; i < filled; i++) {
                chars[i] = (char) (buf[i] & 0xff);
            }
            // Matches starting in the overlap tail are reported by the next window, which holds them whole.
            int reportBefore = eof ? filled : filled - overlap - CONTEXT;
            CharSequence text = java.nio.CharBuffer.wrap(chars, 0, filled);
            List<Detector.Match> matches = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            int from = minStart;
            for (Detector detector : detectors) {
                detector.find(text, match -> {
                    if (match.start() >= from && match.start() < reportBefore) {
                        matches.add(match);
                        ids.add(detector.id());
                    }
                });
            }
            if (!matches.isEmpty()) {
                addInOrder(findings, matches, ids, chars, bufStart, minStart, line);
                if (findings.size() >= maxFindings) {
                    return findings.subList(0, maxFindings);
                }
            }
            if (eof) {
                break;
            }
            line += countNewlines(chars, minStart, reportBefore);
            int keepFrom = reportBefore - CONTEXT;
            System.arraycopy(buf, keepFrom, buf, 0, filled - keepFrom);
            bufStart += keepFrom;
            filled -= keepFrom;
            minStart = CONTEXT;
        }
        return findings;
    }

    private static void addInOrder(List<Finding> findings, List<Detector.Match> matches, List<String> ids,
                                   char[] chars, long bufStart, int from, int lineAtFrom) {
        Integer[] order = new Integer[matches.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> matches.get(i).start()));
        int line = lineAtFrom;
        int pos = from;
        for (int i : order) {
            Detector.Match m = matches.get(i);
            line += countNewlines(chars, pos, m.start());
            pos = m.start();
            findings.add(new Finding(ids.get(i), line, bufStart + m.start(), m.masked()));
        }
    }

    private static int countNewlines(char[] chars, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (chars[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b;
    }

    private static InputStream gunzip(InputStream in) throws UnsupportedContentException, IOException {
        try {
            return new GZIPInputStream(in, 64 * 1024);
        } catch (ZipException e) {
            throw new UnsupportedContentException("corrupt gzip data", e);
        }
    }

    /** Text has no NUL bytes and few control characters; anything else is a format we cannot read. */
    private static void sniff(byte[] buf, int length) throws UnsupportedContentException {
        int control = 0;
        for (int i = 0; i < length; i++) {
            int b = buf[i] & 0xff;
            if (b == 0) {
                throw new UnsupportedContentException("unsupported format: binary content");
            }
            if (b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1b)) {
                control++;
            }
        }
        if (length > 0 && control * 10 > length) {
            throw new UnsupportedContentException("unsupported format: binary content");
        }
    }
}
