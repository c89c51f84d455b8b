package scanner.detect;

import java.util.function.Consumer;

/**
 * One kind of sensitive value. Implementations are stateless and thread-safe.
 *
 * <p>Text is handed over as ISO-8859-1 decoded bytes, so a char index is a byte offset and every
 * ASCII pattern matches as it would on the raw bytes.
 */
public interface Detector {

    /** The stable id stored with each finding, e.g. {@code US_SSN}. */
    String id();

    /** Longest match this detector can report; the scanner overlaps its windows by at least this much. */
    int maxMatchLength();

    /** Cheap test run before the pattern: false when the window cannot hold a match. */
    default boolean mayContain(CharSequence window) {
        return true;
    }

    /** Reports every validated match in {@code window}. */
    void find(CharSequence window, Consumer<Match> matches);

    /** A validated match: where it is in the window and its masked form (never the raw value). */
    record Match(int start, int end, String masked) {
    }
}
