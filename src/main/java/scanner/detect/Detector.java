package scanner.detect;

import java.util.List;
import scanner.detect.engine.Latin1Text;

/**
 * One kind of sensitive value: an id, a cheap trigger, a validation and a mask. Stateless and
 * thread-safe. The engine finds triggers in one pass over the bytes and calls {@link #verify}
 * only around them; indexes are byte offsets in the text.
 */
public interface Detector {

    /** What makes the engine call {@link #verify}. */
    enum Trigger {
        /** One of {@link #keywords()} (ASCII, any case) ends here. */
        KEYWORD,
        /** A run of digits (with spaces, dashes, dots, parentheses between them) ends here. */
        DIGIT_RUN,
        /** Two capital letters, one of {@link #countryCodes()}, followed by a digit (IBAN-shaped). */
        COUNTRY_CODE,
        /** Every window (custom detectors without keywords: slow, avoid). */
        EVERY_WINDOW
    }

    /** The stable id stored with each finding, e.g. {@code US_SSN}. */
    String id();

    Trigger trigger();

    /**
     * Keywords for {@link Trigger#KEYWORD}: one written in lower case matches in any case, one with
     * a capital letter matches exactly as written.
     */
    default List<String> keywords() {
        return List.of();
    }

    /**
     * For {@link Trigger#DIGIT_RUN}: the fewest digits a run needs to be offered (a run right after
     * "+" counts two more).
     */
    default int minDigits() {
        return 0;
    }

    /** For {@link Trigger#COUNTRY_CODE}: the two-letter codes that may start a match. */
    default java.util.Collection<String> countryCodes() {
        return List.of();
    }

    /** Longest match this detector reports; the scanner overlaps its windows by at least this much. */
    int maxMatchLength();

    /**
     * How far before its match this detector looks for evidence (a context word, a preceding
     * character that rules a match out). The scanner keeps at least this many bytes before each
     * window, so a match right after a window edge is judged on the same text as anywhere else.
     */
    default int lookBehind() {
        return 16;
    }

    /**
     * Checks the text around a trigger ({@code [start, end)}: the keyword, the digit run, the
     * country code, or the whole window) and reports each validated match.
     */
    void verify(Latin1Text text, int start, int end, MatchSink sink);

    /** Receives validated matches. */
    interface MatchSink {
        /** {@code raw} is used to mask and to check the allow list, and dropped at once. */
        void match(int start, int end, String raw, String masked);
    }
}
