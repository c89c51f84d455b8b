package scanner.detect;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A detector made of a pattern, an optional keyword pre-filter, a validation and a masking rule. */
abstract class RegexDetector implements Detector {

    private final String id;
    private final Pattern pattern;
    private final int maxMatchLength;

    RegexDetector(String id, Pattern pattern, int maxMatchLength) {
        this.id = id;
        this.pattern = pattern;
        this.maxMatchLength = maxMatchLength;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final int maxMatchLength() {
        return maxMatchLength;
    }

    @Override
    public final void find(CharSequence window, Consumer<Match> matches) {
        if (!mayContain(window)) {
            return;
        }
        Matcher m = pattern.matcher(window);
        while (m.find()) {
            String raw = m.group();
            if (isValid(m, raw)) {
                matches.accept(new Match(m.start(), m.end(), mask(raw)));
            }
        }
    }

    /** Checks beyond the pattern (checksums, reserved ranges). */
    abstract boolean isValid(Matcher match, String raw);

    abstract String mask(String raw);

    static boolean containsAny(CharSequence text, String... keywords) {
        String s = text.toString();
        for (String keyword : keywords) {
            if (s.contains(keyword)) {
                return true;
            }
        }
        return false;
    }
}
