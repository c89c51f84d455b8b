package scanner.scan;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import software.amazon.awssdk.core.ResponseInputStream;

/** Scans one fetched object, or decides it is not to be fetched at all. */
public class ObjectScanner {

    private final TextScanner textScanner;
    private final long maxObjectSize;

    public ObjectScanner(TextScanner textScanner, long maxObjectSize) {
        this.textScanner = textScanner;
        this.maxObjectSize = maxObjectSize;
    }

    public boolean isTooLarge(ClaimedObject object) {
        return object.size() > limitFor(object);
    }

    public ScanOutcome tooLarge(ClaimedObject object) {
        return ScanOutcome.failed(String.format(Locale.ROOT, "too large: %d bytes, the limit is %d bytes",
                object.size(), limitFor(object)));
    }

    /** The server's limit, or the scan's own when it asked for a lower one. */
    private long limitFor(ClaimedObject object) {
        return object.maxSize() == null ? maxObjectSize : Math.min(maxObjectSize, object.maxSize());
    }

    /**
     * Scans the content and closes it. Content we cannot read as text is a failed object; an I/O
     * error is thrown, so the message comes back and the object is tried again.
     */
    public ScanOutcome scan(InputStream content) throws IOException {
        try (content) {
            return ScanOutcome.succeeded(textScanner.scan(content));
        } catch (UnsupportedContentException e) {
            if (content instanceof ResponseInputStream<?> response) {
                response.abort(); // do not download the rest of an object we will not read
            }
            return ScanOutcome.failed(e.getMessage());
        }
    }
}
