package scanner.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import scanner.detect.AllowList;
import scanner.detect.DetectorRegistry;
import scanner.detect.engine.DetectionEngine;
import scanner.formats.ContentExtractor;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

class ObjectScannerTest {

    private static ObjectScanner scanner(int maxFindings) {
        return new ObjectScanner(new ContentExtractor(ContentExtractor.Limits.DEFAULT),
                new TextScanner(new DetectionEngine(DetectorRegistry.builtIn(), AllowList.EMPTY), maxFindings),
                1L << 40, maxFindings);
    }

    /**
     * Like the SDK's HTTP stream: closing it reads the rest of the body (to reuse the connection);
     * aborting it drops the connection at once.
     */
    private static final class HttpBody extends InputStream {
        final AtomicLong read = new AtomicLong();
        final AtomicBoolean aborted = new AtomicBoolean();
        private final byte[] head;
        private final long size;

        HttpBody(byte[] head, long size) {
            this.head = head;
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (aborted.get() || read.get() >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - read.get());
            for (int i = 0; i < n; i++) {
                long p = read.get() + i;
                b[off + i] = p < head.length ? head[(int) p] : 0;
            }
            read.addAndGet(n);
            return n;
        }

        @Override
        public void close() {
            while (read(new byte[8192], 0, 8192) > 0) {
                // drain, as a pooled HTTP connection does
            }
        }
    }

    @Test
    void an_unreadable_object_is_aborted_not_downloaded_whole() throws IOException {
        long size = 512L * 1024 * 1024;
        HttpBody body = new HttpBody(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, size);
        ResponseInputStream<GetObjectResponse> response = new ResponseInputStream<>(GetObjectResponse.builder().build(),
                AbortableInputStream.create(body, () -> body.aborted.set(true)));

        ScanOutcome outcome = scanner(100).scan("photo.png", response);

        assertFalse(outcome.succeeded());
        assertEquals("unsupported format: image", outcome.error());
        assertTrue(body.aborted.get(), "aborted");
        assertTrue(body.read.get() < 1024 * 1024, "read " + body.read.get() + " of " + size + " bytes");
    }

    @Test
    void findings_past_the_cap_are_counted_and_the_object_says_so() throws IOException {
        String text = "ssn 219-09-9991\n".repeat(30);

        ScanOutcome outcome = scanner(10).scan("many.txt", new ByteArrayInputStream(text.getBytes()));

        assertTrue(outcome.succeeded());
        assertEquals(10, outcome.findings().size());
        assertEquals(20, outcome.findingsDropped());
        assertTrue(outcome.findingsTruncated());
        ScanOutcome few = scanner(10).scan("few.txt", new ByteArrayInputStream("ssn 219-09-9991\n".getBytes()));
        assertFalse(few.findingsTruncated());
    }
}
