package scanner.scan;

import scanner.formats.UnsupportedContentException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import scanner.formats.ContentExtractor;
import software.amazon.awssdk.core.ResponseInputStream;

/** Scans one fetched object, or decides it is not to be fetched at all. */
public class ObjectScanner {

    private final ContentExtractor extractor;
    private final TextScanner textScanner;
    private final long maxObjectSize;
    private final int maxFindings;

    public ObjectScanner(ContentExtractor extractor, TextScanner textScanner, long maxObjectSize, int maxFindings) {
        this.extractor = extractor;
        this.textScanner = textScanner;
        this.maxObjectSize = maxObjectSize;
        this.maxFindings = maxFindings;
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

    /** Scans a claimed object's content, refusing it past its size limit even if it grew since its listing. */
    public ScanOutcome scanClaimed(ClaimedObject object, InputStream content) throws IOException {
        return scan(object.key(), content, limitFor(object));
    }

    public ScanOutcome scan(String key, InputStream content) throws IOException {
        return scan(key, content, maxObjectSize);
    }

    /**
     * Scans the object's content (text, archives, documents) and closes it. Content we cannot
     * read (corrupt, encrypted, unsupported, over {@code maxBytes}) is a failed object, and the
     * rest of it is not downloaded: the stream is aborted before it is closed, since closing an
     * SDK response stream reads it to the end to reuse the connection. A failure of the transport
     * is thrown, so the message comes back and the object is tried again.
     */
    public ScanOutcome scan(String key, InputStream content, long maxBytes) throws IOException {
        Findings findings = new Findings(maxFindings);
        try {
            extractor.extract(key, content, maxBytes, (text, location) -> textScanner.scan(text, location, findings));
        } catch (UnsupportedContentException e) {
            abort(content);
            content.close();
            return ScanOutcome.failed(e.getMessage());
        } catch (IOException | RuntimeException e) {
            abort(content);
            content.close();
            throw e;
        }
        content.close();
        return ScanOutcome.succeeded(findings);
    }

    private static void abort(InputStream content) {
        if (content instanceof ResponseInputStream<?> response) {
            response.abort();
        }
    }
}
