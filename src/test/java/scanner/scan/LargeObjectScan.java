package scanner.scan;

import java.io.InputStream;
import java.util.List;
import scanner.detect.AllowList;
import scanner.detect.DetectorRegistry;
import scanner.detect.engine.DetectionEngine;

/**
 * Scans a generated object of the given size (a repeating text with one SSN per 64 KiB) and
 * prints the number of findings and the last one. Run in its own JVM by LargeObjectTest, with a
 * small heap, to show the scanner's memory does not grow with the object.
 */
public final class LargeObjectScan {

    static final String SSN = "219-09-9991";

    /** args: size in bytes, and "zip" to scan it as the one entry of a zip streamed to the scanner. */
    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        TextScanner scanner = new TextScanner(new DetectionEngine(DetectorRegistry.builtIn(), AllowList.EMPTY), 1_000_000);
        List<Finding> findings;
        if (args.length > 1 && args[1].equals("zip")) {
            findings = scanZip(scanner, size);
        } else {
            findings = scanner.scan(new Generated(size));
        }
        Finding last = findings.get(findings.size() - 1);
        System.out.println(findings.size() + " " + last.line() + " " + last.offset() + " " + last.location());
    }

    /**
     * A zip holding the generated text as "logs/big.log", written by another thread into a pipe
     * (nothing of it is ever whole in memory or on disk) and read by the object scanner.
     */
    private static List<Finding> scanZip(TextScanner scanner, long size) throws Exception {
        java.io.PipedInputStream in = new java.io.PipedInputStream(1 << 20);
        java.io.PipedOutputStream out = new java.io.PipedOutputStream(in);
        Thread writer = new Thread(() -> {
            try (var zip = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(out)) {
                zip.setLevel(1);
                zip.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("logs/big.log"));
                new Generated(size).transferTo(zip);
                zip.closeArchiveEntry();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        Findings findings = new Findings(1_000_000);
        // The generated text repeats one block, so it compresses far beyond real text: the ratio
        // check is lifted here; memory is what this run is about.
        new scanner.formats.ContentExtractor(new scanner.formats.ContentExtractor.Limits(6, 10, Integer.MAX_VALUE))
                .extract("big.zip", in, (text, location) -> scanner.scan(text, location, findings));
        writer.join();
        return findings.kept();
    }

    /** {@code size} bytes of 64 KiB blocks: 1023 lines of filler, then a line holding an SSN. */
    static final class Generated extends InputStream {
        static final byte[] BLOCK = block();
        private final long size;
        private long position;

        Generated(long size) {
            this.size = size;
        }

        private static byte[] block() {
            byte[] block = new byte[64 * 1024];
            byte[] filler = "log line with nothing to see here, just words and 12 numbers.\n".getBytes();
            for (int i = 0; i < block.length; i++) {
                block[i] = filler[i % filler.length];
            }
            byte[] tail = ("\nssn " + SSN + "\n").getBytes();
            System.arraycopy(tail, 0, block, block.length - tail.length, tail.length);
            return block;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return BLOCK[(int) (position++ % BLOCK.length)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            int done = 0;
            while (done < n) {
                int inBlock = (int) (position % BLOCK.length);
                int chunk = Math.min(n - done, BLOCK.length - inBlock);
                System.arraycopy(BLOCK, inBlock, b, off + done, chunk);
                done += chunk;
                position += chunk;
            }
            return n;
        }
    }
}
