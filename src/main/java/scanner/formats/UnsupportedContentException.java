package scanner.formats;

/** The object's content cannot be scanned (binary, corrupt compression): a permanent failure. */
public class UnsupportedContentException extends Exception {

    public UnsupportedContentException(String reason) {
        super(reason);
    }

    public UnsupportedContentException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
