package scanner.scan;

import scanner.formats.UnsupportedContentException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import scanner.detect.engine.DetectionEngine;

/**
 * Runs the detection engine over an object's content as a stream, in fixed windows that overlap
 * by the longest possible match: memory stays bounded whatever the object's size, and a match
 * across a window edge is reported once, by the window that holds it whole.
 *
 * <p>Offsets are byte offsets of the (decompressed) content. UTF-16 text with a byte order mark
 * is read one code unit per position and its offsets scaled back to the original bytes.
 */
public final class TextScanner {

    static final int DEFAULT_WINDOW = 256 * 1024;
    private static final int SNIFF_BYTES = 8 * 1024;
    /** Bytes kept before each window at the least, so boundaries see what precedes a match. */
    private static final int MIN_CONTEXT = 16;

    private final DetectionEngine engine;
    private final int window;
    private final int overlap;
    /** Bytes kept before each window: as far back as any detector looks for evidence. */
    private final int context;
    private final int maxFindings;

    public TextScanner(DetectionEngine engine, int maxFindings) {
        this(engine, DEFAULT_WINDOW, maxFindings);
    }

    TextScanner(DetectionEngine engine, int window, int maxFindings) {
        this.engine = engine;
        this.overlap = engine.maxMatchLength();
        this.context = Math.max(MIN_CONTEXT, engine.maxLookBehind());
        if (window <= 2 * (overlap + context)) {
            throw new IllegalArgumentException("window " + window + " must exceed twice the overlap " + overlap);
        }
        this.window = window;
        this.maxFindings = maxFindings;
    }

    /** The findings in {@code content}, in order of offset, up to the cap; gzip is decompressed first. */
    public List<Finding> scan(InputStream content) throws IOException, UnsupportedContentException {
        Findings findings = new Findings(maxFindings);
        scan(content, null, findings);
        return findings.kept();
    }

    /**
     * Adds the findings in {@code content} (text: plain, UTF-16 with a byte order mark, or gzip of
     * these) to {@code into}, each with {@code location}; past the cap they are only counted.
     */
    public void scan(InputStream content, String location, Findings into) throws IOException, UnsupportedContentException {
        BufferedInputStream in = new BufferedInputStream(content, SNIFF_BYTES * 2);
        if (startsWith(in, 0x1f, 0x8b)) {
            in = new BufferedInputStream(gunzip(in), SNIFF_BYTES * 2);
        }
        try {
            if (startsWith(in, 0xfe, 0xff) || startsWith(in, 0xff, 0xfe)) {
                boolean bigEndian = startsWith(in, 0xfe, 0xff);
                in.skipNBytes(2);
                scanText(new Utf16Units(in, bigEndian), 2, 2, location, into);
                return;
            }
            scanText(in, 1, 0, location, into);
        } catch (ZipException e) {
            throw new UnsupportedContentException("corrupt gzip data", e);
        }
    }

    /**
     * @param scale bytes of the content per position of {@code in}
     * @param base  bytes of the content before {@code in}'s first position
     */
    private void scanText(InputStream in, int scale, int base, String location, Findings findings)
            throws IOException, UnsupportedContentException {
        List<DetectionEngine.Found> found = new ArrayList<>();
        byte[] buf = new byte[window];
        int filled = 0;        // bytes of buf in use
        long bufStart = 0;     // position of buf[0] in the text
        int line = 1;          // line number at buf[minStart] when a window starts
        int minStart = 0;      // buf[0..minStart) was reported on by the previous window
        boolean sniffed = false;
        while (true) {
            int n = in.readNBytes(buf, filled, window - filled);
            boolean eof = filled + n < window;
            filled += n;
            if (!sniffed) {
                sniff(buf, Math.min(filled, SNIFF_BYTES));
                sniffed = true;
            }
            // Matches starting in the overlap are reported by the next window, which holds them whole.
            int reportBefore = eof ? filled : filled - overlap - context;
            found.clear();
            engine.scan(buf, filled, minStart, reportBefore, (id, s, e, masked) -> found.add(new DetectionEngine.Found(id, s, e, masked)));
            int counted = minStart; // line is the line number at buf[counted]
            for (DetectionEngine.Found f : found) {
                line += countNewlines(buf, counted, f.start());
                counted = f.start();
                findings.add(new Finding(f.detector(), line, base + scale * (bufStart + f.start()), f.masked(), location));
            }
            if (eof) {
                return;
            }
            line += countNewlines(buf, counted, reportBefore);
            int keepFrom = reportBefore - context;
            System.arraycopy(buf, keepFrom, buf, 0, filled - keepFrom);
            bufStart += keepFrom;
            filled -= keepFrom;
            minStart = context;
        }
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;

    /** Newlines in {@code buf[from, to)}, eight bytes at a time (exact SWAR zero-byte count). */
    static int countNewlines(byte[] buf, int from, int to) {
        int n = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(buf, i) ^ NEWLINES; // newline bytes become zero
            long zeros = ~(((x & LOW7) + LOW7) | x | LOW7); // high bit set exactly for zero bytes
            n += Long.bitCount(zeros);
        }
        for (; i < to; i++) {
            n += buf[i] == '\n' ? 1 : 0;
        }
        return n;
    }

    private static boolean startsWith(BufferedInputStream in, int b1, int b2) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == b1 && second == b2;
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

    /** UTF-16 code units as one byte each: the unit itself below 256, '?' otherwise. */
    private static final class Utf16Units extends InputStream {
        private final InputStream in;
        private final boolean bigEndian;
        private final byte[] pair = new byte[8192];

        Utf16Units(InputStream in, boolean bigEndian) {
            this.in = in;
            this.bigEndian = bigEndian;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int units = Math.min(len, pair.length / 2);
            int got = in.readNBytes(pair, 0, units * 2);
            if (got < 2) {
                return -1;
            }
            int n = got / 2;
            for (int i = 0; i < n; i++) {
                int hi = pair[2 * i + (bigEndian ? 0 : 1)] & 0xff;
                int lo = pair[2 * i + (bigEndian ? 1 : 0)] & 0xff;
                b[off + i] = hi == 0 ? (byte) lo : (byte) '?';
            }
            return n;
        }
    }
}
