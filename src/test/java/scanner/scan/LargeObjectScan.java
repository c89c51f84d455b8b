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

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        TextScanner scanner = new TextScanner(new DetectionEngine(DetectorRegistry.builtIn(), AllowList.EMPTY), 1_000_000);
        List<Finding> findings = scanner.scan(new Generated(size));
        Finding last = findings.get(findings.size() - 1);
        System.out.println(findings.size() + " " + last.line() + " " + last.offset());
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
