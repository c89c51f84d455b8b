package scanner.formats;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What one object may cost to open: how deep its archives nest, how many entries they hold, and
 * how many bytes their decompression yields per byte read from S3. Counted across all its layers,
 * so a bomb of nested archives is stopped like a flat one.
 */
final class Budget {

    /** Below this many extracted bytes the ratio is not judged: small files compress wildly. */
    static final long RATIO_GRACE = 64L * 1024 * 1024;

    /** A refusal raised while reading (where only IOException may pass), turned into a failed object. */
    static final class Refused extends IOException {
        Refused(String reason) {
            super(reason);
        }
    }

    private final ContentExtractor.Limits limits;
    /** Bytes of the object itself it may hold; an object rewritten bigger since its listing stops here. */
    private final long maxRaw;
    private long raw;
    private long expanded;
    private int entries;

    Budget(ContentExtractor.Limits limits, long maxRaw) {
        this.limits = limits;
        this.maxRaw = maxRaw;
    }

    InputStream raw(InputStream content) {
        return new Counting(content) {
            @Override
            void counted(long n) throws Refused {
                raw += n;
                if (raw > maxRaw) {
                    throw new Refused("too large: more than " + maxRaw + " bytes read, the limit is " + maxRaw + " bytes");
                }
            }
        };
    }

    InputStream expanded(InputStream decompressed) {
        return new Counting(decompressed) {
            @Override
            void counted(long n) throws Refused {
                expanded += n;
                if (expanded > RATIO_GRACE && expanded > (long) limits.maxRatio() * Math.max(raw, 1)) {
                    throw new Refused("zip bomb: more than " + limits.maxRatio() + " bytes extracted per byte read ("
                            + expanded + " from " + raw + ")");
                }
            }
        };
    }

    /** Opening a container at {@code depth} (0: the object itself). */
    void enter(int depth, String path) throws Refused {
        if (depth >= limits.maxDepth()) {
            throw new Refused("zip bomb: archives nested more than " + limits.maxDepth() + " deep (" + path + ")");
        }
    }

    void entry(String path) throws Refused {
        if (++entries > limits.maxEntries()) {
            throw new Refused("zip bomb: more than " + limits.maxEntries() + " archive entries (at " + path + ")");
        }
    }

    private abstract static class Counting extends FilterInputStream {
        Counting(InputStream in) {
            super(in);
        }

        abstract void counted(long n) throws Refused;

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            if (skipped > 0) {
                counted(skipped);
            }
            return skipped;
        }
    }
}
